import type { TrustLevel } from '@airssys/core';

/** A public key whose signatures make a component trusted. */
export interface TrustedKey {
  /** The id signatures name in `keyId`, for example the fingerprint `generateKeyPair()` returns. */
  readonly id: string;
  /** Base64 of the raw 32-byte Ed25519 public key (PEM input is converted to this form). */
  readonly publicKey: string;
  readonly description?: string | undefined;
}

/** A git source whose components are trusted: a URL glob and, optionally, the one branch allowed. */
export interface GitSourcePattern {
  /** For example `https://github.com/acme/*`; `*` stays within one path segment, `**` spans segments. */
  readonly url: string;
  readonly branch?: string | undefined;
  readonly description?: string | undefined;
}

/** A local folder whose components are trusted: an absolute path glob. */
export interface LocalPathPattern {
  /** For example `/srv/components/**`; `*` stays within one segment, `**` spans segments. */
  readonly path: string;
  readonly description?: string | undefined;
}

/** Where dev mode was switched on: the `dev-mode` key of `trust.toml` or `AIRSSYS_DEV_MODE=1`. */
export type DevModeOrigin = 'config' | 'env';

/** The validated contents of `trust.toml`. */
export interface TrustConfig {
  readonly signingKeys: readonly TrustedKey[];
  readonly gitSources: readonly GitSourcePattern[];
  readonly localPaths: readonly LocalPathPattern[];
  readonly devMode: boolean;
  /** Set when `devMode` is on. */
  readonly devModeOrigin?: DevModeOrigin | undefined;
}

/** Where a component came from. */
export type ComponentSource =
  | { readonly kind: 'git'; readonly url: string; readonly branch?: string | undefined }
  | { readonly kind: 'local'; readonly path: string };

/** The detached signature of a component: what was signed, by which key, and the signature itself. */
export interface SignatureDocument {
  readonly format: 'airssys-signature/1';
  readonly algorithm: 'ed25519';
  readonly keyId: string;
  /** Lowercase hex sha-256 of the wasm bytes. */
  readonly wasmSha256: string;
  /** Lowercase hex sha-256 of the manifest bytes, exactly as stored. */
  readonly manifestSha256: string;
  /** Base64 Ed25519 signature over the canonical payload (see `signaturePayload`). */
  readonly signature: string;
}

/** What made the trust decision: a signature, a source pattern, dev mode, or nothing. */
export type TrustBasis = 'signature' | 'git-source' | 'local-path' | 'dev-mode' | 'none';

/** Outcome of `determineTrust`: the level, the sentence that explains it, and what matched. */
export interface TrustDecision {
  readonly level: TrustLevel;
  readonly reason: string;
  readonly basis: TrustBasis;
  /** The key that signed, when `basis` is `signature`. */
  readonly keyId?: string | undefined;
  /** The pattern that matched, when `basis` is `git-source` or `local-path`. */
  readonly pattern?: string | undefined;
  /** Why a signature that was presented did not count; a present but failing signature is never ignored. */
  readonly signatureFailure?: { readonly code: string; readonly message: string } | undefined;
}

/** States of an approval request. */
export type ApprovalState = 'pending' | 'reviewing' | 'approved' | 'denied' | 'auto-approved' | 'bypassed';

/** One state change of an approval: who made it, when, and why. `from` is `null` when the request was created. */
export interface ApprovalHistoryEntry {
  /** Milliseconds since the Unix epoch. */
  readonly at: number;
  readonly by: string;
  readonly from: ApprovalState | null;
  readonly to: ApprovalState;
  readonly reason: string;
}

/** Capabilities added and removed compared with the last approved set for the same component name. */
export interface CapabilityDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** One approval request and its outcome; it covers exactly one name + wasm hash + capability hash. */
export interface ApprovalRecord {
  readonly id: string;
  /** Component id in string form, as requested. */
  readonly componentId: string;
  readonly name: string;
  readonly version?: string | undefined;
  /** Lowercase hex sha-256 of the wasm bytes. */
  readonly wasmHash: string;
  /** Hex sha-256 of the canonical (sorted, unique) requested capabilities. */
  readonly capabilityHash: string;
  /** Requested capabilities, sorted and unique. */
  readonly requested: readonly string[];
  /** What the component may use: empty until approved; a subset of `requested` when narrowed. */
  readonly granted: readonly string[];
  readonly trustLevel: TrustLevel;
  readonly state: ApprovalState;
  /** Against the last approved set for this name, when there is one and the request differs from it. */
  readonly diff?: CapabilityDiff | undefined;
  /** Id of the approval `diff` compares against. */
  readonly previousId?: string | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly history: readonly ApprovalHistoryEntry[];
}

/** Filters of {@link ApprovalStore.list}; every given field must match. */
export interface ApprovalFilter {
  readonly state?: ApprovalState | readonly ApprovalState[] | undefined;
  readonly name?: string | undefined;
  readonly wasmHash?: string | undefined;
  readonly capabilityHash?: string | undefined;
}

/** Where approval records live; synchronous like the SQLite driver. */
export interface ApprovalStore {
  readonly name: string;
  /** Inserts a record, or replaces the one with the same id while keeping its place in the order. */
  put(record: ApprovalRecord): void;
  get(id: string): ApprovalRecord | undefined;
  /** Records matching `filter`, oldest first (first insertion order). */
  list(filter?: ApprovalFilter): ApprovalRecord[];
  dispose?(): void;
}
