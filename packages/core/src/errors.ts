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

/** Codes of the errors `@airssys/core` itself throws. */
export type CoreErrorCode =
  | 'INVALID_COMPONENT_ID'
  | 'INVALID_SIZE'
  | 'INVALID_DURATION'
  | 'INVALID_RATE'
  | 'INVALID_LIMITS'
  | 'INVALID_ENVELOPE';

/** Options of the core validation errors: the offending value and, when known, the key that held it. */
export interface InvalidValueErrorOptions extends AirssysErrorOptions {
  /** Where the value came from, for example `limits.memory`. */
  key?: string | undefined;
  /** The value that was rejected, as given. */
  value?: unknown;
}

/** Thrown when text or a record is not a valid component id (code `INVALID_COMPONENT_ID`). */
export class InvalidComponentIdError extends AirssysError {
  declare readonly code: 'INVALID_COMPONENT_ID';
  /** The rejected value. */
  readonly value: unknown;

  constructor(message: string, options: InvalidValueErrorOptions = {}) {
    super('INVALID_COMPONENT_ID', message, options);
    this.name = 'InvalidComponentIdError';
    this.value = options.value;
  }
}

/** Thrown when a size, duration or rate cannot be parsed (codes `INVALID_SIZE`, `INVALID_DURATION`, `INVALID_RATE`). */
export class InvalidUnitError extends AirssysError {
  declare readonly code: 'INVALID_SIZE' | 'INVALID_DURATION' | 'INVALID_RATE';
  /** The key the caller named, if any. */
  readonly key: string | undefined;
  /** The rejected value. */
  readonly value: unknown;

  constructor(
    code: 'INVALID_SIZE' | 'INVALID_DURATION' | 'INVALID_RATE',
    message: string,
    options: InvalidValueErrorOptions = {},
  ) {
    super(code, message, options);
    this.name = 'InvalidUnitError';
    this.key = options.key;
    this.value = options.value;
  }
}

/** Thrown when resource limits or quotas are out of range or malformed (code `INVALID_LIMITS`). */
export class InvalidLimitsError extends AirssysError {
  declare readonly code: 'INVALID_LIMITS';
  /** The offending key, for example `limits.memory`. */
  readonly key: string | undefined;
  /** The rejected value. */
  readonly value: unknown;

  constructor(message: string, options: InvalidValueErrorOptions = {}) {
    super('INVALID_LIMITS', message, options);
    this.name = 'InvalidLimitsError';
    this.key = options.key;
    this.value = options.value;
  }
}

/** Thrown when a message envelope is missing what its kind requires (code `INVALID_ENVELOPE`). */
export class InvalidEnvelopeError extends AirssysError {
  declare readonly code: 'INVALID_ENVELOPE';
  /** The offending field, for example `to`. */
  readonly key: string | undefined;
  /** The rejected value. */
  readonly value: unknown;

  constructor(message: string, options: InvalidValueErrorOptions = {}) {
    super('INVALID_ENVELOPE', message, options);
    this.name = 'InvalidEnvelopeError';
    this.key = options.key;
    this.value = options.value;
  }
}

/** Renders any value for an error message: strings as-is, everything else in a short readable form. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (value === undefined || typeof value === 'number' || typeof value === 'boolean')
    text = String(value);
  else if (typeof value === 'function' || typeof value === 'symbol') text = String(typeof value);
  else if (value instanceof Uint8Array) text = `Uint8Array(${value.byteLength})`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
