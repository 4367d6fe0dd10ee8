import { AirssysError, type AirssysErrorOptions } from '@airssys/core';

/** Stable codes of {@link WasmError}. */
export type WasmErrorCode =
  | 'INVALID_COMPONENT'
  | 'INVALID_OPTIONS'
  | 'INSTANTIATION_FAILED'
  | 'EXPORT_NOT_FOUND'
  | 'TRAP'
  | 'TIMEOUT'
  | 'MEMORY_LIMIT'
  | 'GUEST_ERROR'
  | 'EXIT'
  | 'WORKER_FAILED'
  | 'INSTANCE_DISPOSED';

/** Extra fields a {@link WasmError} may carry. */
export interface WasmErrorOptions extends AirssysErrorOptions {
  /** The value a guest returned in the `err` arm of a result (code `GUEST_ERROR`). */
  payload?: unknown;
  /** Imports the component needs that were not given (code `INSTANTIATION_FAILED`). */
  missingImports?: string[];
  /** The exit status a guest passed to `wasi:cli/exit` (code `EXIT`). */
  exitCode?: number;
  /** True when the failure left the instance unusable. */
  poisoned?: boolean;
}

/** Every failure of loading, instantiating or calling a component. */
export class WasmError extends AirssysError {
  declare readonly code: WasmErrorCode;
  readonly payload: unknown;
  readonly missingImports: string[];
  readonly exitCode: number | undefined;
  readonly poisoned: boolean;

  constructor(code: WasmErrorCode, message: string, options: WasmErrorOptions = {}) {
    super(code, message, options);
    this.name = 'WasmError';
    this.payload = options.payload;
    this.missingImports = options.missingImports ?? [];
    this.exitCode = options.exitCode;
    this.poisoned = options.poisoned ?? false;
  }
}

/** True when `value` is a {@link WasmError}, optionally with the given code. */
export function isWasmError(value: unknown, code?: WasmErrorCode): value is WasmError {
  return value instanceof WasmError && (code === undefined || value.code === code);
}

/** Short form of a component hash for messages. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
