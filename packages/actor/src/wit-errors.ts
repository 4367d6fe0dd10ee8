import { isAirssysError } from '@airssys/core';

/** A WIT variant value as jco lowers it: `{ tag }` or `{ tag, val }`. */
export interface WitVariant {
  tag: string;
  val?: string;
}

/**
 * Throwing a plain (non-Error) value from a host import makes jco's glue return it as the `err` of the
 * import's `result`; an `Error` would abort the guest instead. Every expected refusal goes through here.
 */
export function refuse(tag: string, val?: string): never {
  throw val === undefined ? { tag } : { tag, val };
}

/** Map a storage or quota failure to the WIT `storage-error` case. */
export function storageErrorCase(error: unknown): WitVariant {
  if (!isAirssysError(error)) return { tag: 'backend', val: String(error) };
  switch (error.code) {
    case 'INVALID_KEY':
    case 'INVALID_NAMESPACE':
    case 'INVALID_VALUE':
      return { tag: 'invalid-key', val: error.message };
    case 'VALUE_TOO_LARGE':
      return { tag: 'value-too-large', val: error.message };
    case 'QUOTA_EXCEEDED':
    case 'STORAGE_QUOTA_EXCEEDED':
      return { tag: 'quota-exceeded', val: error.message };
    default:
      return { tag: 'backend', val: error.message };
  }
}
