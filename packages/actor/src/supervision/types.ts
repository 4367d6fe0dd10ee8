import type { Clock, Scheduler } from '@airssys/core';
import type { BackoffOptions } from './backoff.js';
import type { RestartIntensityExceededError } from './errors.js';
import type { IntensityOptions } from './intensity.js';
import type { RestartPolicy } from './policy.js';
import type { Strategy } from './strategy.js';

/** Why a supervisor stops a child: for good, or to start a fresh instance right after. */
export type StopReason = 'shutdown' | 'restart';

/** How a child reports to its supervisor; given to {@link Supervisable.attach} when the child is added. */
export interface ChildLink {
  /** Name of the supervisor. */
  readonly supervisor: string;
  /** The running instance crashed (same as `supervisor.childFailed(id, error)`). */
  failed(error: unknown): void;
  /** The running instance stopped by itself (same as `supervisor.childExited(id)`). */
  exited(): void;
}

/** What a supervisor needs from a child. */
export interface Supervisable {
  /** Unique among the supervisor's children; the same across restarts. */
  readonly id: string;
  /** Creates a fresh instance with the same id; throws (rejects) when it cannot. */
  start(): Promise<void>;
  /** Stops the current instance; must also succeed when the instance already crashed or exited. */
  stop(reason: StopReason): Promise<void>;
  /** Optional: receives the link to report crashes and exits through; called once, before the first `start()`. */
  attach?(link: ChildLink): void;
}

/** Options of {@link Supervisor.add}. */
export interface AddChildOptions {
  /** @default 'permanent' */
  readonly policy?: RestartPolicy | undefined;
}

/** Where a child stands: `failed` and `stopped` children stay listed, without an instance, until removed. */
export type ChildState = 'running' | 'restarting' | 'stopped' | 'failed';

/** One row of {@link Supervisor.children}. */
export interface ChildInfo {
  readonly id: string;
  readonly state: ChildState;
  /** Times the supervisor started a fresh instance of it (alone or with its siblings). */
  readonly restarts: number;
  readonly policy: RestartPolicy;
}

/** Where a supervisor stands; `failed` after it escalated. */
export type SupervisorState = 'running' | 'stopping' | 'stopped' | 'failed';

/** Options of {@link createSupervisor}. */
export interface SupervisorOptions {
  readonly strategy: Strategy;
  /** @default { maxRestarts: 3, windowMs: 5000 } */
  readonly intensity?: Partial<IntensityOptions> | undefined;
  /** @default { initialMs: 10, maxMs: 5000, factor: 2, jitter: 0.2 } */
  readonly backoff?: Partial<BackoffOptions> | undefined;
  /** Time and timers; tests pass a manual clock. @default systemClock with systemScheduler */
  readonly clock?: (Clock & Scheduler) | undefined;
  /** Source of jitter, in `[0, 1)`. @default Math.random */
  readonly random?: (() => number) | undefined;
  /** Its id as a child of another supervisor, and its name in events and errors. @default 'supervisor' */
  readonly name?: string | undefined;
}

/** Payload of `restarting`: the children about to be stopped and started again after `delayMs`. */
export interface RestartingEvent {
  readonly supervisor: string;
  /** The child whose failure caused the restart. */
  readonly cause: string;
  /** Children restarted, in start order. */
  readonly ids: readonly string[];
  /** Consecutive restarts caused by `cause` before this one (0 for the first). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

/** Payload of `restarted`, once per child of a restart group as its fresh instance comes up. */
export interface RestartedEvent {
  readonly supervisor: string;
  /** The child now running a fresh instance. */
  readonly id: string;
  /** The child whose failure caused the restart (`id` itself under one-for-one). */
  readonly cause: string;
  /** Fresh instances of `id` so far, this one included. */
  readonly restarts: number;
  readonly attempt: number;
}

/** Payload of `child-failed`: a running child crashed or failed to start during a restart. */
export interface ChildFailedEvent {
  readonly supervisor: string;
  readonly id: string;
  readonly error: unknown;
}

/** Payload of `escalated`: the supervisor stopped its children and gave up. */
export interface EscalatedEvent {
  readonly supervisor: string;
  readonly error: RestartIntensityExceededError;
  /** True when no parent was told (a root supervisor). */
  readonly root: boolean;
}

/** Payload of `stopped`. */
export interface StoppedEvent {
  readonly supervisor: string;
  readonly reason: StopReason;
}

/** Events of a supervisor. */
export interface SupervisorEvents {
  restarting: (event: RestartingEvent) => void;
  restarted: (event: RestartedEvent) => void;
  'child-failed': (event: ChildFailedEvent) => void;
  escalated: (event: EscalatedEvent) => void;
  stopped: (event: StoppedEvent) => void;
}

/** Starts, watches and restarts children; is itself a child, so supervisors nest. */
export interface Supervisor extends Supervisable {
  /** Same as `id`. */
  readonly name: string;
  /** Starts `child` after the existing ones; rejects with `DUPLICATE_CHILD`, `CHILD_START_FAILED` or `SUPERVISOR_NOT_RUNNING`. */
  add(child: Supervisable, options?: AddChildOptions): Promise<void>;
  /** Stops the child (reason `shutdown`) and forgets it; false when there was none. */
  remove(id: string): Promise<boolean>;
  /** Children in start order. */
  children(): ChildInfo[];
  /** The running child `id` crashed; restarts per policy and strategy, or escalates. Ignored unless it is running. */
  childFailed(id: string, error: unknown): void;
  /** The running child `id` stopped by itself; restarted only when `permanent`. */
  childExited(id: string): void;
  state(): SupervisorState;
  /** Stops every child in reverse start order; a pending restart is abandoned. */
  stop(reason?: StopReason): Promise<void>;
  /** Listens to an event; returns a function that stops listening. */
  on<E extends keyof SupervisorEvents>(event: E, listener: SupervisorEvents[E]): () => void;
}
