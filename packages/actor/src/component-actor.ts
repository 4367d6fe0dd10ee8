import type { MessageEnvelope } from '@airssys/core';
import { type ComponentInstance, isWasmError } from '@airssys/runtime';
import { EventEmitter } from 'eventemitter3';
import { ActorError } from './errors.js';
import { configEntries, LIFECYCLE, toGuestMessage } from './lifecycle.js';
import type {
  ActorEvents,
  ActorInfo,
  ActorState,
  CallbackOutcome,
  ComponentActorOptions,
  HealthAnswer,
} from './types.js';
import { within } from './within.js';

/** How long `stop()` waits for the guest's `shutdown` export before disposing anyway. */
const SHUTDOWN_GRACE_MS = 1000;

/**
 * Holds guest calls while the instance is (re)starting: `open()` lets them through, `fail()` rejects them. No
 * promise is made until a call actually has to wait, and the error of a failed gate is only built for a caller
 * that meets it: a stop happens for every actor, a caller waiting on it rarely.
 */
class Gate {
  state: 'waiting' | 'open' | 'failed' = 'waiting';
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #error: (() => unknown) | undefined;

  wait(): Promise<void> {
    if (this.state === 'open') return Promise.resolve();
    if (this.state === 'failed') return Promise.reject(this.#error!());
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  open(): void {
    this.state = 'open';
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }

  fail(error: () => unknown): void {
    this.state = 'failed';
    let made: unknown;
    this.#error = () => (made ??= error());
    for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#error());
  }
}

const gate = (): Gate => new Gate();

/**
 * A component as an actor: one instance at a time, one guest call at a time, and a gate that holds messages
 * while the instance is (re)starting. A failed instance is never called again; `start()` replaces it with a
 * fresh one under the same id (what a supervisor does).
 */
export class ComponentActor extends EventEmitter<ActorEvents> implements ActorInfo {
  readonly id: string;
  #state: ActorState = 'creating';
  #restarts = 0;
  #started = false;
  /** True while a guest call is in progress; calls that arrive meanwhile wait in `#waiters`. */
  #busy = false;
  #waiters: (() => void)[] = [];
  #instance: ComponentInstance | undefined;
  #ready: Gate = gate();

  constructor(private readonly options: ComponentActorOptions) {
    super();
    this.id = options.id;
  }

  get state(): ActorState {
    return this.#state;
  }

  get restarts(): number {
    return this.#restarts;
  }

  get isolation(): 'inline' | 'worker' {
    return this.options.instance?.isolation ?? 'inline';
  }

  #setState(to: ActorState): void {
    const from = this.#state;
    if (from === to) return;
    this.#state = to;
    this.emit('state-changed', { id: this.id, from, to });
  }

  /** Create a fresh instance and call the guest's `initialize`; messages that waited are then handled. */
  async start(): Promise<void> {
    if (this.#state === 'ready') return;
    await this.#dropInstance();
    // A stopped actor can be started again (a supervisor restarting its group): give it a fresh gate.
    if (this.#ready.state !== 'waiting') this.#ready = gate();
    this.#setState('starting');
    try {
      // Inside the try: a hook that throws fails this start like a guest would, instead of leaving it `starting`.
      await this.options.hooks?.beforeStart?.(this);
      const instance = await this.options.component.instantiate({
        ...this.options.instance,
        componentId: this.id,
        imports: this.options.imports?.(this),
      });
      this.#instance = instance;
      await instance.call(LIFECYCLE.initialize, configEntries(this.options.config));
    } catch (error) {
      this.#fail(error);
      throw error;
    }
    const restart = this.#started;
    if (restart) this.#restarts++;
    this.#started = true;
    this.#setState('ready');
    this.#ready.open();
    if (restart) {
      this.emit('restarted', { id: this.id, restarts: this.#restarts });
      await this.options.hooks?.onRestart?.(this, { restarts: this.#restarts });
    }
    await this.options.hooks?.afterStart?.(this);
  }

  /** Call the guest's `shutdown`, dispose the instance; later messages fail with `ACTOR_STOPPED`. */
  async stop(reason: 'shutdown' | 'restart' = 'shutdown'): Promise<void> {
    if (this.#state === 'terminated') return;
    // A stop always happens: a throwing stop hook is reported through `onError`, never allowed to block it.
    await this.#hook(() => this.options.hooks?.beforeStop?.(this));
    // Close the gate: messages that arrive now wait for the next start, or fail when this is the end.
    if (this.#ready.state === 'open') this.#ready = gate();
    this.#setState('stopping');
    await this.#dropInstance();
    if (reason === 'shutdown') {
      this.#ready.fail(
        () =>
          new ActorError('ACTOR_STOPPED', `Component \`${this.id}\` was stopped.`, { componentId: this.id }),
      );
      this.#setState('terminated');
    } else {
      this.#setState('creating');
    }
    await this.#hook(() => this.options.hooks?.afterStop?.(this));
  }

  async #hook(run: () => void | Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      try {
        this.options.hooks?.onError?.(this, error);
      } catch {
        // Nowhere left to report it.
      }
    }
  }

  /** Handle one message; the result is the reply to a request. */
  async handle(envelope: MessageEnvelope): Promise<Uint8Array | undefined> {
    return await this.receive(envelope);
  }

  /**
   * The mailbox handler behind {@link handle}: when the guest runs inline, is ready and idle, the message is
   * handled on the spot and the reply (or the error) comes back without a promise, so a burst of messages runs
   * in one turn of the event loop; otherwise it waits its turn as `handle` does.
   */
  receive(envelope: MessageEnvelope): Uint8Array | undefined | Promise<Uint8Array | undefined> {
    this.options.hooks?.onMessage?.(this, envelope);
    return this.#call(LIFECYCLE.handleMessage, toGuestMessage(envelope)) as
      | Uint8Array
      | undefined
      | Promise<Uint8Array | undefined>;
  }

  /** Deliver the outcome of a request this component made (`handle-callback`). */
  async callback(correlationId: string, outcome: CallbackOutcome): Promise<void> {
    await this.#call(LIFECYCLE.handleCallback, correlationId, outcome);
  }

  /** Ask the guest's `health` export. */
  async health(): Promise<HealthAnswer> {
    return (await this.#call(LIFECYCLE.health)) as HealthAnswer;
  }

  /** The guest's own name, version and description. */
  async metadata(): Promise<{ name: string; version: string; description: string }> {
    return (await this.#call(LIFECYCLE.metadata)) as { name: string; version: string; description: string };
  }

  /**
   * Run one guest call once the gate is open and no other guest call is in progress, so the guest sees one at
   * a time (messages already come one at a time from the mailbox; callbacks and health checks do not). The
   * result is plain when the call could run at once on an inline instance, a promise otherwise.
   */
  #call(exportName: string, ...args: unknown[]): unknown {
    if (this.#ready.state === 'open' && !this.#busy) return this.#enter(exportName, args);
    return this.#callLater(exportName, args);
  }

  async #callLater(exportName: string, args: unknown[]): Promise<unknown> {
    // Wait for the gate, and for any guest call in progress: a host import can call back synchronously while
    // the guest runs (cancelling a request settles its callback at once), and the guest is never re-entered.
    for (;;) {
      if (this.#ready.state !== 'open') await this.#ready.wait();
      else if (this.#busy) await new Promise<void>((resolve) => this.#waiters.push(resolve));
      else break;
    }
    return await this.#enter(exportName, args);
  }

  #enter(exportName: string, args: unknown[]): unknown {
    const instance = this.#instance!;
    // Marked before entering the guest: an inline guest runs synchronously inside the call.
    this.#busy = true;
    if (instance.callSync) {
      try {
        return instance.callSync(exportName, ...args);
      } catch (error) {
        this.#callFailed(instance, error);
        throw error;
      } finally {
        this.#leave();
      }
    }
    return instance.call(exportName, ...args).then(
      (value) => {
        this.#leave();
        return value;
      },
      (error: unknown) => {
        this.#callFailed(instance, error);
        this.#leave();
        throw error;
      },
    );
  }

  #callFailed(instance: ComponentInstance, error: unknown): void {
    if (isWasmError(error) && error.poisoned && instance === this.#instance) this.#fail(error);
    this.options.hooks?.onError?.(this, error);
  }

  #leave(): void {
    this.#busy = false;
    if (this.#waiters.length > 0) {
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const wake of waiters) wake();
    }
  }

  #fail(error: unknown): void {
    if (this.#state === 'terminated') return;
    // Close an open gate; a gate still waiting (a start that failed) stays, so the calls that wait on it go
    // through once a later start succeeds instead of hanging on a gate nobody will open.
    if (this.#ready.state === 'open') this.#ready = gate();
    this.#setState('failed');
    this.emit('failed', { id: this.id, error });
  }

  async #dropInstance(): Promise<void> {
    const instance = this.#instance;
    this.#instance = undefined;
    if (!instance) return;
    if (instance.state === 'ready') {
      const shutdown = instance.call(LIFECYCLE.shutdown).catch(() => {});
      await within(shutdown, SHUTDOWN_GRACE_MS);
    }
    await instance.dispose();
  }
}

/** Create a component actor; call `start()` (or hand it to a supervisor) to run it. */
export function createComponentActor(options: ComponentActorOptions): ComponentActor {
  if (!/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/.test(options.id)) {
    throw new ActorError(
      'INVALID_ACTOR_OPTIONS',
      `Expected \`id\` to be a component id like \`acme/billing\`, got \`${options.id}\`.`,
    );
  }
  return new ComponentActor(options);
}
