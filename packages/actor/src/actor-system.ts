import type { Broker, Registration } from '@airssys/broker';
import { type Logger, silentLogger } from '@airssys/core';
import { EventEmitter } from 'eventemitter3';
import { type ComponentActor, createComponentActor } from './component-actor.js';
import { ActorError } from './errors.js';
import {
  createHealthMonitor,
  createSupervisor,
  type HealthMonitor,
  type RestartPolicy,
  type Supervisor,
  type SupervisorOptions,
} from './supervision/index.js';
import type { ActorInfo, ActorState, ComponentActorOptions, HealthAnswer } from './types.js';
import { within } from './within.js';

/** How the system watches a component's `health` export. */
export interface HealthOptions {
  intervalMs: number;
  /** Consecutive unhealthy answers (or failed checks) that restart the component. @default 3 */
  unhealthyThreshold?: number;
  /** A check slower than this counts as unhealthy. @default 1000 */
  timeoutMs?: number;
}

/** Options of {@link ActorSystem.spawn}. */
export interface SpawnOptions extends ComponentActorOptions {
  /** @default 'permanent' */
  policy?: RestartPolicy;
  /** The supervision group (see `createGroup`) to run under. @default the root supervisor */
  group?: string;
  /** Messages the mailbox holds waiting. @default the broker's */
  mailboxCapacity?: number;
  /** Poll the guest's `health` export; off when omitted. */
  health?: HealthOptions;
}

/** Events of an actor system, for hosts and the playground. */
export interface ActorSystemEvents {
  'state-changed': (event: { id: string; from: ActorState; to: ActorState }) => void;
  failed: (event: { id: string; error: unknown }) => void;
  restarted: (event: { id: string; restarts: number }) => void;
  /**
   * A supervisor gave up (restart intensity exceeded): a component's own supervisor gives that component up
   * (`given-up` follows), a group's parent restarts the whole group.
   */
  escalated: (event: { supervisor: string; error: unknown }) => void;
  /** A component was given up by its supervisor: it stays `terminated` and its mailbox is closed. */
  'given-up': (event: { id: string }) => void;
  /** A watched guest's health changed; `answer` is what the check got (`error` when it threw or timed out). */
  'health-changed': (event: {
    id: string;
    previous: HealthAnswer | 'unknown';
    current: HealthAnswer;
    answer: string;
  }) => void;
}

/** Options of {@link createActorSystem}. */
export interface ActorSystemOptions {
  broker: Broker;
  /**
   * How a component spawned without a group is supervised: under a supervisor of its own with these options, so
   * its restarts never count against another component's budget; past its intensity it is given up alone.
   * Groups (`createGroup`) run under the root, which restarts a group that escalates, with these options too.
   * @default one-for-one, 3 restarts in 5 s
   */
  supervisor?: Omit<SupervisorOptions, 'name'>;
  logger?: Logger;
}

/** How long `stop` waits for a component's accepted messages before stopping it anyway. */
const DRAIN_MS = 5000;

interface Entry {
  actor: ComponentActor;
  supervisor: Supervisor;
  /** The component's own supervisor under the root, when it was spawned without a group. */
  solo: Supervisor | undefined;
  registration: Registration;
  health: HealthMonitor | undefined;
  /** Set once `stop` runs, or once its supervisor gave it up and its mailbox closed. */
  ended: boolean;
}

/** Spawns, finds and stops component actors, each under the root supervisor with its mailbox on the broker. */
export class ActorSystem extends EventEmitter<ActorSystemEvents> {
  readonly #entries = new Map<string, Entry>();
  readonly #supervisor: Supervisor;
  readonly #groups = new Map<string, Supervisor>();
  readonly #logger: Logger;

  constructor(private readonly options: ActorSystemOptions) {
    super();
    this.#logger = options.logger ?? silentLogger;
    this.#supervisor = createSupervisor({ strategy: 'one-for-one', ...options.supervisor, name: 'root' });
    this.#forward(this.#supervisor);
  }

  /**
   * Add a supervision group under the root: components spawned into it restart together per its strategy
   * (`one-for-all`, `rest-for-one`), and when it exceeds its own restart intensity it escalates to the root.
   */
  async createGroup(name: string, options: Omit<SupervisorOptions, 'name'>): Promise<void> {
    if (this.#groups.has(name)) {
      throw new ActorError('ACTOR_EXISTS', `A supervision group named \`${name}\` already exists.`);
    }
    const group = createSupervisor({ ...options, name });
    this.#forward(group);
    await this.#root();
    await this.#supervisor.add(group, { policy: 'permanent' });
    this.#groups.set(name, group);
  }

