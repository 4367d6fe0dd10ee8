import type { ActorState, HealthChange, HealthOptions } from '@airssys/actor';
import type { PublishResult } from '@airssys/broker';
import type { AuditEvent, Logger, TrustLevel } from '@airssys/core';
import type { ApprovalRecord, ApprovalState, ComponentSource, TrustConfig } from '@airssys/security-trust';

/** Options of {@link createHost}; everything has an embedded default under `dataDir`. */
export interface HostOptions {
  /** Where storage, approvals, the audit log and the component cache live. @default `./.airssys` */
  dataDir?: string;
  /** Trust configuration, or the path of a `trust.toml`. @default `<dataDir>/trust.toml` when it exists, else trust nothing */
  trust?: TrustConfig | string;
  logger?: Logger;
  /** Where transpiled components are cached. @default `<dataDir>/cache` */
  cacheDir?: string;
  /** Warm guest workers kept by the runtime. @default 1 */
  warmWorkers?: number;
  /** Bytes of zeroed guest memories kept for reuse by the next inline instances (0 turns it off). @default 32 MiB */
  memoryPoolBytes?: number;
  /** Restart intensity of the root supervisor. @default 3 restarts in 5000 ms */
  restarts?: { maxRestarts: number; windowMs: number };
  /** Poll every component's `health` export. @default off */
  health?: HealthOptions;
  /** Messages a component's mailbox holds waiting; a full mailbox answers `queue-full`. @default 1024 */
  mailboxCapacity?: number;
  /**
   * Allowed capability checks to audit: `'first'` records each allowance when it is decided and every denial,
   * `'all'` also every repeat served from the decision cache (a busy component then writes one audit record
   * per message, which halves messaging throughput). @default 'first'
   */
  auditAllowed?: 'first' | 'all';
  /** Events kept in memory for `host.audit.query`. @default 10000 */
  auditMemory?: number;
}

/** Options of `host.spawn`. */
export interface SpawnOptions {
  /** The supervision group (see `createGroup`) to run under. @default the host's root supervisor */
  group?: string;
  /**
   * When the supervisor restarts it: `permanent` always, `transient` only after a failure, `temporary` never (a
   * failure stops it for good). @default 'permanent'
   */
  policy?: 'permanent' | 'transient' | 'temporary';
}

/** What `host.spawn` takes: a `Component.toml` path, or the manifest text and wasm bytes themselves. */
export type SpawnInput =
  | string
  | {
      /** `Component.toml` text, exactly as signed. */
      manifest: string;
      wasm: Uint8Array;
      /** Named in errors. @default `Component.toml` */
      file?: string;
      source?: ComponentSource;
      /** A detached signature document (JSON text). */
      signature?: string;
    };

/** One running component as `host.components()` lists it. */
export interface ComponentSummary {
  id: string;
  state: ActorState;
  trust: TrustLevel;
  isolation: 'inline' | 'worker';
  restarts: number;
  /** The capabilities it was granted (canonical strings). */
  granted: readonly string[];
}

/** Approvals waiting for a person, and the decisions. */
export interface HostApprovals {
  list(filter?: { state?: ApprovalState | readonly ApprovalState[] }): ApprovalRecord[];
  /** Approve a pending request, optionally granting only `narrow` (a subset of what was asked). */
  approve(
    id: string,
    decision?: { by?: string; reason?: string; narrow?: readonly string[] },
  ): ApprovalRecord;
  deny(id: string, reason: string, by?: string): ApprovalRecord;
}

/** Filters of `host.audit.query`. */
export interface AuditQuery {
  component?: string;
  category?: AuditEvent['category'];
  decision?: AuditEvent['decision'];
  limit?: number;
}

/** Events a host emits. */
export interface HostEvents {
  'component-state': (event: { id: string; from: ActorState; to: ActorState }) => void;
  'component-failed': (event: { id: string; error: unknown }) => void;
  'component-restarted': (event: { id: string; restarts: number }) => void;
  /**
   * A component's supervisor gave up on it (too many restarts, or a temporary component that failed). It stays
   * in `components()` as `terminated`, messages to it are refused with `not-found`, and `stopComponent` clears
   * it so it can be spawned again. The other components keep running.
   */
  'component-given-up': (event: { id: string }) => void;
  /** A watched component's health answer changed (with the `health` option). */
  'component-health': (event: { id: string } & HealthChange) => void;
  'approval-pending': (event: { record: ApprovalRecord }) => void;
  escalated: (event: { supervisor: string; error: unknown }) => void;
}

/** A running airssys host. */
export interface Host {
  readonly dataDir: string;
  /** Manifest → trust → approval → capabilities and quotas → isolation → supervised actor. */
  spawn(input: SpawnInput, options?: SpawnOptions): Promise<ComponentSummary>;
  /** A supervision group: its components restart together per `strategy` (one-for-all, rest-for-one). */
  createGroup(
    name: string,
    options: {
      strategy: 'one-for-one' | 'one-for-all' | 'rest-for-one';
      maxRestarts?: number;
      windowMs?: number;
    },
  ): Promise<void>;
  readonly approvals: HostApprovals;
  /** Fire-and-forget from the host to a component. */
  send(id: string, payload: Uint8Array): void;
  /** Ask a component; resolves with its reply. */
  request(id: string, payload: Uint8Array, options?: { timeoutMs?: number }): Promise<Uint8Array>;
  publish(topic: string, payload: Uint8Array): PublishResult;
  components(): ComponentSummary[];
  /** Stop one component for good. */
  stopComponent(id: string): Promise<void>;
  readonly audit: { query(filter?: AuditQuery): AuditEvent[]; flush(): Promise<void>; readonly path: string };
  on<E extends keyof HostEvents>(event: E, listener: HostEvents[E]): () => void;
  /** Stop accepting, drain mailboxes, call `shutdown` exports, close storage, flush the audit log. */
  stop(): Promise<void>;
}
