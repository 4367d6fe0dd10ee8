/** Bounded least-recently-used map; `capacity` 0 stores nothing. */
export class DecisionCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The cached value, marked as most recently used. */
  get(key: string): V | undefined {
    const entries = this.#entries;
    const value = entries.get(key);
    if (value !== undefined && entries.size > 1) {
      entries.delete(key);
      entries.set(key, value);
    }
    return value;
  }

  /** Stores a value, evicting the least recently used entry when full. */
  set(key: string, value: V): void {
    if (this.#capacity === 0) return;
    const entries = this.#entries;
    entries.delete(key);
    if (entries.size >= this.#capacity) entries.delete(entries.keys().next().value as string);
    entries.set(key, value);
  }

  /** Number of cached entries. */
  get size(): number {
    return this.#entries.size;
  }

  /** Drops every entry. */
  clear(): void {
    this.#entries.clear();
  }
}
