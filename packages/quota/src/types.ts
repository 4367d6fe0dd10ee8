import type {
  AuditSink,
  Clock,
  QuotaDecision,
  QuotaKind,
  QuotaLedger,
  QuotaLimits,
  QuotaLimitsInput,
  QuotaStatus,
  QuotaUsage,
} from '@airssys/core';
import type { ThresholdLevel } from './thresholds.js';

/** Emitted once when a kind's usage crosses 80 % or 95 % of its limit, and once when it falls back below 80 %. */
export interface QuotaThresholdEvent {
  readonly componentId: string;
  readonly kind: QuotaKind;
  readonly level: ThresholdLevel;
  readonly used: number;
  readonly limit: number;
}

/** Receives {@link QuotaThresholdEvent}s; an error it throws goes to `onError`, never into the caller. */
export type QuotaThresholdListener = (event: QuotaThresholdEvent) => void;

/** Options of {@link createQuotaLedger}. */
export interface QuotaLedgerOptions {
  /** Time source of the rate kinds (`monotonic()`) and audit records (`now()`). @default systemClock */
  clock?: Clock | undefined;
  /** Receives a record of every denial, invalid request and threshold crossing. */
  audit?: AuditSink | undefined;
  /** Limits for the kinds a `register` call leaves out. @default DEFAULT_QUOTAS */
  defaults?: QuotaLimitsInput | undefined;
  /** Receives errors thrown by threshold listeners and the audit sink. @default re-throws them in a microtask */
  onError?: ((error: unknown) => void) | undefined;
}

/** The quotas of one component, bound once so the hot path skips the id lookup. */
export interface QuotaHandle {
  readonly componentId: string;
  /**
   * Consumes `amount` of `kind` in one step and returns the new usage, or throws `QuotaExceededError` having
   * consumed nothing. Throws `InvalidQuotaAmountError` for a negative, fractional, NaN, infinite or unsafe amount.
   */
  tryConsume(kind: QuotaKind, amount: number): number;
  /** Gives back `amount` of `storage` or `memory`; more than is in use is an `InvalidQuotaAmountError`. */
  release(kind: QuotaKind, amount: number): void;
  /** Current usage and limit of one kind. */
  usage(kind: QuotaKind): QuotaUsage;
  /** Current usage and limit of every kind. */
  status(): QuotaStatus;
}

/** The ledger {@link createQuotaLedger} returns: core's {@link QuotaLedger} plus registration, handles and events. */
export interface QuotaLedgerInstance extends QuotaLedger {
  /**
   * Sets the limits of a component (missing kinds from the ledger's defaults) and returns them. Registering an
   * id again replaces its limits and keeps its usage.
   */
  register(componentId: string, limits?: QuotaLimitsInput): QuotaLimits;
  /** Forgets a component and its usage; its handles then throw. Returns false when it was not registered. */
  unregister(componentId: string): boolean;
  /** True when the component is registered. */
  has(componentId: string): boolean;
  /** The limits of a registered component. */
  limits(componentId: string): QuotaLimits;
  /** Consumes in one step; a denial is `{ allowed: false }` and consumes nothing. Invalid input throws. */
  tryConsume(componentId: string, kind: QuotaKind, amount: number): QuotaDecision;
  /** The handle of a registered component, the same object on every call. */
  for(componentId: string): QuotaHandle;
  /** Subscribes to threshold events; returns the unsubscribe function. */
  on(event: 'threshold', listener: QuotaThresholdListener): () => void;
  /** Forgets every component and listener. */
  dispose(): void;
}
