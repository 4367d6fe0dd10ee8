export { headroom, reserve, unreserve } from './capacity.js';
export type {
  InvalidQuotaAmountErrorOptions,
  InvalidQuotaKindErrorOptions,
  QuotaErrorCode,
  QuotaExceededErrorOptions,
} from './errors.js';
export {
  InvalidQuotaAmountError,
  InvalidQuotaKindError,
  QuotaExceededError,
  UnknownQuotaComponentError,
} from './errors.js';
export { amountProblem, isCapacityKind, isRateKind } from './kinds.js';
export { createQuotaLedger } from './ledger.js';
export type { ThresholdLevel } from './thresholds.js';
export { CRITICAL_RATIO, levelRank, THRESHOLD_LEVELS, WARNING_RATIO } from './thresholds.js';
export { burstOf, drain, msUntilAvailable, take, tokensAvailable } from './token-bucket.js';
export type {
  QuotaHandle,
  QuotaLedgerInstance,
  QuotaLedgerOptions,
  QuotaThresholdEvent,
  QuotaThresholdListener,
} from './types.js';
