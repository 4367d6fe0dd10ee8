import { EventEmitter } from 'eventemitter3';
import { backoffDelay } from './backoff.js';
import {
  type ChildEntry,
  createChildEntry,
  describeEntry,
  isLive,
  startEntry,
  stopEntry,
  stopQuietly,
} from './child-entry.js';
import {
  ChildStartFailedError,
  DuplicateChildError,
  RestartIntensityExceededError,
  SupervisorNotRunningError,
} from './errors.js';
import { type RestartLog, recordRestart } from './intensity.js';
import { checkPolicy, resolveSupervisorOptions } from './options.js';
import { type ExitKind, restartsWithSibling, shouldRestart } from './policy.js';
import { childrenToRestart } from './strategy.js';
import { createTaskQueue } from './task-queue.js';
import type {
  AddChildOptions,
  ChildLink,
  StopReason,
  Supervisable,
  Supervisor,
  SupervisorEvents,
  SupervisorOptions,
  SupervisorState,
} from './types.js';

/**
 * Creates a running supervisor; children are started by `add`, restarted per strategy and policy, and
 * escalated to the parent (or the `escalated` event) once restarts exceed the intensity.
 * @example const sup = createSupervisor({ strategy: 'one-for-one' }); await sup.add(child); sup.childFailed(child.id, err);
 */
