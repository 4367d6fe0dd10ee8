import type { RestartPolicy } from './policy.js';
import type { ChildInfo, ChildState, StopReason, Supervisable } from './types.js';

/** What a supervisor keeps about one child (internal to the supervisor). */
export interface ChildEntry {
  readonly child: Supervisable;
  readonly policy: RestartPolicy;
  state: ChildState;
  restarts: number;
  /** Consecutive restarts this child caused; drives the backoff, reset once it stays up a window long. */
  attempt: number;
  /** Monotonic time the current instance came up. */
  startedAt: number;
  /** An instance was started and the supervisor has not stopped it yet (it may have crashed since). */
  up: boolean;
  /** A reported crash or exit not handled yet; cleared when a sibling's restart already replaced it. */
  pending: { readonly error: unknown } | undefined;
}

/** The entry of a child whose first instance just started at `now`. */
export function createChildEntry(child: Supervisable, policy: RestartPolicy, now: number): ChildEntry {
  return {
    child,
    policy,
    state: 'running',
    restarts: 0,
    attempt: 0,
    startedAt: now,
    up: true,
    pending: undefined,
  };
}

/** The public view of an entry. */
export function describeEntry(entry: ChildEntry): ChildInfo {
  return { id: entry.child.id, state: entry.state, restarts: entry.restarts, policy: entry.policy };
}

/** True while the child has an instance or is about to get one. */
export function isLive(entry: ChildEntry): boolean {
  return entry.state === 'running' || entry.state === 'restarting';
}

/**
 * Moves the entry to `next`, then stops its instance if one is up. The state changes first, so a report
 * the instance makes about its own stop finds the child no longer `running` and is ignored.
 */
export async function stopEntry(entry: ChildEntry, reason: StopReason, next: ChildState): Promise<void> {
  entry.state = next;
  if (!entry.up) return;
  entry.up = false;
  await entry.child.stop(reason);
}

/**
 * Like {@link stopEntry}, ignoring what `stop()` throws: used while discarding or replacing an instance
 * that already crashed, where a failing clean-up must not block the restart.
 */
export function stopQuietly(entry: ChildEntry, reason: StopReason, next: ChildState): Promise<void> {
  return stopEntry(entry, reason, next).catch(() => undefined);
}

/** Starts a fresh instance; the entry is `running` from `now()` only once `start()` resolved. */
export async function startEntry(entry: ChildEntry, now: () => number): Promise<void> {
  await entry.child.start();
  entry.up = true;
  entry.state = 'running';
  entry.startedAt = now();
}
