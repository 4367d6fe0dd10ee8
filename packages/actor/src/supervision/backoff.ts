/** Shape of the exponential backoff a supervisor waits before a restart. */
export interface BackoffOptions {
  /** Delay before the first restart in a row, in ms. @default 10 */
  readonly initialMs: number;
  /** Largest delay, jitter included, in ms. @default 5000 */
  readonly maxMs: number;
  /** Growth of the delay per consecutive restart (at least 1). @default 2 */
  readonly factor: number;
  /** Spread around the delay as a fraction of it, from 0 (none) to 1. @default 0.2 */
  readonly jitter: number;
}

/** Backoff used when a supervisor is given none. */
export const DEFAULT_BACKOFF: BackoffOptions = Object.freeze({
  initialMs: 10,
  maxMs: 5000,
  factor: 2,
  jitter: 0.2,
});

/** Counts below 0, fractions and non-numbers read as the nearest sensible whole attempt. */
function wholeAttempt(attempt: number): number {
  return Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : attempt > 0 ? Infinity : 0;
}

/**
 * The delay before jitter: `initialMs · factor^attempt`, capped at `maxMs`.
 * @example baseDelay(3, { initialMs: 10, maxMs: 5000, factor: 2, jitter: 0 }) // 80
 */
export function baseDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  if (options.initialMs <= 0) return 0;
  const raw = options.initialMs * options.factor ** wholeAttempt(attempt);
  return Number.isFinite(raw) ? Math.min(raw, options.maxMs) : options.maxMs;
}

/** Lowest and highest delay {@link backoffDelay} can return for `attempt`. */
export function backoffBounds(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): { readonly min: number; readonly max: number } {
  const base = baseDelay(attempt, options);
  return {
    min: Math.max(0, Math.round(base * (1 - options.jitter))),
    max: Math.min(options.maxMs, Math.round(base * (1 + options.jitter))),
  };
}

/**
 * Delay in whole ms before restart number `attempt` in a row (0 for the first).
 *
 * Jitter is symmetric: the base delay is spread uniformly over `[base·(1−jitter), base·(1+jitter)]`, then
 * capped at `maxMs`, so the result never exceeds `maxMs` (at the cap the spread is only downwards).
 * `random` returns a number in `[0, 1)`; pass a fixed one for a deterministic delay (`() => 0.5` gives the base).
 * @example backoffDelay(0, DEFAULT_BACKOFF, () => 0.5) // 10
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const base = baseDelay(attempt, options);
  const unit = Math.min(1, Math.max(0, random()));
  const spread = base * options.jitter * (2 * unit - 1);
  return Math.min(options.maxMs, Math.max(0, Math.round(base + spread)));
}
