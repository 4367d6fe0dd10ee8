import { AirssysError, type AirssysErrorOptions } from '@airssys/core';

/** Codes of the errors `@airssys/audit` throws. */
export type AuditErrorCode =
  | 'AUDIT_CLOSED'
  | 'INVALID_AUDIT_EVENT'
  | 'INVALID_AUDIT_OPTIONS'
  | 'AUDIT_SINK_FAILED'
  | 'AUDIT_CHAIN_BROKEN';

/** Options of the errors that reject a value: the key that held it and the value itself. */
export interface AuditValueErrorOptions extends AirssysErrorOptions {
  key?: string | undefined;
  value?: unknown;
}

/** Thrown when appending to a closed logger or writing to a disposed file sink (code `AUDIT_CLOSED`). */
export class AuditClosedError extends AirssysError {
  declare readonly code: 'AUDIT_CLOSED';

  constructor(message: string, options: AirssysErrorOptions = {}) {
    super('AUDIT_CLOSED', message, options);
    this.name = 'AuditClosedError';
  }
}

/** Thrown by `append` for an event that is not an {@link AuditEvent} (code `INVALID_AUDIT_EVENT`). */
export class InvalidAuditEventError extends AirssysError {
  declare readonly code: 'INVALID_AUDIT_EVENT';
  /** The offending field, for example `category`. */
  readonly key: string | undefined;
  readonly value: unknown;

  constructor(message: string, options: AuditValueErrorOptions = {}) {
    super('INVALID_AUDIT_EVENT', message, options);
    this.name = 'InvalidAuditEventError';
    this.key = options.key;
    this.value = options.value;
  }
}

/** Thrown by a logger or sink factory for a bad option (code `INVALID_AUDIT_OPTIONS`). */
export class InvalidAuditOptionsError extends AirssysError {
  declare readonly code: 'INVALID_AUDIT_OPTIONS';
  /** The offending option, for example `maxBytes`. */
  readonly key: string | undefined;
  readonly value: unknown;

  constructor(message: string, options: AuditValueErrorOptions = {}) {
    super('INVALID_AUDIT_OPTIONS', message, options);
    this.name = 'InvalidAuditOptionsError';
    this.key = options.key;
    this.value = options.value;
  }
}

/** Options of an {@link AuditSinkError}. */
export interface AuditSinkErrorOptions extends AirssysErrorOptions {
  sink: string;
  /** How many events the failed write carried. */
  events: number;
}

/** A sink failed to write a batch; the logger reports it to `onError` or from `flush()` (code `AUDIT_SINK_FAILED`). */
export class AuditSinkError extends AirssysError {
  declare readonly code: 'AUDIT_SINK_FAILED';
  /** Name of the sink that failed. */
  readonly sink: string;
  /** Number of events in the batch it did not write. */
  readonly events: number;

  constructor(message: string, options: AuditSinkErrorOptions) {
    super('AUDIT_SINK_FAILED', message, options);
    this.name = 'AuditSinkError';
    this.sink = options.sink;
    this.events = options.events;
  }
}

/** Options of an {@link AuditChainError}. */
export interface AuditChainErrorOptions extends AirssysErrorOptions {
  path: string;
}

/** A hash-chained log cannot be continued: its last record is partial or broken (code `AUDIT_CHAIN_BROKEN`). */
export class AuditChainError extends AirssysError {
  declare readonly code: 'AUDIT_CHAIN_BROKEN';
  /** The log file. */
  readonly path: string;

  constructor(message: string, options: AuditChainErrorOptions) {
    super('AUDIT_CHAIN_BROKEN', message, options);
    this.name = 'AuditChainError';
    this.path = options.path;
  }
}
