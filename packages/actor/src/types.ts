import type { MessageEnvelope } from '@airssys/core';
import type { ComponentInstance, HostImports, InstantiateOptions, LoadedComponent } from '@airssys/runtime';

/** Lifecycle of a component actor. */
export type ActorState = 'creating' | 'starting' | 'ready' | 'stopping' | 'terminated' | 'failed';

/** What the guest's `health` export answered, or `error` when asking failed. */
export type HealthAnswer = 'healthy' | 'degraded' | 'unhealthy';

/** The outcome of a request, as `handle-callback` receives it. */
export type CallbackOutcome =
  | { tag: 'ok'; val: Uint8Array }
  | { tag: 'err'; val: { tag: string; val?: string } };

/** Hooks around an actor's life; each may be async and is awaited. */
export interface ActorHooks {
  beforeStart?(actor: ActorInfo): void | Promise<void>;
  afterStart?(actor: ActorInfo): void | Promise<void>;
  beforeStop?(actor: ActorInfo): void | Promise<void>;
  afterStop?(actor: ActorInfo): void | Promise<void>;
  onMessage?(actor: ActorInfo, envelope: MessageEnvelope): void;
  onError?(actor: ActorInfo, error: unknown): void;
  /** A fresh instance replaced a failed or stopped one and is ready (not called on the first start). */
  onRestart?(actor: ActorInfo, event: { restarts: number }): void | Promise<void>;
  /** The guest's `health` answer changed (only while a health monitor watches it, see `SpawnOptions.health`). */
  onHealthChange?(actor: ActorInfo, event: HealthChange): void;
}

/** A change of a guest's health as the monitor saw it. */
export interface HealthChange {
  previous: HealthAnswer | 'unknown';
  current: HealthAnswer;
}

/** Read-only view of an actor for hooks and listings. */
export interface ActorInfo {
  readonly id: string;
  readonly state: ActorState;
  /** How many times a fresh instance replaced a failed one. */
  readonly restarts: number;
  readonly isolation: 'inline' | 'worker';
}

/** Options of {@link createComponentActor}. */
export interface ComponentActorOptions {
  /** The component id in string form, `namespace/name`. */
  id: string;
  component: LoadedComponent;
  /** How each instance is created (isolation, limits, WASI); imports come from `imports`. */
  instance?: Omit<InstantiateOptions, 'imports' | 'componentId'>;
  /** Builds the host imports of each fresh instance, bound to this actor. */
  imports?: (actor: ActorInfo) => HostImports;
  /** Passed to the guest's `initialize`. */
  config?: Readonly<Record<string, string>>;
  hooks?: ActorHooks;
}

/** Events of a component actor. */
export interface ActorEvents {
  'state-changed': (event: { id: string; from: ActorState; to: ActorState }) => void;
  /** The instance failed (trap, timeout, memory cap); a supervisor decides what happens next. */
  failed: (event: { id: string; error: unknown }) => void;
  /** A fresh instance replaced the previous one (see {@link ActorHooks.onRestart}). */
  restarted: (event: { id: string; restarts: number }) => void;
  /** The guest's health answer changed (see {@link ActorHooks.onHealthChange}). */
  'health-changed': (event: { id: string } & HealthChange) => void;
}

/** A component instance with the actor's bookkeeping; internal to this package. */
export interface LiveInstance {
  instance: ComponentInstance;
  startedAt: number;
}
