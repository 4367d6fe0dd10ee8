// Threshold levels of a usage against its limit, and which level change deserves an event.

/** How close usage is to its limit: `warning` from 80 %, `critical` from 95 %. */
export type ThresholdLevel = 'normal' | 'warning' | 'critical';

/** Threshold levels, lowest first; a level's position is its rank. */
export const THRESHOLD_LEVELS: readonly ThresholdLevel[] = Object.freeze(['normal', 'warning', 'critical']);

/** Share of the limit at which usage is at `warning`. */
export const WARNING_RATIO = 0.8;
/** Share of the limit at which usage is at `critical`. */
export const CRITICAL_RATIO = 0.95;

/**
 * Rank of the level of `used` against `limit`: 0 normal, 1 warning (≥ 80 %), 2 critical (≥ 95 %).
 * Zero usage is normal even under a zero limit. Integer maths, so 80 of 100 is exactly a warning.
 */
export function levelRank(used: number, limit: number): number {
  if (used <= 0) return 0;
  if (used * 20 >= limit * 19) return 2;
  if (used * 5 >= limit * 4) return 1;
  return 0;
}

/**
 * Rank of the event a move from rank `from` to rank `to` deserves, or -1 for none: every upward crossing
 * announces the new level, a return to normal announces `normal`, and a drop from critical to warning is
 * silent but re-arms the critical event.
 */
export function crossingRank(from: number, to: number): number {
  if (to > from) return to;
  if (to === 0 && from > 0) return 0;
  return -1;
}

/** The level of a rank from {@link levelRank}. */
export function levelOf(rank: number): ThresholdLevel {
  return THRESHOLD_LEVELS[rank] ?? 'normal';
}
