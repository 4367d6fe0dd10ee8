import { Buffer } from 'node:buffer';
import type { StorageBackend, StorageUsage } from '@airssys/core';
import { compareKeys, lowerBound } from '../order.js';
import type { MemoryStorageOptions, StorageLimits } from '../types.js';
import { checkKey, checkNamespace, checkPrefix, checkValue, resolveLimits } from '../validate.js';

/** The memory driver: a {@link StorageBackend} plus its limits and `clear()`. */
export interface MemoryStorage extends StorageBackend {
  readonly name: 'memory';
  readonly limits: StorageLimits;
  /** Forgets every namespace. */
  clear(): void;
  dispose(): void;
}

interface Space {
  readonly entries: Map<string, Uint8Array>;
  /** Sum of UTF-8 key lengths and value lengths. */
  bytes: number;
  /** Keys in code point order, rebuilt on demand after a key is added or removed. */
  sorted: string[] | undefined;
}

/**
 * Creates storage that lives in this process only (tests, throwaway hosts); same rules as the SQLite driver.
 * Values are copied in and out, so callers can never change what is stored behind its back.
 * @example const storage = createMemoryStorage(); storage.set('acme/app', 'a', new Uint8Array([1]));
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): MemoryStorage {
  const limits = resolveLimits(options);
  const spaces = new Map<string, Space>();

  const spaceOf = (namespace: string): Space | undefined => {
    checkNamespace(namespace);
    return spaces.get(namespace);
  };

  const sortedKeys = (space: Space): string[] => {
    space.sorted ??= [...space.entries.keys()].sort(compareKeys);
    return space.sorted;
  };

  return {
    name: 'memory',
    limits,
    get(namespace, key) {
      const space = spaceOf(namespace);
      checkKey(namespace, key, limits);
      const value = space?.entries.get(key);
      return value === undefined ? undefined : value.slice();
    },
    set(namespace, key, value) {
      checkNamespace(namespace);
      checkKey(namespace, key, limits);
      checkValue(namespace, key, value, limits);
      let space = spaces.get(namespace);
      if (space === undefined) {
        space = { entries: new Map(), bytes: 0, sorted: undefined };
        spaces.set(namespace, space);
      }
      const old = space.entries.get(key);
      if (old === undefined) {
        space.bytes += Buffer.byteLength(key, 'utf8');
        space.sorted = undefined;
      } else {
        space.bytes -= old.byteLength;
      }
      space.bytes += value.byteLength;
      space.entries.set(key, value.slice());
    },
    delete(namespace, key) {
      const space = spaceOf(namespace);
      checkKey(namespace, key, limits);
      const old = space?.entries.get(key);
      if (space === undefined || old === undefined) return false;
      space.entries.delete(key);
      space.bytes -= Buffer.byteLength(key, 'utf8') + old.byteLength;
      space.sorted = undefined;
      if (space.entries.size === 0) spaces.delete(namespace);
      return true;
    },
    has(namespace, key) {
      const space = spaceOf(namespace);
      checkKey(namespace, key, limits);
      return space?.entries.has(key) ?? false;
    },
    keys(namespace, prefix = '') {
      const space = spaceOf(namespace);
      checkPrefix(namespace, prefix, limits);
      if (space === undefined) return [];
      const sorted = sortedKeys(space);
      if (prefix === '') return sorted.slice();
      const out: string[] = [];
      for (let i = lowerBound(sorted, prefix); i < sorted.length; i++) {
        const key = sorted[i] as string;
        if (!key.startsWith(prefix)) break;
        out.push(key);
      }
      return out;
    },
    usage(namespace): StorageUsage {
      const space = spaceOf(namespace);
      return { keys: space?.entries.size ?? 0, bytes: space?.bytes ?? 0 };
    },
    clear() {
      spaces.clear();
    },
    dispose() {
      spaces.clear();
    },
  };
}
