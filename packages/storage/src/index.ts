export type { MemoryStorage } from './drivers/memory.js';
export { createMemoryStorage } from './drivers/memory.js';
export type { SqliteStorage } from './drivers/sqlite.js';
export { createSqliteStorage, DEFAULT_DATA_DIR, SQLITE_FILE_NAME } from './drivers/sqlite.js';
export type { StorageErrorCode, StorageErrorOptions } from './errors.js';
export {
  InvalidKeyError,
  InvalidNamespaceError,
  InvalidValueError,
  isStorageError,
  StorageBackendError,
  StorageError,
  StorageQuotaError,
  ValueTooLargeError,
} from './errors.js';
export { compareKeys } from './order.js';
export { entrySize, scopeStorage } from './scoped.js';
export type {
  MemoryStorageOptions,
  ScopedStorage,
  ScopeStorageOptions,
  SqliteStorageOptions,
  StorageLimits,
  StorageLimitsOptions,
  StorageQuota,
} from './types.js';
export {
  checkKey,
  checkNamespace,
  checkPrefix,
  checkValue,
  DEFAULT_MAX_KEY_LENGTH,
  DEFAULT_MAX_VALUE_BYTES,
  resolveLimits,
} from './validate.js';
