export { approvalAuditEvent, approvalDecision } from './approval-audit.js';
export type { ApprovalRequestInput, NormalisedRequest, RequestPlan } from './approval-request.js';
export { normaliseRequest, planRequest } from './approval-request.js';
export type { TransitionInput } from './approval-transitions.js';
export {
  APPROVAL_STATES,
  APPROVAL_TRANSITIONS,
  applyTransition,
  canTransition,
  GRANTING_STATES,
  INITIAL_STATES,
} from './approval-transitions.js';
export type {
  ApprovalEvents,
  ApprovalTransitionEvent,
  ApprovalWorkflow,
  ApprovalWorkflowOptions,
} from './approval-workflow.js';
export { createApprovalWorkflow } from './approval-workflow.js';
export { canonicalCapabilities, capabilityHash, diffCapabilities, notCoveredBy } from './capability-set.js';
export type { TrustInput } from './determine-trust.js';
export { describeSource, determineTrust } from './determine-trust.js';
export { createMemoryApprovalStore } from './drivers/memory.js';
export type { SqliteApprovalStoreOptions } from './drivers/sqlite.js';
export { createSqliteApprovalStore, DEFAULT_APPROVALS_FILE } from './drivers/sqlite.js';
export type { Unsubscribe } from './emitter.js';
export type { SignatureErrorCode, TrustErrorCode, TrustErrorOptions } from './errors.js';
export {
  ApprovalNotFoundError,
  IllegalTransitionError,
  InvalidApprovalRequestError,
  InvalidKeyError,
  InvalidNarrowingError,
  InvalidTrustConfigError,
  SignatureError,
  TrustError,
} from './errors.js';
export type { GeneratedKeyPair } from './keys.js';
export {
  formatPublicKey,
  generateKeyPair,
  KEY_ID_PATTERN,
  keyFingerprint,
  parsePrivateKey,
  parsePublicKey,
} from './keys.js';
export type { SignComponentOptions, VerifiedSignature, VerifyComponentOptions } from './signature.js';
export {
  formatSignatureDocument,
  parseSignatureDocument,
  SIGNATURE_FORMAT,
  sha256Hex,
  signaturePayload,
  signComponent,
  verifyComponent,
} from './signature.js';
export type { Normalised, NormalisedGitUrl } from './source-match.js';
export { matchGitSource, matchLocalPath, normaliseGitUrl, normaliseLocalPath } from './source-match.js';
export type { TrustConfigOptions } from './trust-config.js';
export { DEV_MODE_ENV, devModeFromEnv, loadTrustConfig, parseTrustConfig } from './trust-config.js';
export type { EvaluateTrustInput, TrustEvaluator, TrustEvaluatorOptions } from './trust-evaluator.js';
export { createTrustEvaluator } from './trust-evaluator.js';
export type {
  ApprovalFilter,
  ApprovalHistoryEntry,
  ApprovalRecord,
  ApprovalState,
  ApprovalStore,
  CapabilityDiff,
  ComponentSource,
  DevModeOrigin,
  GitSourcePattern,
  LocalPathPattern,
  SignatureDocument,
  TrustBasis,
  TrustConfig,
  TrustDecision,
  TrustedKey,
} from './types.js';
