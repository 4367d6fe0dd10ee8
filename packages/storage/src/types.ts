import type { StorageUsage } from '@airssys/core';

/** Limits every driver enforces on keys and values. */
export interface StorageLimitsOptions {
  /** Largest value accepted, in bytes. @default 1048576 (1 MiB) */
  maxValueBytes?: number | undefined;
  /** Longest key accepted, in characters (Unicode code points). @default 256 */
  maxKeyLength?: number | undefined;
}

/** The limits after defaults are applied. */
export interface StorageLimits {
  readonly maxValueBytes: number;
  readonly maxKeyLength: number;
}

/** Options of {@link createMemoryStorage}. */
export type MemoryStorageOptions = StorageLimitsOptions;

/** Options of {@link createSqliteStorage}. */
export interface SqliteStorageOptions extends StorageLimitsOptions {
  /** The database file, or `:memory:`; wins over `dataDir`. @default `<dataDir>/storage.sqlite` */
  path?: string | undefined;
  /** Folder that holds `storage.sqlite`; created when missing. @default './.airssys' */
  dataDir?: string | undefined;
}

/**
 * The storage of one component, with its namespace bound in: exactly the calls of the guest's
 * `airssys:core/storage` import. The caller never names a namespace, so it can never reach another one.
 */
export interface ScopedStorage {
  /** The component key (`namespace/name`) this view is bound to. */
  readonly namespace: string;
  get(key: string): Uint8Array | undefined;
  set(key: string, value: Uint8Array): void;
  /** Returns true when the key existed. */
  delete(key: string): boolean;
  exists(key: string): boolean;
  /** Keys starting with `prefix` (all when empty or omitted), ascending. */
  listKeys(prefix?: string): string[];
  usage(): StorageUsage;
}

/**
 * The per-component quota a scoped view charges, for example a `@airssys/quota` handle (`ledger.for(id)`).
 * `tryConsume` throws on denial (its error propagates unchanged) or returns a decision with `allowed: false`.
 */
export interface StorageQuota {
  tryConsume(kind: 'storage', amount: number): unknown;
  release(kind: 'storage', amount: number): void;
}

/** Options of {@link scopeStorage}. */
export interface ScopeStorageOptions {
  /** Charged with the growth of every write and given back what deletes and shrinking writes free. */
  quota?: StorageQuota | undefined;
  /**
   * Charge the bytes already stored in the namespace to `quota` when the view is made (after a host restart
   * the ledger starts empty while the data is still there). Do it once per ledger, not once per view.
   * @default false
   */
  chargeExisting?: boolean | undefined;
}
