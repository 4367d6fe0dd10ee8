const BRAND = Symbol.for('airssys.error');

/** Subject fields an error may carry; each names what the error is about. */
export interface AirssysErrorFields {
  /** The component the error concerns, in string form (`namespace/name`). */
  componentId?: string | undefined;
  /** The sha-256 hex hash of the component's bytes. */
  componentHash?: string | undefined;
  /** The export that was being called. */
  exportName?: string | undefined;
  /** A capability in `kind:action:resource` form. */
  capability?: string | undefined;
}

/** Options accepted by every airssys error. */
export interface AirssysErrorOptions extends AirssysErrorFields {
  cause?: unknown;
}

/** Base of every error airssys throws: a stable SCREAMING_SNAKE `code` plus the subject it concerns. */
export class AirssysError extends Error {
  /** Stable machine-readable code, for example `CAPABILITY_DENIED`. */
  readonly code: string;
  readonly componentId: string | undefined;
  readonly componentHash: string | undefined;
  readonly exportName: string | undefined;
  readonly capability: string | undefined;

  constructor(code: string, message: string, options: AirssysErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AirssysError';
    this.code = code;
    this.componentId = options.componentId;
    this.componentHash = options.componentHash;
    this.exportName = options.exportName;
    this.capability = options.capability;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for any airssys error, even one thrown by a second copy of this package. */
export function isAirssysError(value: unknown): value is AirssysError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
