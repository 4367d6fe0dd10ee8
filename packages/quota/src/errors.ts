import { AirssysError, type AirssysErrorOptions, type QuotaKind } from '@airssys/core';

/** Codes of the errors `@airssys/quota` throws. */
export type QuotaErrorCode =
  | 'QUOTA_EXCEEDED'
  | 'INVALID_QUOTA_AMOUNT'
  | 'INVALID_QUOTA_KIND'
  | 'QUOTA_UNKNOWN_COMPONENT';

/** Fields of a {@link QuotaExceededError}. */
export interface QuotaExceededErrorOptions extends AirssysErrorOptions {
  kind: QuotaKind;
  limit: number;
  used: number;
  requested: number;
  retryAfterMs?: number | undefined;
}

/** Thrown when consuming `requested` would take a kind past its limit; nothing was consumed (code `QUOTA_EXCEEDED`). */
export class QuotaExceededError extends AirssysError {
  declare readonly code: 'QUOTA_EXCEEDED';
  readonly kind: QuotaKind;
  readonly limit: number;
  /** Usage when the request was denied (unchanged by it). */
  readonly used: number;
  readonly requested: number;
  /** For rate kinds, milliseconds until the request would fit (`Infinity`: never, it exceeds the burst). */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: QuotaExceededErrorOptions) {
    super('QUOTA_EXCEEDED', message, options);
    this.name = 'QuotaExceededError';
    this.kind = options.kind;
    this.limit = options.limit;
    this.used = options.used;
    this.requested = options.requested;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Fields of an {@link InvalidQuotaAmountError}. */
export interface InvalidQuotaAmountErrorOptions extends AirssysErrorOptions {
  kind: QuotaKind;
  value: unknown;
}

/** Thrown for an amount that is not a finite, non-negative, safe number of the kind's unit (code `INVALID_QUOTA_AMOUNT`). */
export class InvalidQuotaAmountError extends AirssysError {
  declare readonly code: 'INVALID_QUOTA_AMOUNT';
  readonly kind: QuotaKind;
  /** The rejected amount, as given. */
  readonly value: unknown;

  constructor(message: string, options: InvalidQuotaAmountErrorOptions) {
    super('INVALID_QUOTA_AMOUNT', message, options);
    this.name = 'InvalidQuotaAmountError';
    this.kind = options.kind;
    this.value = options.value;
  }
}

/** Fields of an {@link InvalidQuotaKindError}. */
export interface InvalidQuotaKindErrorOptions extends AirssysErrorOptions {
  value: unknown;
}

/** Thrown for a kind that is not a {@link QuotaKind}, or a rate kind given to `release` (code `INVALID_QUOTA_KIND`). */
export class InvalidQuotaKindError extends AirssysError {
  declare readonly code: 'INVALID_QUOTA_KIND';
  /** The rejected kind, as given. */
  readonly value: unknown;

  constructor(message: string, options: InvalidQuotaKindErrorOptions) {
    super('INVALID_QUOTA_KIND', message, options);
    this.name = 'InvalidQuotaKindError';
    this.value = options.value;
  }
}

/** Thrown when a component id has no quotas registered (code `QUOTA_UNKNOWN_COMPONENT`). */
export class UnknownQuotaComponentError extends AirssysError {
  declare readonly code: 'QUOTA_UNKNOWN_COMPONENT';

  constructor(message: string, options: AirssysErrorOptions = {}) {
    super('QUOTA_UNKNOWN_COMPONENT', message, options);
    this.name = 'UnknownQuotaComponentError';
  }
}
