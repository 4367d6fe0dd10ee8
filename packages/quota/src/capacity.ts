// Capacity kinds (storage, memory) hold a level that only `release` lowers. Pure, allocation-free maths.

/**
 * Level after reserving `amount`, or -1 when `used + amount` would pass `limit` (nothing is reserved then).
 * Sums past 2^53 stay above any valid limit, so they are denied rather than wrapped.
 * @example reserve(900, 1000, 100) // 1000
 */
export function reserve(used: number, limit: number, amount: number): number {
  const next = used + amount;
  return next <= limit ? next : -1;
}

/**
 * Level after giving back `amount`, or -1 when `amount` is more than is in use: an over-release is a bug in
 * the caller's accounting, so it is refused rather than clamped to 0.
 * @example unreserve(300, 100) // 200
 */
export function unreserve(used: number, amount: number): number {
  return amount <= used ? used - amount : -1;
}

/** Room left under `limit` (0 when usage already meets or passes it, for example after the limit was lowered). */
export function headroom(used: number, limit: number): number {
  const free = limit - used;
  return Math.max(free, 0);
}
