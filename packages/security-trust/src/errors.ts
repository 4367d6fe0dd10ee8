import { AirssysError, type AirssysErrorOptions } from '@airssys/core';
import type { ApprovalState } from './types.js';

/** Codes of the errors `@airssys/security-trust` throws. */
export type TrustErrorCode =
  | 'INVALID_TRUST_CONFIG'
  | 'INVALID_KEY'
  | 'INVALID_SIGNATURE'
  | 'SIGNATURE_MISMATCH'
  | 'UNKNOWN_KEY'
  | 'INVALID_APPROVAL_REQUEST'
  | 'ILLEGAL_TRANSITION'
  | 'APPROVAL_NOT_FOUND'
  | 'INVALID_NARROWING';

/** Options of every trust error: the offending key and value, when known. */
export interface TrustErrorOptions extends AirssysErrorOptions {
  /** Where the bad value came from, for example `signing-keys[0].public-key` or `keyId`. */
  key?: string | undefined;
  /** The rejected value, as given. */
  value?: unknown;
}

/** Base of every error this package throws. */
export class TrustError extends AirssysError {
  declare readonly code: TrustErrorCode;
  /** Where the bad value came from, if known. */
  readonly key: string | undefined;
  /** The rejected value, if any. */
  readonly value: unknown;

  constructor(code: TrustErrorCode, message: string, options: TrustErrorOptions = {}) {
    super(code, message, options);
    this.name = 'TrustError';
    this.key = options.key;
    this.value = options.value;
  }
}

/** Thrown when `trust.toml` cannot be parsed or breaks a rule (code `INVALID_TRUST_CONFIG`). */
export class InvalidTrustConfigError extends TrustError {
  declare readonly code: 'INVALID_TRUST_CONFIG';
  /** The file the configuration came from, if known. */
  readonly file: string | undefined;

  constructor(message: string, options: TrustErrorOptions & { file?: string | undefined } = {}) {
    super('INVALID_TRUST_CONFIG', message, options);
    this.name = 'InvalidTrustConfigError';
    this.file = options.file;
  }
}

/** Thrown when key material is not an Ed25519 key in a supported form (code `INVALID_KEY`). */
export class InvalidKeyError extends TrustError {
  declare readonly code: 'INVALID_KEY';

  constructor(message: string, options: TrustErrorOptions = {}) {
    super('INVALID_KEY', message, options);
    this.name = 'InvalidKeyError';
  }
}

/** Codes of {@link SignatureError}. */
export type SignatureErrorCode = 'INVALID_SIGNATURE' | 'SIGNATURE_MISMATCH' | 'UNKNOWN_KEY';

/**
 * Thrown when a signature does not establish trust: a malformed document or a signature that does not verify
 * (`INVALID_SIGNATURE`), files whose hashes differ from the signed ones (`SIGNATURE_MISMATCH`), or a key id
 * that is not trusted (`UNKNOWN_KEY`).
 */
export class SignatureError extends TrustError {
  declare readonly code: SignatureErrorCode;

  constructor(code: SignatureErrorCode, message: string, options: TrustErrorOptions = {}) {
    super(code, message, options);
    this.name = 'SignatureError';
  }
}

/** Thrown when an approval request is malformed (code `INVALID_APPROVAL_REQUEST`). */
export class InvalidApprovalRequestError extends TrustError {
  declare readonly code: 'INVALID_APPROVAL_REQUEST';

  constructor(message: string, options: TrustErrorOptions = {}) {
    super('INVALID_APPROVAL_REQUEST', message, options);
    this.name = 'InvalidApprovalRequestError';
  }
}

/** Thrown when an approval is moved between two states that have no legal transition (code `ILLEGAL_TRANSITION`). */
export class IllegalTransitionError extends TrustError {
  declare readonly code: 'ILLEGAL_TRANSITION';
  readonly from: ApprovalState | null;
  readonly to: ApprovalState;

  constructor(
    message: string,
    options: TrustErrorOptions & { from: ApprovalState | null; to: ApprovalState },
  ) {
    super('ILLEGAL_TRANSITION', message, options);
    this.name = 'IllegalTransitionError';
    this.from = options.from;
    this.to = options.to;
  }
}

/** Thrown when no approval record has the given id (code `APPROVAL_NOT_FOUND`). */
export class ApprovalNotFoundError extends TrustError {
  declare readonly code: 'APPROVAL_NOT_FOUND';

  constructor(message: string, options: TrustErrorOptions = {}) {
    super('APPROVAL_NOT_FOUND', message, options);
    this.name = 'ApprovalNotFoundError';
  }
}

/** Thrown when a reviewer's narrowed grant is not a subset of the request (code `INVALID_NARROWING`). */
export class InvalidNarrowingError extends TrustError {
  declare readonly code: 'INVALID_NARROWING';

  constructor(message: string, options: TrustErrorOptions = {}) {
    super('INVALID_NARROWING', message, options);
    this.name = 'InvalidNarrowingError';
  }
}
