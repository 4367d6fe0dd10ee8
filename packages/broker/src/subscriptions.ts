import { compileTopicPattern } from './topic-pattern.js';

interface Node {
  readonly children: Map<string, Node>;
  /** Addresses whose pattern ends at this node. */
  readonly here: Set<string>;
  /** Addresses whose pattern continues with a final `#` below this node. */
  readonly rest: Set<string>;
}

const node = (): Node => ({ children: new Map(), here: new Set(), rest: new Set() });

/** Who subscribed to what, indexed as a segment trie so a publish walks its topic, not every pattern. */
export interface SubscriptionIndex {
  /** Adds a subscription; returns false when the address already had this pattern. Throws on a bad pattern. */
  add(address: string, pattern: string): boolean;
  /** Removes one subscription; returns false when there was none. */
  remove(address: string, pattern: string): boolean;
  /** Removes every subscription of the address; returns how many there were. */
  removeAll(address: string): number;
  /** Every address with at least one pattern matching `topic` (a valid topic), each once. */
  match(topic: string): string[];
  /** The patterns of one address, in the order they were added. */
  patternsOf(address: string): string[];
  readonly size: number;
}

/** Creates an empty {@link SubscriptionIndex}. */
export function createSubscriptionIndex(): SubscriptionIndex {
  const root = node();
  const byAddress = new Map<string, Set<string>>();
  let size = 0;

  /** The set a pattern's address lives in, creating the path when `create`. */
  const slot = (segments: readonly string[], create: boolean): Set<string> | undefined => {
    let at = root;
    for (const segment of segments) {
      if (segment === '#') return at.rest;
      let next = at.children.get(segment);
      if (next === undefined) {
        if (!create) return undefined;
        next = node();
        at.children.set(segment, next);
      }
      at = next;
    }
    return at.here;
  };

  const prune = (at: Node, segments: readonly string[], i: number): boolean => {
    const segment = segments[i];
    if (segment !== undefined && segment !== '#') {
      const child = at.children.get(segment);
      if (child !== undefined && prune(child, segments, i + 1)) at.children.delete(segment);
    }
    return at !== root && at.children.size === 0 && at.here.size === 0 && at.rest.size === 0;
  };

  const collect = (at: Node, segments: readonly string[], i: number, out: Set<string>): void => {
    if (i === segments.length) {
      for (const address of at.here) out.add(address);
      return;
    }
    for (const address of at.rest) out.add(address);
    const exact = at.children.get(segments[i]!);
    if (exact !== undefined) collect(exact, segments, i + 1, out);
    const any = at.children.get('*');
    if (any !== undefined) collect(any, segments, i + 1, out);
  };

  const remove = (address: string, pattern: string): boolean => {
    const patterns = byAddress.get(address);
    if (patterns === undefined || !patterns.delete(pattern)) return false;
    if (patterns.size === 0) byAddress.delete(address);
    const segments = pattern.split('.');
    slot(segments, false)?.delete(address);
    prune(root, segments, 0);
    size -= 1;
    return true;
  };

  return {
    add(address, pattern) {
      const { segments } = compileTopicPattern(pattern);
      let patterns = byAddress.get(address);
      if (patterns?.has(pattern)) return false;
      if (patterns === undefined) {
        patterns = new Set();
        byAddress.set(address, patterns);
      }
      patterns.add(pattern);
      slot(segments, true)!.add(address);
      size += 1;
      return true;
    },
    remove,
    removeAll(address) {
      const patterns = [...(byAddress.get(address) ?? [])];
      for (const pattern of patterns) remove(address, pattern);
      return patterns.length;
    },
    match(topic) {
      const out = new Set<string>();
      collect(root, topic.split('.'), 0, out);
      return [...out];
    },
    patternsOf: (address) => [...(byAddress.get(address) ?? [])],
    get size() {
      return size;
    },
  };
}
