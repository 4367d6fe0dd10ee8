import { AirssysError, type AirssysErrorOptions, isAirssysError } from '@airssys/core';

/** Codes a `WitError` carries. */
export type WitErrorCode =
  /** The bytes are not a well-formed WebAssembly component. */
  | 'INVALID_COMPONENT'
  /** WIT source failed to parse or resolve. */
  | 'INVALID_WIT'
  /** A WIT package, world or path that does not exist. */
  | 'WIT_NOT_FOUND';

const CODES: ReadonlySet<string> = new Set<WitErrorCode>([
  'INVALID_COMPONENT',
  'INVALID_WIT',
  'WIT_NOT_FOUND',
]);

/** An error about WIT sources or component bytes. */
export class WitError extends AirssysError {
  declare readonly code: WitErrorCode;

  constructor(code: WitErrorCode, message: string, options: AirssysErrorOptions = {}) {
    super(code, message, options);
    this.name = 'WitError';
  }
}

/** True for a `WitError`, even one thrown by a second copy of this package. */
export function isWitError(value: unknown): value is WitError {
  return isAirssysError(value) && CODES.has(value.code);
}
