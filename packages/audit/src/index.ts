export type { ChainSecret } from './chain.js';
export { GENESIS_HASH } from './chain.js';
export type { HashChainAuditSink, HashChainSinkOptions } from './drivers/hash-chain.js';
export { createHashChainSink } from './drivers/hash-chain.js';
export type { JsonlAuditSink, JsonlSinkOptions } from './drivers/jsonl.js';
export { createJsonlSink, rotatedPath } from './drivers/jsonl.js';
export type { MemoryAuditSink, MemorySinkOptions } from './drivers/memory.js';
export { createMemorySink } from './drivers/memory.js';
export type {
  AuditChainErrorOptions,
  AuditErrorCode,
  AuditSinkErrorOptions,
  AuditValueErrorOptions,
} from './errors.js';
export {
  AuditChainError,
  AuditClosedError,
  AuditSinkError,
  InvalidAuditEventError,
  InvalidAuditOptionsError,
} from './errors.js';
export { AUDIT_CATEGORIES, AUDIT_DECISIONS, normalizeEvent, serializeEvent } from './event.js';
export { createAuditLogger, DEFAULT_HIGH_WATER_MARK } from './logger.js';
export { readAuditLog } from './read.js';
export type {
  AuditEventInput,
  AuditLogger,
  AuditLoggerOptions,
  AuditQuery,
  AuditStats,
  AuditTamperReason,
  AuditVerifyResult,
  ChainHead,
  SyncAuditSink,
} from './types.js';
export type { VerifyAuditLogOptions } from './verify.js';
export { verifyAuditLog } from './verify.js';
