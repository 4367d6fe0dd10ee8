export type { ManualClock } from './clock.js';
export { createManualClock, systemClock, systemScheduler } from './clock.js';
export type { ComponentId, ComponentIdInput } from './component-id.js';
export {
  componentIdEquals,
  componentKey,
  createComponentId,
  DEFAULT_INSTANCE,
  DEFAULT_NAMESPACE,
  formatComponentId,
  isComponentId,
  MAX_COMPONENT_ID_SEGMENT,
  parseComponentId,
} from './component-id.js';
export type {
  AuditCategory,
  AuditDecision,
  AuditEvent,
  AuditSink,
  CancelTimer,
  CapabilityChecker,
  CapabilityDecision,
  CapabilityKind,
  CapabilityRequest,
  Clock,
  LogFields,
  Logger,
  LogLevel,
  QuotaDecision,
  QuotaLedger,
  QuotaStatus,
  QuotaUsage,
  Scheduler,
  StorageBackend,
  StorageUsage,
  TrustLevel,
} from './contracts.js';
export { CAPABILITY_KINDS } from './contracts.js';
export type { CreateEnvelopeOptions, EnvelopeInput, MessageEnvelope, MessageKind } from './envelope.js';
export {
  createEnvelope,
  createIdGenerator,
  createReply,
  isMessageEnvelope,
  MESSAGE_KINDS,
  nextMessageId,
} from './envelope.js';
export type {
  AirssysErrorFields,
  AirssysErrorOptions,
  CoreErrorCode,
  InvalidValueErrorOptions,
} from './errors.js';
export {
  AirssysError,
  describeValue,
  InvalidComponentIdError,
  InvalidEnvelopeError,
  InvalidLimitsError,
  InvalidUnitError,
  isAirssysError,
} from './errors.js';
export type {
  Isolation,
  QuotaKind,
  QuotaLimits,
  QuotaLimitsInput,
  ResourceLimits,
  ResourceLimitsInput,
  ValidateLimitsOptions,
} from './limits.js';
export {
  DEFAULT_QUOTAS,
  ISOLATION_MODES,
  MAX_MEMORY_BYTES,
  MAX_TIMEOUT_MS,
  MIN_MEMORY_BYTES,
  QUOTA_KINDS,
  validateLimits,
  validateQuotas,
  WASM_PAGE_SIZE,
} from './limits.js';
export type { ConsoleLoggerOptions } from './logger.js';
export { createConsoleLogger, LOG_LEVELS, silentLogger } from './logger.js';
export type { ParseRateOptions, Rate, RateUnit } from './rate.js';
export { formatRate, parseRate } from './rate.js';
export type { FormatSizeOptions, ParseUnitOptions } from './units.js';
export {
  DURATION_UNITS,
  formatDuration,
  formatSize,
  parseDuration,
  parseSize,
  SIZE_UNITS,
} from './units.js';