export function createSupervisor(options: SupervisorOptions): Supervisor {
  const { strategy, intensity, backoff, clock, random, name } = resolveSupervisorOptions(options);
  const events = new EventEmitter<SupervisorEvents>();
  const entries = new Map<string, ChildEntry>();
  let state: SupervisorState = 'running';
  let log: RestartLog = [];
  let parent: ChildLink | undefined;
  let cancelWait: (() => void) | undefined;
  /** Restarts, adds, removes and stops run one at a time, so they never interleave. */
  const serial = createTaskQueue();

  // A listener or a bug with no caller to return to surfaces as uncaught rather than being lost.
  const report = (error: unknown): void =>
    queueMicrotask(() => {
      throw error;
    });
  const emit = <E extends keyof SupervisorEvents>(event: E, ...args: Parameters<SupervisorEvents[E]>) => {
    try {
      (events.emit as (e: E, ...a: Parameters<SupervisorEvents[E]>) => boolean)(event, ...args);
    } catch (error) {
      report(error);
    }
  };
  const isMine = (entry: ChildEntry | undefined): entry is ChildEntry =>
    entry !== undefined && entries.get(entry.child.id) === entry;
  const now = (): number => clock.monotonic();
  const wait = (ms: number): Promise<boolean> =>
    // No timer for a zero backoff: a timer would round it up to a millisecond and cap restarts at ~1000/s.
    ms <= 0
      ? Promise.resolve(true)
      : new Promise((resolve) => {
          const cancel = clock.setTimer(ms, () => {
            cancelWait = undefined;
            resolve(true);
          });
          cancelWait = () => {
            cancel();
            cancelWait = undefined;
            resolve(false);
          };
        });

  const escalate = async (cause: ChildEntry, count: number, error: unknown): Promise<void> => {
    const { maxRestarts, windowMs } = intensity;
    const failure = new RestartIntensityExceededError({
      supervisor: name,
      childId: cause.child.id,
      restarts: count,
      maxRestarts,
      windowMs,
      cause: error,
    });
    state = 'failed';
    log = [];
    for (const entry of [...entries.values()].reverse()) {
      await stopQuietly(
        entry,
        'shutdown',
        entry === cause || entry.state === 'failed' ? 'failed' : 'stopped',
      );
    }
    emit('escalated', { supervisor: name, error: failure, root: parent === undefined });
    parent?.failed(failure);
  };

  /** One restart round for `cause`; returns the child and error when a `start()` failed, to go round again. */
  const restartRound = async (
    cause: ChildEntry,
    error: unknown,
  ): Promise<[ChildEntry, unknown] | undefined> => {
    const decision = recordRestart(log, now(), intensity);
    log = decision.log;
    if (!decision.allowed) return void (await escalate(cause, decision.count, error));
    const live = [...entries.values()].filter(isLive);
    const group = childrenToRestart(
      strategy,
      live.map((e) => e.child.id),
      cause.child.id,
    )
      .map((id) => entries.get(id))
      .filter(isMine);
    const again = group.filter((e) => e === cause || restartsWithSibling(e.policy));
    const attempt = cause.attempt++;
    const delayMs = backoffDelay(attempt, backoff, random);
    const ids = again.map((e) => e.child.id);
    for (const entry of again) entry.pending = undefined;
    emit('restarting', { supervisor: name, cause: cause.child.id, ids, attempt, delayMs, error });
    for (const entry of [...group].reverse()) {
      const kept = again.includes(entry);
      await stopQuietly(entry, kept ? 'restart' : 'shutdown', kept ? 'restarting' : 'stopped');
    }
    if (state !== 'running' || !(await wait(delayMs))) return undefined;
    for (const entry of again) {
      if (state !== 'running') return undefined;
      try {
        const late = await startTracked(entry.child.id, () => startEntry(entry, now));
        entry.restarts += 1;
        const restarted = { id: entry.child.id, cause: cause.child.id, restarts: entry.restarts, attempt };
        emit('restarted', { supervisor: name, ...restarted });
        if (late) reported(entry.child.id, late.exit, late.error);
      } catch (startError) {
        emit('child-failed', { supervisor: name, id: entry.child.id, error: startError });
        return [
          entry,
          new ChildStartFailedError({ supervisor: name, childId: entry.child.id, cause: startError }),
        ];
      }
    }
    return undefined;
  };

  const handle = async (entry: ChildEntry): Promise<void> => {
    if (!isMine(entry) || entry.pending === undefined) return; // removed, or replaced by a sibling's restart
    let next: [ChildEntry, unknown] | undefined = [entry, entry.pending.error];
    entry.pending = undefined;
    while (next !== undefined && state === 'running') next = await restartRound(...next);
  };

  /**
   * Children being started, with the first crash or exit they reported meanwhile: a child can fail before its
   * `start()` resolves (an actor opens its gate and handles a waiting message first), and that report must not be
   * lost just because the supervisor does not count it as running yet. It is handled once the start completes.
   */
  const starting = new Map<string, { exit: ExitKind; error: unknown } | null>();
  const startTracked = async (
    id: string,
    run: () => Promise<void>,
  ): Promise<{ exit: ExitKind; error: unknown } | undefined> => {
    starting.set(id, null);
    try {
      await run();
      return starting.get(id) ?? undefined;
    } finally {
      starting.delete(id);
    }
  };

  const reported = (id: string, exit: ExitKind, error: unknown): void => {
    if (state === 'running' && starting.has(id)) {
      if (starting.get(id) === null) starting.set(id, { exit, error });
      return;
    }
    const entry = entries.get(id);
    if (state !== 'running' || entry === undefined || entry.state !== 'running') return;
    if (exit === 'failure') emit('child-failed', { supervisor: name, id, error });
    if (now() - entry.startedAt >= intensity.windowMs) entry.attempt = 0;
    if (!shouldRestart(entry.policy, exit)) {
      entry.state = exit === 'failure' ? 'failed' : 'stopped';
      void serial(() => stopQuietly(entry, 'shutdown', entry.state)).catch(report);
      return;
    }
    entry.state = 'restarting';
    entry.pending = { error };
    void serial(() => handle(entry)).catch(report);
  };

  const linkFor = (child: Supervisable): ChildLink => ({
    supervisor: name,
    failed: (error) => {
      if (entries.get(child.id)?.child === child || starting.has(child.id))
        reported(child.id, 'failure', error);
    },
    exited: () => {
      if (entries.get(child.id)?.child === child || starting.has(child.id))
        reported(child.id, 'normal', undefined);
    },
  });

  const add = async (child: Supervisable, addOptions: AddChildOptions = {}): Promise<void> => {
    const policy = checkPolicy(addOptions.policy ?? 'permanent');
    return serial(async () => {
      if (state !== 'running') throw new SupervisorNotRunningError({ supervisor: name, state });
      if (entries.has(child.id)) throw new DuplicateChildError({ supervisor: name, childId: child.id });
      child.attach?.(linkFor(child));
      let late: { exit: ExitKind; error: unknown } | undefined;
      try {
        late = await startTracked(child.id, () => child.start());
      } catch (error) {
        throw new ChildStartFailedError({ supervisor: name, childId: child.id, cause: error });
      }
      entries.set(child.id, createChildEntry(child, policy, now()));
      if (late) reported(child.id, late.exit, late.error);
    });
  };

  const remove = (id: string): Promise<boolean> =>
    serial(async () => {
      const entry = entries.get(id);
      if (entry === undefined) return false;
      entries.delete(id);
      await stopEntry(entry, 'shutdown', 'stopped');
      return true;
    });

  /** Stops every child in reverse start order; throws the first `stop()` error after trying them all. */
  const stopAll = async (reason: StopReason): Promise<void> => {
    let first: { error: unknown } | undefined;
    for (const entry of [...entries.values()].reverse()) {
      entry.pending = undefined;
      await stopEntry(entry, reason, entry.state === 'failed' ? 'failed' : 'stopped').catch((error) => {
        first ??= { error };
      });
    }
    if (first !== undefined) throw first.error;
  };

  const stop = (reason: StopReason = 'shutdown'): Promise<void> => {
    if (state === 'running') state = 'stopping';
    cancelWait?.();
    return serial(async () => {
      if (state === 'stopped') return;
      try {
        await stopAll(reason);
      } finally {
        state = 'stopped';
        log = [];
        emit('stopped', { supervisor: name, reason });
      }
    });
  };

  /** A fresh instance: every child started again in order, restart history forgotten. */
  const start = (): Promise<void> =>
    serial(async () => {
      if (state === 'running') return;
      state = 'running';
      log = [];
      for (const entry of entries.values()) {
        Object.assign(entry, { restarts: 0, attempt: 0, pending: undefined });
        try {
          const late = await startTracked(entry.child.id, () => startEntry(entry, now));
          if (late) reported(entry.child.id, late.exit, late.error);
        } catch (error) {
          entry.state = 'failed';
          await stopAll('shutdown').catch(() => undefined);
          state = 'failed';
          throw new ChildStartFailedError({ supervisor: name, childId: entry.child.id, cause: error });
        }
      }
    });

  return {
    id: name,
    name,
    add,
    remove,
    children: () => [...entries.values()].map(describeEntry),
    childFailed: (id, error) => reported(id, 'failure', error),
    childExited: (id) => reported(id, 'normal', undefined),
    state: () => state,
    start,
    stop,
    attach: (link) => {
      parent = link;
    },
    on(event, listener) {
      events.on(event, listener as never);
      return () => void events.off(event, listener as never);
    },
  };
}
