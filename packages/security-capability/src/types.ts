import type {
  AuditEvent,
  AuditSink,
  CapabilityChecker,
  CapabilityDecision,
  CapabilityKind,
  CapabilityRequest,
  Clock,
  QuotaLimits,
  ResourceLimits,
} from '@airssys/core';

/** Actions of the filesystem and storage kinds. */
export type DataAction = 'read' | 'write' | 'delete' | 'list';
/** Actions of the network kind: connect out, or accept on a `host:port`. */
export type NetworkAction = 'outbound' | 'inbound';
/** Actions of the messaging kind: the first three take component ids, the last two topics. */
export type MessagingAction = 'send' | 'request' | 'broadcast' | 'publish' | 'subscribe';
/** Actions of the process kind (the `airssys:process` extension). */
export type ProcessAction = 'spawn';
/** Every action of every kind. */
export type CapabilityAction = DataAction | NetworkAction | MessagingAction | ProcessAction;

/** One granted capability: `kind`, `action` and the normalised `pattern`, plus the string it came from. */
export interface Grant {
  readonly kind: CapabilityKind;
  readonly action: CapabilityAction;
  /** Normalised pattern (hosts lower-cased, no trailing dot); what {@link canonicalCapabilities} lists. */
  readonly pattern: string;
  /** The `"action:pattern"` string as written in the manifest. */
  readonly original: string;
}

/** The `[component]` table, with the derived `namespace/name` id. */
export interface ManifestComponent {
  readonly namespace: string;
  readonly name: string;
  /** Semantic version, for example `1.2.0`. */
  readonly version: string;
  /** Path of the `.wasm` file as written, relative to the manifest. */
  readonly source: string;
  /** `namespace/name`. */
  readonly id: string;
}

/** A parsed and validated `Component.toml`. */
export interface Manifest {
  /** File name or path the manifest came from (named in every error). */
  readonly file: string;
  readonly component: ManifestComponent;
  readonly limits: ResourceLimits;
  /** Every grant, in manifest order (kinds in the order `storage`, `messaging`, `filesystem`, `network`, `process`). */
  readonly capabilities: readonly Grant[];
  /** Quotas with the unset kinds filled from core's `DEFAULT_QUOTAS`. */
  readonly quotas: QuotaLimits;
}

/** Options of {@link parseManifest}. */
export interface ParseManifestOptions {
  /** Name or path shown in errors and kept in `manifest.file`. @default 'Component.toml' */
  file?: string;
}

/** Outcome of a capability check: core's decision plus the grant that allowed it. */
export interface CapabilityCheck extends CapabilityDecision {
  readonly grant?: Grant | undefined;
}

/** Where audit records go: a core `AuditSink`, or a plain callback that takes one event. */
export type AuditTarget = AuditSink | ((event: AuditEvent) => void);

/** Options of {@link createCapabilityRegistry}. */
export interface CapabilityRegistryOptions {
  /** Receives one `AuditEvent` (category `capability`) per check. */
  audit?: AuditTarget;
  /**
   * Which allowed checks to audit: every one (`true`), none (`false`), or `'first'`: each allowance when it is
   * decided, not again while the same decision is served from the cache (denials are always audited).
   * @default true
   */
  auditAllowed?: boolean | 'first';
  /** Source of `AuditEvent.time`. @default systemClock */
  clock?: Clock;
  /** Decisions cached per component (least recently used evicted); `0` turns the cache off. @default 1024 */
  cacheSize?: number;
  /** Called when the audit target throws or rejects. @default emits a process warning */
  onAuditError?: (error: unknown, event: AuditEvent) => void;
}

/** The capability registry: holds each component's compiled grants and answers checks, deny by default. */
export interface CapabilityRegistry extends CapabilityChecker {
  /** Replaces the grants of a component (`namespace/name`; instances share them); throws on a bad grant. */
  register(componentId: string, grants: readonly Grant[]): void;
  /** Removes every grant of a component; returns whether it had any registered. */
  revoke(componentId: string): boolean;
  /** Whether the component is registered. */
  has(componentId: string): boolean;
  /** The grants registered for a component (empty when none). */
  grants(componentId: string): readonly Grant[];
  /** Decides one access; never throws. */
  check(componentId: string, request: CapabilityRequest): CapabilityCheck;
  /** Like `check`, but returns the matching grant or throws `CapabilityDeniedError`. */
  require(componentId: string, request: CapabilityRequest): Grant;
  /** Forgets every component. */
  dispose(): void;
}
