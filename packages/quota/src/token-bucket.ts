// A token bucket whose burst is one second's worth of the rate, kept as its fill level: `used` is the number of
// tokens taken and not yet refilled (`burst - tokens`). That makes `used` directly comparable with the limit,
// like the capacity kinds, and is exactly a token bucket. All functions are pure and allocation-free.

/** Burst of a bucket refilled at `ratePerSecond`: one second's worth. */
export function burstOf(ratePerSecond: number): number {
  return ratePerSecond;
}

/**
 * Fill level after `elapsedMs` of refilling at `ratePerSecond` (never below 0; a clock that goes back refills nothing).
 * @example drain(1000, 1000, 250) // 750
 */
export function drain(used: number, ratePerSecond: number, elapsedMs: number): number {
  if (used <= 0 || !(elapsedMs > 0)) return used;
  const refilled = (ratePerSecond * elapsedMs) / 1000;
  return refilled >= used ? 0 : used - refilled;
}

/** Tokens that can be taken now from a bucket at `used` of `ratePerSecond`. */
export function tokensAvailable(used: number, ratePerSecond: number): number {
  const free = burstOf(ratePerSecond) - used;
  return Math.max(free, 0);
}

/**
 * Fill level after taking `amount` tokens, or -1 when the bucket does not hold them (nothing is taken then).
 * A request larger than the burst can never be granted.
 */
export function take(used: number, ratePerSecond: number, amount: number): number {
  const next = used + amount;
  return next <= burstOf(ratePerSecond) ? next : -1;
}

/**
 * Milliseconds until `amount` tokens are available, `0` when they are now, `Infinity` when never (more than
 * the burst, or a zero rate).
 */
export function msUntilAvailable(used: number, ratePerSecond: number, amount: number): number {
  const burst = burstOf(ratePerSecond);
  if (amount > burst) return Number.POSITIVE_INFINITY;
  const missing = used + amount - burst;
  if (missing <= 0) return 0;
  return ratePerSecond > 0 ? Math.ceil((missing * 1000) / ratePerSecond) : Number.POSITIVE_INFINITY;
}
