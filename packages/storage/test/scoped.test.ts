import { describe, expect, it } from 'vitest';
import { createMemoryStorage, entrySize, type StorageQuota, scopeStorage } from '../src/index.js';
import { expectStorageError } from '../src/testing.js';

class QuotaDenied extends Error {}

/** A quota like a `@airssys/quota` handle: throws on denial, refuses over-release. */
function fakeQuota(limit: number) {
  const quota = {
    used: 0,
    tryConsume(kind: 'storage', amount: number) {
      expect(kind).toBe('storage');
      if (quota.used + amount > limit) throw new QuotaDenied(`${amount} over ${limit}`);
      quota.used += amount;
      return quota.used;
    },
    release(kind: 'storage', amount: number) {
      expect(kind).toBe('storage');
      if (amount > quota.used) throw new Error('over-release');
      quota.used -= amount;
    },
  };
  return quota;
}

describe('scopeStorage', () => {
  it('binds every call to its namespace', () => {
    const backend = createMemoryStorage();
    const a = scopeStorage(backend, 'acme/a');
    const b = scopeStorage(backend, 'acme/b');
    a.set('k', Uint8Array.of(1));
    expect(b.get('k')).toBeUndefined();
    expect(b.exists('k')).toBe(false);
    expect(b.listKeys()).toEqual([]);
    expect(a.listKeys('k')).toEqual(['k']);
    expect(a.exists('k')).toBe(true);
    expect(a.usage()).toEqual({ keys: 1, bytes: 2 });
    expect(backend.get('acme/a', 'k')).toEqual(Uint8Array.of(1));
    expect(a.delete('k')).toBe(true);
    expect(a.delete('k')).toBe(false);
  });

  it('refuses a namespace that is not a component key', () => {
    expectStorageError(() => scopeStorage(createMemoryStorage(), 'acme'), 'INVALID_NAMESPACE', 'acme');
  });

  it('charges growth before writing, gives back on shrink and delete', () => {
    const quota = fakeQuota(100);
    const store = scopeStorage(createMemoryStorage(), 'acme/a', { quota });
    store.set('key', new Uint8Array(10));
    expect(quota.used).toBe(13);
    store.set('key', new Uint8Array(30));
    expect(quota.used).toBe(33);
    store.set('key', new Uint8Array(5));
    expect(quota.used).toBe(8);
    store.set('key', new Uint8Array(5));
    expect(quota.used).toBe(8);
    expect(store.delete('key')).toBe(true);
    expect(store.delete('key')).toBe(false);
    expect(quota.used).toBe(0);
  });

  it('propagates the quota error unchanged and writes nothing', () => {
    const quota = fakeQuota(20);
    const store = scopeStorage(createMemoryStorage(), 'acme/a', { quota });
    store.set('k', new Uint8Array(10));
    expect(() => store.set('k', new Uint8Array(30))).toThrow(QuotaDenied);
    expect(store.get('k')?.byteLength).toBe(10);
    expect(quota.used).toBe(11);
  });

  it('rolls the charge back when the write fails', () => {
    const quota = fakeQuota(10_000_000);
    const store = scopeStorage(createMemoryStorage({ maxValueBytes: 8 }), 'acme/a', { quota });
    expectStorageError(() => store.set('k', new Uint8Array(9)), 'VALUE_TOO_LARGE');
    expectStorageError(() => store.set('k', 'text' as unknown as Uint8Array), 'INVALID_VALUE');
    expectStorageError(() => store.set('../k', new Uint8Array(1)), 'INVALID_KEY', '../k');
    expect(quota.used).toBe(0);
  });

  it('turns a denial answered as a decision into STORAGE_QUOTA_EXCEEDED', () => {
    const quota: StorageQuota = {
      tryConsume: () => ({ allowed: false, used: 0, limit: 1, reason: 'Storage is full.' }),
      release: () => {},
    };
    const store = scopeStorage(createMemoryStorage(), 'acme/a', { quota });
    expectStorageError(() => store.set('k', new Uint8Array(4)), 'STORAGE_QUOTA_EXCEEDED', 'acme/a');
    expect(store.exists('k')).toBe(false);
  });

  it('charges bytes already stored when asked to, so later deletes balance', () => {
    const backend = createMemoryStorage();
    backend.set('acme/a', 'old', new Uint8Array(7));
    const quota = fakeQuota(100);
    const store = scopeStorage(backend, 'acme/a', { quota, chargeExisting: true });
    expect(quota.used).toBe(entrySize('old', new Uint8Array(7)));
    store.delete('old');
    expect(quota.used).toBe(0);
  });
});