  async #root(): Promise<void> {
    const state = this.#supervisor.state();
    if (state === 'failed') {
      // Restarting it would bring back every group it gave up, with their mailboxes closed: refuse instead.
      throw new ActorError(
        'ACTOR_FAILED',
        'The root supervisor gave up (a group exceeded its restart intensity too often); shut this system down and create a new one.',
      );
    }
    if (state !== 'running') await this.#supervisor.start();
  }

  #forward(supervisor: Supervisor): void {
    supervisor.on('escalated', (event) => {
      this.emit('escalated', { supervisor: event.supervisor, error: event.error });
      // The root gave up: nothing restarts its groups any more.
      if (event.root) {
        for (const entry of this.#entries.values()) {
          if (entry.actor.state === 'terminated' && !entry.ended) void this.#retire(entry);
        }
      }
    });
    supervisor.on('restarted', (event) => {
      const actor = this.#entries.get(event.id)?.actor;
      if (actor) this.emit('restarted', { id: event.id, restarts: actor.restarts });
    });
  }

  /** Start a component actor: its mailbox opens at once (messages wait), the guest starts under supervision. */
  async spawn(options: SpawnOptions): Promise<ComponentActor> {
    if (this.#entries.has(options.id)) {
      throw new ActorError('ACTOR_EXISTS', `A component with id \`${options.id}\` is already running.`, {
        componentId: options.id,
      });
    }
    const actor = createComponentActor(options);
    const registration = this.options.broker.register(options.id, (envelope) => actor.receive(envelope), {
      capacity: options.mailboxCapacity,
    });
    // A component without a group gets its own supervisor, a temporary child of the root: its failures spend only
    // its own restart budget, and when it runs out only this component stops (its mailbox closes, so senders hear
    // `not-found` rather than losing messages), never the others.
    const solo =
      options.group === undefined
        ? createSupervisor({
            strategy: 'one-for-one',
            ...this.options.supervisor,
            name: `supervisor of ${options.id}`,
          })
        : undefined;
    const supervisor = solo ?? this.#groups.get(options.group!);
    if (!supervisor) {
      await registration.unregister();
      throw new ActorError(
        'ACTOR_NOT_FOUND',
        `No supervision group named \`${options.group}\`; create it first.`,
      );
    }
    const entry: Entry = { actor, registration, supervisor, solo, health: undefined, ended: false };
    this.#entries.set(options.id, entry);
    if (solo) this.#forward(solo);
    actor.on('state-changed', (event) => {
      this.emit('state-changed', event);
      // Alone under its own supervisor, a terminated component is never started again. (In a group the root may
      // restart the whole group, so its mailbox stays open until the root itself gives up.)
      if (event.to === 'terminated' && entry.solo && !entry.ended) void this.#retire(entry);
    });
    actor.on('failed', ({ error }) => {
      this.emit('failed', { id: actor.id, error });
      this.#logger.warn('component failed', { component: actor.id, error: String(error) });
      entry.supervisor.childFailed(actor.id, error);
    });
    try {
      await this.#root();
      if (solo) await this.#supervisor.add(solo, { policy: 'temporary' });
      await supervisor.add(actor, { policy: options.policy ?? 'permanent' });
    } catch (error) {
      entry.ended = true;
      this.#entries.delete(options.id);
      if (solo) await this.#supervisor.remove(solo.id).catch(() => false);
      await registration.unregister();
      // A start that failed half-way (a hook, `initialize`) must not leave an instance or a worker behind.
      await actor.stop('shutdown').catch(() => {});
      throw error;
    }
    if (options.health) entry.health = this.#watch(actor, supervisor, options);
    return actor;
  }

  #watch(actor: ComponentActor, supervisor: Supervisor, options: SpawnOptions): HealthMonitor {
    const health = options.health!;
    const monitor = createHealthMonitor({
      check: () => actor.health(),
      intervalMs: health.intervalMs,
      unhealthyThreshold: health.unhealthyThreshold ?? 3,
      timeoutMs: health.timeoutMs ?? 1000,
      onUnhealthy: () => {
        if (actor.state === 'ready') supervisor.childFailed(actor.id, new Error('unhealthy'));
      },
    });
    monitor.on('health-changed', ({ previous, current, answer }) => {
      const change = { id: actor.id, previous, current };
      actor.emit('health-changed', change);
      this.emit('health-changed', { ...change, answer });
      try {
        options.hooks?.onHealthChange?.(actor, { previous, current });
      } catch (error) {
        this.#logger.warn('onHealthChange hook failed', { component: actor.id, error: String(error) });
      }
    });
    return monitor;
  }

  /** The actor with this id, if it runs. */
  lookup(id: string): ComponentActor | undefined {
    return this.#entries.get(id)?.actor;
  }

  /** Every component actor, in spawn order. */
  list(): ActorInfo[] {
    return [...this.#entries.values()].map(({ actor }) => actor);
  }

  /** Stop one component for good: no restart, its mailbox drained and closed, `shutdown` called. */
  async stop(id: string): Promise<void> {
    const entry = this.#entries.get(id);
    if (!entry)
      throw new ActorError('ACTOR_NOT_FOUND', `No component with id \`${id}\` is running.`, {
        componentId: id,
      });
    this.#entries.delete(id);
    const retired = entry.ended;
    entry.ended = true;
    entry.health?.stop();
    // Drain first, while the supervisor can still restart a failure; a guest stuck for good is cut off.
    if (!retired) await within(entry.registration.unregister(), DRAIN_MS);
    await entry.supervisor.remove(id);
    if (entry.solo) await this.#supervisor.remove(entry.solo.id);
    await entry.actor.stop('shutdown');
  }

  /**
   * A component its supervisor gave up on (restart intensity exceeded, or a temporary child that failed): it
   * stays listed as `terminated` until `stop(id)`, but its mailbox closes at once, so later messages are refused
   * with `not-found` instead of being accepted and lost.
   */
  async #retire(entry: Entry): Promise<void> {
    entry.ended = true;
    entry.health?.stop();
    this.emit('given-up', { id: entry.actor.id });
    this.#logger.warn('component given up by its supervisor', { component: entry.actor.id });
    await entry.registration.unregister();
    // Out of the root too, so nothing ever starts it again behind a closed mailbox.
    if (entry.solo) await this.#supervisor.remove(entry.solo.id).catch(() => false);
  }

  /** Stop every component in reverse spawn order, then the supervisors. */
  async shutdown(): Promise<void> {
    for (const id of [...this.#entries.keys()].reverse()) await this.stop(id);
    await this.#supervisor.stop('shutdown');
  }
}

/** Create an actor system over a broker. */
export function createActorSystem(options: ActorSystemOptions): ActorSystem {
  return new ActorSystem(options);
}
