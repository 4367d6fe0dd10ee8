import { AirssysError, type AirssysErrorOptions, isAirssysError } from '@airssys/core';

/** Codes of the errors `@airssys/storage` throws. */
export type StorageErrorCode =
  | 'INVALID_NAMESPACE'
  | 'INVALID_KEY'
  | 'INVALID_VALUE'
  | 'VALUE_TOO_LARGE'
  | 'STORAGE_QUOTA_EXCEEDED'
  | 'STORAGE_BACKEND';

/** Options of every storage error: the namespace and key it concerns, when known. */
export interface StorageErrorOptions extends AirssysErrorOptions {
  /** The namespace (component key) the call addressed. */
  namespace?: string | undefined;
  /** The key the call addressed. */
  key?: string | undefined;
}

/** Base of every storage error; `code` says which rule or layer failed. */
export class StorageError extends AirssysError {
  declare readonly code: StorageErrorCode;
  /** The namespace the call addressed, as given. */
  readonly namespace: string | undefined;
  /** The key the call addressed, as given. */
  readonly key: string | undefined;

  constructor(code: StorageErrorCode, message: string, options: StorageErrorOptions = {}) {
    super(code, message, options);
    this.name = 'StorageError';
    this.namespace = options.namespace;
    this.key = options.key;
  }
}

/** Thrown when a namespace is not a `namespace/name` component key (code `INVALID_NAMESPACE`). */
export class InvalidNamespaceError extends StorageError {
  declare readonly code: 'INVALID_NAMESPACE';

  constructor(message: string, options: StorageErrorOptions = {}) {
    super('INVALID_NAMESPACE', message, options);
    this.name = 'InvalidNamespaceError';
  }
}

/** Thrown when a key or prefix breaks the key rules (code `INVALID_KEY`). */
export class InvalidKeyError extends StorageError {
  declare readonly code: 'INVALID_KEY';

  constructor(message: string, options: StorageErrorOptions = {}) {
    super('INVALID_KEY', message, options);
    this.name = 'InvalidKeyError';
  }
}

/** Thrown when a value is not a `Uint8Array` (code `INVALID_VALUE`). */
export class InvalidValueError extends StorageError {
  declare readonly code: 'INVALID_VALUE';

  constructor(message: string, options: StorageErrorOptions = {}) {
    super('INVALID_VALUE', message, options);
    this.name = 'InvalidValueError';
  }
}

/** Thrown when a value is longer than the backend's `maxValueBytes` (code `VALUE_TOO_LARGE`). */
export class ValueTooLargeError extends StorageError {
  declare readonly code: 'VALUE_TOO_LARGE';
  /** Length of the refused value, in bytes. */
  readonly size: number;
  /** The largest value accepted, in bytes. */
  readonly limit: number;

  constructor(message: string, size: number, limit: number, options: StorageErrorOptions = {}) {
    super('VALUE_TOO_LARGE', message, options);
    this.name = 'ValueTooLargeError';
    this.size = size;
    this.limit = limit;
  }
}

/** Thrown by a scoped view when its quota answers a denial instead of throwing (code `STORAGE_QUOTA_EXCEEDED`). */
export class StorageQuotaError extends StorageError {
  declare readonly code: 'STORAGE_QUOTA_EXCEEDED';

  constructor(message: string, options: StorageErrorOptions = {}) {
    super('STORAGE_QUOTA_EXCEEDED', message, options);
    this.name = 'StorageQuotaError';
  }
}

/** Thrown when the storage engine itself fails: cannot open, corrupt, closed, disk errors (code `STORAGE_BACKEND`). */
export class StorageBackendError extends StorageError {
  declare readonly code: 'STORAGE_BACKEND';
  /** The file (or `:memory:`) the backend works on, when it has one. */
  readonly path: string | undefined;

  constructor(message: string, options: StorageErrorOptions & { path?: string | undefined } = {}) {
    super('STORAGE_BACKEND', message, options);
    this.name = 'StorageBackendError';
    this.path = options.path;
  }
}

/** True when `value` is a {@link StorageError}, optionally with the given `code`. */
export function isStorageError(value: unknown, code?: StorageErrorCode): value is StorageError {
  if (!isAirssysError(value) || !STORAGE_CODES.has(value.code)) return false;
  return code === undefined || value.code === code;
}

// Checked by code rather than `instanceof`, so errors from a second copy of this package count too.
const STORAGE_CODES: ReadonlySet<string> = new Set<StorageErrorCode>([
  'INVALID_NAMESPACE',
  'INVALID_KEY',
  'INVALID_VALUE',
  'VALUE_TOO_LARGE',
  'STORAGE_QUOTA_EXCEEDED',
  'STORAGE_BACKEND',
]);
