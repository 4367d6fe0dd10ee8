// The conformance suite every StorageBackend runs: `testStorageBackend(() => createXStorage())`.
import type { StorageBackend } from '@airssys/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isStorageError, type StorageErrorCode } from './errors.js';
import { compareKeys } from './order.js';
import { entrySize } from './scoped.js';
import type { StorageLimitsOptions } from './types.js';
import { checkKey, DEFAULT_MAX_KEY_LENGTH, DEFAULT_MAX_VALUE_BYTES, resolveLimits } from './validate.js';

/** Builds a fresh, empty backend; the suite passes limits when it tests them and disposes it after each test. */
export type StorageBackendFactory = (options?: StorageLimitsOptions) => StorageBackend;

const NS = 'acme/app';
const OTHER = 'acme/app-2';
const bytes = (...values: number[]) => Uint8Array.from(values);

/** Asserts that `fn` throws a storage error with `code` whose message holds `mentions` in backticks. */
export function expectStorageError(fn: () => unknown, code: StorageErrorCode, mentions?: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(isStorageError(thrown, code), `expected ${code}, got ${String(thrown)}`).toBe(true);
  if (mentions !== undefined) expect((thrown as Error).message).toContain(`\`${mentions}\``);
}

/** Registers the `StorageBackend` conformance tests (vitest) for the backends `factory` builds. */
export function testStorageBackend(factory: StorageBackendFactory): void {
  let open: StorageBackend[] = [];
  const make = (options?: StorageLimitsOptions): StorageBackend => {
    const backend = factory(options);
    open.push(backend);
    return backend;
  };
  afterEach(() => {
    for (const backend of open) backend.dispose?.();
    open = [];
  });

  describe('storage backend contract', () => {
    it('gets, sets, checks and deletes one key', () => {
      const s = make();
      expect(s.get(NS, 'a')).toBeUndefined();
      expect(s.has(NS, 'a')).toBe(false);
      s.set(NS, 'a', bytes(1, 2, 3));
      expect(s.get(NS, 'a')).toEqual(bytes(1, 2, 3));
      expect(s.has(NS, 'a')).toBe(true);
      expect(s.delete(NS, 'a')).toBe(true);
      expect(s.delete(NS, 'a')).toBe(false);
      expect(s.get(NS, 'a')).toBeUndefined();
    });

    it('counts keys and key plus value bytes, and tracks overwrites', () => {
      const s = make();
      expect(s.usage(NS)).toEqual({ keys: 0, bytes: 0 });
      s.set(NS, 'key', new Uint8Array(10));
      expect(s.usage(NS)).toEqual({ keys: 1, bytes: 13 });
      s.set(NS, 'key', new Uint8Array(2));
      expect(s.usage(NS)).toEqual({ keys: 1, bytes: 5 });
      s.set(NS, 'é', new Uint8Array(1));
      expect(s.usage(NS)).toEqual({ keys: 2, bytes: 5 + 2 + 1 });
      s.delete(NS, 'key');
      s.delete(NS, 'é');
      expect(s.usage(NS)).toEqual({ keys: 0, bytes: 0 });
    });

    it('stores an empty value as present and empty', () => {
      const s = make();
      s.set(NS, 'empty', new Uint8Array(0));
      expect(s.get(NS, 'empty')?.byteLength).toBe(0);
      expect(s.has(NS, 'empty')).toBe(true);
      expect(s.usage(NS)).toEqual({ keys: 1, bytes: 5 });
    });

    it('round-trips every byte value exactly and keeps stored bytes apart from the caller', () => {
      const s = make();
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      s.set(NS, 'all', all);
      all[0] = 99;
      const back = s.get(NS, 'all');
      expect(back).toEqual(Uint8Array.from({ length: 256 }, (_, i) => i));
      if (back !== undefined) back[1] = 99;
      expect(s.get(NS, 'all')?.[1]).toBe(1);
      s.set(NS, 'view', Uint8Array.from([7, 8, 9, 10]).subarray(1, 3));
      expect(s.get(NS, 'view')).toEqual(bytes(8, 9));
    });

    it('accepts exactly 1 MiB and refuses one byte more, keeping the old value', () => {
      const s = make();
      s.set(NS, 'big', new Uint8Array(DEFAULT_MAX_VALUE_BYTES).fill(7));
      expect(s.get(NS, 'big')?.byteLength).toBe(DEFAULT_MAX_VALUE_BYTES);
      expectStorageError(
        () => s.set(NS, 'big', new Uint8Array(DEFAULT_MAX_VALUE_BYTES + 1)),
        'VALUE_TOO_LARGE',
      );
      expect(s.get(NS, 'big')?.byteLength).toBe(DEFAULT_MAX_VALUE_BYTES);
      expectStorageError(
        () => s.set(NS, 'new', new Uint8Array(DEFAULT_MAX_VALUE_BYTES + 1)),
        'VALUE_TOO_LARGE',
      );
      expect(s.has(NS, 'new')).toBe(false);
    });

    it('honours configured value and key limits', () => {
      const s = make({ maxValueBytes: 4, maxKeyLength: 3 });
      s.set(NS, 'abc', new Uint8Array(4));
      expectStorageError(() => s.set(NS, 'abc', new Uint8Array(5)), 'VALUE_TOO_LARGE');
      expectStorageError(() => s.set(NS, 'abcd', new Uint8Array(1)), 'INVALID_KEY', 'abcd');
      expect(s.keys(NS)).toEqual(['abc']);
    });

    it('rejects a value that is not a Uint8Array', () => {
      const s = make();
      for (const value of ['text', [1, 2], new ArrayBuffer(2), null]) {
        expectStorageError(() => s.set(NS, 'k', value as unknown as Uint8Array), 'INVALID_VALUE');
      }
      expect(s.usage(NS).keys).toBe(0);
    });

    it('lists keys in ascending code point order, as a fresh array', () => {
      const s = make();
      const keys = ['b', 'a/b', 'a', '\u{1F600}', '\uE000', 'é', 'a/a', 'B', '0'];
      for (const key of keys) s.set(NS, key, bytes(1));
      const listed = s.keys(NS);
      expect(listed).toEqual(['0', 'B', 'a', 'a/a', 'a/b', 'b', 'é', '\uE000', '\u{1F600}']);
      listed.pop();
      expect(s.keys(NS)).toHaveLength(keys.length);
    });

    it('lists by prefix with a literal match, no wildcards', () => {
      const s = make();
      for (const key of ['a%b', 'axb', 'a_b', 'ayb', 'a/x', 'a/y', 'a', 'b', 'a\u{1F600}', 'a\uFFFD']) {
        s.set(NS, key, bytes(1));
      }
      expect(s.keys(NS, 'a%')).toEqual(['a%b']);
      expect(s.keys(NS, 'a_')).toEqual(['a_b']);
      expect(s.keys(NS, 'a/')).toEqual(['a/x', 'a/y']);
      expect(s.keys(NS, 'a')).toEqual([
        'a',
        'a%b',
        'a/x',
        'a/y',
        'a_b',
        'axb',
        'ayb',
        'a\uFFFD',
        'a\u{1F600}',
      ]);
      expect(s.keys(NS, 'c')).toEqual([]);
      expect(s.keys(NS, '')).toHaveLength(10);
    });

    it('keeps namespaces apart, even when one name is a prefix of another', () => {
      const s = make();
      s.set(NS, 'k', bytes(1));
      s.set(OTHER, 'k', bytes(2));
      s.set(OTHER, 'only-other', bytes(3));
      s.set('acme/ap', 'p/k', bytes(4));
      expect(s.get(NS, 'k')).toEqual(bytes(1));
      expect(s.get(OTHER, 'k')).toEqual(bytes(2));
      expect(s.keys(NS)).toEqual(['k']);
      expect(s.keys(NS, 'o')).toEqual([]);
      expect(s.has(NS, 'only-other')).toBe(false);
      expect(s.usage(NS)).toEqual({ keys: 1, bytes: 2 });
      expect(s.delete(NS, 'k')).toBe(true);
      expect(s.get(OTHER, 'k')).toEqual(bytes(2));
      expect(s.keys('acme/ap')).toEqual(['p/k']);
    });

    it('keeps keys that look like other namespaces inside their own, or rejects them', () => {
      const s = make();
      s.set(NS, 'other/name/x', bytes(1));
      s.set(NS, 'acme/app-2/k', bytes(1));
      expect(s.keys('other/name')).toEqual([]);
      expect(s.get(OTHER, 'k')).toBeUndefined();
      expect(s.keys(NS)).toEqual(['acme/app-2/k', 'other/name/x']);
      for (const key of ['../other', '../../acme/app-2/k', 'a/../../x', '/acme/app-2/k', 'a\\..\\b']) {
        expectStorageError(() => s.set(NS, key, bytes(1)), 'INVALID_KEY');
      }
      expect(s.keys(OTHER)).toEqual([]);
    });
  });

  describe('storage backend validation', () => {
    it('rejects a namespace that is not a component key, naming it', () => {
      const s = make();
      for (const namespace of [
        '',
        'acme',
        'Acme/app',
        'acme/app/x',
        '../acme',
        'acme/1app',
        'acme/',
        'a b/c',
      ]) {
        expectStorageError(() => s.get(namespace, 'k'), 'INVALID_NAMESPACE', namespace);
        expectStorageError(() => s.set(namespace, 'k', bytes(1)), 'INVALID_NAMESPACE');
        expectStorageError(() => s.keys(namespace), 'INVALID_NAMESPACE');
        expectStorageError(() => s.usage(namespace), 'INVALID_NAMESPACE');
      }
    });

    it('rejects bad keys on every call, naming them', () => {
      const s = make();
      const long = 'k'.repeat(DEFAULT_MAX_KEY_LENGTH + 1);
      const bad = [
        '',
        '/abs',
        '..',
        'a/..',
        'a/../b',
        'a\\b',
        'a\u0000b',
        'line\n',
        '\u007f',
        '\u0085',
        '\uD800',
      ];
      for (const key of [...bad, '\u{10FFFF}', '\uFFFE', long]) {
        expectStorageError(() => s.set(NS, key, bytes(1)), 'INVALID_KEY');
        expectStorageError(() => s.get(NS, key), 'INVALID_KEY');
        expectStorageError(() => s.has(NS, key), 'INVALID_KEY');
        expectStorageError(() => s.delete(NS, key), 'INVALID_KEY');
      }
      expectStorageError(() => s.get(NS, '/abs'), 'INVALID_KEY', '/abs');
      expectStorageError(() => s.keys(NS, 'a\u0000'), 'INVALID_KEY');
      expectStorageError(() => s.keys(NS, '/'), 'INVALID_KEY');
      expect(s.usage(NS)).toEqual({ keys: 0, bytes: 0 });
    });

    it('accepts keys at the edges of the rules', () => {
      const s = make();
      const good = [
        'k'.repeat(DEFAULT_MAX_KEY_LENGTH),
        '\u{1F600}'.repeat(DEFAULT_MAX_KEY_LENGTH),
        '..a',
        'a..b',
      ];
      for (const key of [...good, 'a/./b', 'dir/', 'spaces are fine', '%_*?[]', '😀/ünïcode']) {
        s.set(NS, key, bytes(1));
        expect(s.get(NS, key), key).toEqual(bytes(1));
      }
      expect(s.usage(NS).keys).toBe(9);
    });
  });

  describe('storage backend properties', () => {
    const limits = resolveLimits();
    const isKey = (key: string) => {
      try {
        checkKey(NS, key, limits);
        return true;
      } catch {
        return false;
      }
    };
    const key = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter(isKey);
    const entries = fc.dictionary(key, fc.uint8Array({ maxLength: 48 }), { maxKeys: 12 });
    let run = 0;

    it('round-trips random keys and values, lists them sorted and sums their usage', () => {
      const s = make();
      fc.assert(
        fc.property(entries, fc.uint8Array({ maxLength: 8 }), (dict, replacement) => {
          const namespace = `prop/run-${run++}`;
          const pairs = Object.entries(dict);
          for (const [k, v] of pairs) s.set(namespace, k, v);
          for (const [k, v] of pairs) expect(s.get(namespace, k)).toEqual(v);
          expect(s.keys(namespace)).toEqual(pairs.map(([k]) => k).sort(compareKeys));
          const first = pairs[0];
          if (first !== undefined) s.set(namespace, first[0], replacement);
          const expected = pairs.map(([k, v], i) => entrySize(k, i === 0 ? replacement : v));
          const total = expected.reduce((sum, n) => sum + n, 0);
          expect(s.usage(namespace)).toEqual({ keys: pairs.length, bytes: total });
        }),
        { numRuns: 60 },
      );
    });
  });
}
