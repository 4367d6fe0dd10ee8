import { Buffer } from 'node:buffer';
import type { StorageBackend, StorageUsage } from '@airssys/core';
import { StorageQuotaError } from './errors.js';
import type { ScopedStorage, ScopeStorageOptions, StorageQuota } from './types.js';
import { checkNamespace } from './validate.js';

/** Bytes a stored entry counts for: its key in UTF-8 plus its value, as in `StorageUsage.bytes`. */
export function entrySize(key: string, value: Uint8Array): number {
  return Buffer.byteLength(key, 'utf8') + value.byteLength;
}

/**
 * Binds `backend` to one component's namespace (its `componentKey`): the view the guest's
 * `airssys:core/storage` import calls. With `quota`, a write charges its growth before it happens (and gives it
 * back if the write fails); deletes and shrinking writes give bytes back. Quota errors propagate unchanged.
 * @example const store = scopeStorage(backend, 'acme/app', { quota: ledger.for('acme/app') });
 */
export function scopeStorage(
  backend: StorageBackend,
  namespace: string,
  options: ScopeStorageOptions = {},
): ScopedStorage {
  checkNamespace(namespace);
  const quota = options.quota;
  if (quota !== undefined && options.chargeExisting === true) {
    const { bytes } = backend.usage(namespace);
    if (bytes > 0) consume(quota, namespace, undefined, bytes);
  }

  return Object.freeze({
    namespace,
    get: (key: string) => backend.get(namespace, key),
    exists: (key: string) => backend.has(namespace, key),
    listKeys: (prefix?: string) => backend.keys(namespace, prefix ?? ''),
    usage: (): StorageUsage => backend.usage(namespace),
    set(key: string, value: Uint8Array): void {
      // Without a quota, or for a value that is not bytes, the backend alone decides (and rejects).
      if (quota === undefined || !(value instanceof Uint8Array)) {
        backend.set(namespace, key, value);
        return;
      }
      // Reading the old value first also validates the key before any quota charge.
      const old = backend.get(namespace, key);
      const oldSize = old === undefined ? 0 : entrySize(key, old);
      const growth = entrySize(key, value) - oldSize;
      if (growth > 0) consume(quota, namespace, key, growth);
      try {
        backend.set(namespace, key, value);
      } catch (error) {
        if (growth > 0) quota.release('storage', growth);
        throw error;
      }
      if (growth < 0) quota.release('storage', -growth);
    },
    delete(key: string): boolean {
      if (quota === undefined) return backend.delete(namespace, key);
      const old = backend.get(namespace, key);
      const existed = backend.delete(namespace, key);
      if (existed && old !== undefined) quota.release('storage', entrySize(key, old));
      return existed;
    },
  });
}

function consume(quota: StorageQuota, namespace: string, key: string | undefined, amount: number): void {
  const decision = quota.tryConsume('storage', amount);
  // A core `QuotaLedger`-style answer reports a denial instead of throwing; treat it the same way.
  if (
    typeof decision === 'object' &&
    decision !== null &&
    (decision as { allowed?: unknown }).allowed === false
  ) {
    const why = (decision as { reason?: unknown }).reason;
    const detail = typeof why === 'string' && why !== '' ? ` ${why}` : '';
    throw new StorageQuotaError(
      `Expected storing ${amount} more bytes in \`${namespace}\` to fit its storage quota, but it was denied.${detail}`,
      { namespace, key, componentId: namespace },
    );
  }
}
