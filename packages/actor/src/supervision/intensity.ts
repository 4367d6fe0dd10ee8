/** How many restarts a supervisor may make in a sliding window before it gives up and escalates. */
export interface IntensityOptions {
  /** Restarts allowed inside the window; the next one escalates. 0 escalates on the first failure. @default 3 */
  readonly maxRestarts: number;
  /** Length of the sliding window, in ms. @default 5000 */
  readonly windowMs: number;
}

/** Intensity used when a supervisor is given none. */
export const DEFAULT_INTENSITY: IntensityOptions = Object.freeze({ maxRestarts: 3, windowMs: 5000 });

/** Monotonic times (ms) of the recent restarts, oldest first. */
export type RestartLog = readonly number[];

/** Outcome of {@link recordRestart}. */
export interface RestartDecision {
  /** False when this restart would go past `maxRestarts`: escalate instead. */
  readonly allowed: boolean;
  /** The log to keep for the next call. */
  readonly log: RestartLog;
  /** Restarts inside the window, this one included. */
  readonly count: number;
}

/** Keeps the entries still inside the window: those strictly later than `now − windowMs`. */
export function expireRestarts(log: RestartLog, now: number, windowMs: number): RestartLog {
  const cutoff = now - windowMs;
  const first = log.findIndex((time) => time > cutoff);
  return first === -1 ? [] : first === 0 ? log : log.slice(first);
}

/**
 * Records a restart at `now`: the N-th restart inside the window is allowed, the N+1-th is not.
 * An entry expires once `windowMs` has passed since it, so a restart at 0 no longer counts at `windowMs`.
 * @example recordRestart([0, 10, 20], 30, { maxRestarts: 3, windowMs: 5000 }).allowed // false
 */
export function recordRestart(log: RestartLog, now: number, options: IntensityOptions): RestartDecision {
  const kept = expireRestarts(log, now, options.windowMs);
  const count = kept.length + 1;
  // More than maxRestarts + 1 entries can never change a decision, so the log stays bounded.
  const next = [...kept, now].slice(-(options.maxRestarts + 1));
  return { allowed: count <= options.maxRestarts, log: next, count };
}
