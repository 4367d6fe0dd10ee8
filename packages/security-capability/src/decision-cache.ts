// Decisions cached per component, keyed by resource and then by a small action-slot number, so a hit costs
// one Map lookup on a string the caller usually reuses (its hash is already computed) and one array read.
// Eviction is "second chance" (CLOCK), an O(1) approximation of least-recently-used: a hit only sets a flag,
// and a full cache moves flagged entries to the back before evicting the oldest unflagged one.

interface Node<V> {
  readonly values: (V | undefined)[];
  used: boolean;
}

/** Bounded cache of decisions by resource and action slot; `capacity` counts resources, 0 stores nothing. */
export class DecisionCache<V> {
  readonly #nodes = new Map<string, Node<V>>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The cached value of `resource` for `slot`, marking it recently used. */
  get(resource: string, slot: number): V | undefined {
    const node = this.#nodes.get(resource);
    if (node === undefined) return undefined;
    node.used = true;
    return node.values[slot];
  }

  /** Stores a value, evicting the oldest resource not used since it was last considered, when full. */
  set(resource: string, slot: number, value: V): void {
    if (this.#capacity === 0) return;
    const nodes = this.#nodes;
    let node = nodes.get(resource);
    if (node === undefined) {
      if (nodes.size >= this.#capacity) this.#evict();
      node = { values: [], used: false };
      nodes.set(resource, node);
    }
    node.values[slot] = value;
  }

  #evict(): void {
    const nodes = this.#nodes;
    // Terminates: each flagged node is re-queued unflagged, so within size + 1 steps one is unflagged.
    for (const [resource, node] of nodes) {
      nodes.delete(resource);
      if (!node.used) return;
      node.used = false;
      nodes.set(resource, node);
    }
  }

  /** Number of cached resources. */
  get size(): number {
    return this.#nodes.size;
  }

  /** Drops every entry. */
  clear(): void {
    this.#nodes.clear();
  }
}
