import type { QuotaKind } from './limits.js';

// The seams upper packages implement. Each is small, has a `name`, and may have `dispose()`.
// Component ids appear in their string form (`formatComponentId`), as in `AirssysError.componentId`.

/** Source of time; tests pass a manual clock instead of sleeping. */
export interface Clock {
  readonly name: string;
  /** Wall-clock time in milliseconds since the Unix epoch. */
  now(): number;
  /** Monotonic, high-resolution milliseconds from an arbitrary origin; use it for elapsed time. */
  monotonic(): number;
  dispose?(): void;
}

/** Cancels a timer set with {@link Scheduler.setTimer}; calling it twice is harmless. */
export type CancelTimer = () => void;

/** Timers that follow a {@link Clock}, so a manual clock can fire them by advancing. */
export interface Scheduler {
  readonly name: string;
  /** Calls `callback` once, `delayMs` from now. */
  setTimer(delayMs: number, callback: () => void): CancelTimer;
  dispose?(): void;
}

/** Severity of a log record, lowest first; `silent` turns a logger off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Structured context attached to a log record. */
export type LogFields = Readonly<Record<string, unknown>>;

/** Structured logger; `child` returns a logger whose records all carry `bindings`. */
export interface Logger {
  readonly name: string;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
  dispose?(): void;
}

/** Families of capabilities a manifest can grant (the `[capabilities]` tables of `Component.toml`). */
export type CapabilityKind = 'storage' | 'messaging' | 'filesystem' | 'network' | 'process';

/** Every capability kind, in manifest order (the WIT enum `capability-kind` has the same cases). */
export const CAPABILITY_KINDS: readonly CapabilityKind[] = Object.freeze([
  'storage',
  'messaging',
  'filesystem',
  'network',
  'process',
]);

/** One access a component attempts, for example `{ kind: 'storage', action: 'read', resource: 'cache/a' }`. */
export interface CapabilityRequest {
  readonly kind: CapabilityKind;
  readonly action: string;
  readonly resource: string;
}

/** Outcome of a capability check; `reason` says which grant matched or why nothing did. */
export interface CapabilityDecision {
  readonly allowed: boolean;
  readonly reason: string;
}

/** Decides whether a component may perform an access; deny by default. */
export interface CapabilityChecker {
  readonly name: string;
  check(componentId: string, request: CapabilityRequest): CapabilityDecision;
  dispose?(): void;
}

/** Outcome of {@link QuotaLedger.tryConsume}; on denial nothing was consumed. */
export interface QuotaDecision {
  readonly allowed: boolean;
  /** Usage after the call (unchanged when denied). */
  readonly used: number;
  readonly limit: number;
  /** Why it was denied, naming the kind and the numbers. */
  readonly reason?: string | undefined;
}

/** Current usage of one quota kind: bytes for storage, network and memory, per-second rates otherwise. */
export interface QuotaUsage {
  readonly used: number;
  readonly limit: number;
}

/** Usage of every quota kind of one component. */
export type QuotaStatus = Readonly<Record<QuotaKind, QuotaUsage>>;

/** Per-component resource accounting; rate kinds refill over time, gauge kinds are given back with `release`. */
export interface QuotaLedger {
  readonly name: string;
  tryConsume(componentId: string, kind: QuotaKind, amount: number): QuotaDecision;
  release(componentId: string, kind: QuotaKind, amount: number): void;
  status(componentId: string): QuotaStatus;
  dispose?(): void;
}

/** How far the host trusts a component: signed or from a trusted source, unknown (needs approval), dev mode. */
export type TrustLevel = 'trusted' | 'unknown' | 'dev-mode';

/** What area of the host an audit event is about. */
export type AuditCategory = 'capability' | 'trust' | 'approval' | 'quota' | 'lifecycle' | 'messaging';

/** Whether the audited action was allowed, denied, or simply happened. */
export type AuditDecision = 'allowed' | 'denied' | 'info';

/** One audited decision or occurrence; the shape every audit sink stores. */
export interface AuditEvent {
  /** Milliseconds since the Unix epoch. */
  readonly time: number;
  /** Component id in string form, or `host` for host-level events. */
  readonly component: string;
  readonly category: AuditCategory;
  /** What was attempted or happened, for example `read`, `spawn`, `approve`. */
  readonly action: string;
  /** What it was done to, for example a storage key, topic or capability. */
  readonly resource?: string | undefined;
  readonly decision: AuditDecision;
  readonly reason?: string | undefined;
  readonly trustLevel?: TrustLevel | undefined;
  readonly correlationId?: string | undefined;
  /** Extra structured data; must be JSON-serialisable. */
  readonly details?: LogFields | undefined;
}

/** Destination of audit events; `write` gets batches and may be asynchronous. */
export interface AuditSink {
  readonly name: string;
  write(events: readonly AuditEvent[]): void | Promise<void>;
  flush?(): void | Promise<void>;
  dispose?(): void | Promise<void>;
}

/** Space one storage namespace uses. */
export interface StorageUsage {
  readonly keys: number;
  /** Sum of key and value lengths, in bytes. */
  readonly bytes: number;
}

/**
 * Key-value storage, isolated per namespace (normally the component's `namespace/name`, see `componentKey`).
 * Synchronous on purpose: guest host imports are synchronous calls, and the default drivers are too.
 */
export interface StorageBackend {
  readonly name: string;
  get(namespace: string, key: string): Uint8Array | undefined;
  set(namespace: string, key: string, value: Uint8Array): void;
  /** Returns true when the key existed. */
  delete(namespace: string, key: string): boolean;
  has(namespace: string, key: string): boolean;
  /** Keys of the namespace that start with `prefix` (all keys when omitted), in ascending order. */
  keys(namespace: string, prefix?: string): string[];
  usage(namespace: string): StorageUsage;
  dispose?(): void;
}
