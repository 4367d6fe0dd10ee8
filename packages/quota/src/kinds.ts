import { QUOTA_KINDS, type QuotaKind } from '@airssys/core';

/** Number of quota kinds; accounts keep one slot per kind in this order: {@link QUOTA_KINDS}. */
export const KIND_COUNT = QUOTA_KINDS.length;

/** Slot of a kind in an account, or -1 when `kind` is not a {@link QuotaKind}. */
export function kindIndex(kind: unknown): number {
  switch (kind) {
    case 'storage':
      return 0;
    case 'message-rate':
      return 1;
    case 'network':
      return 2;
    case 'cpu':
      return 3;
    case 'memory':
      return 4;
    default:
      return -1;
  }
}

/** True for the kinds held as a level (storage, memory) and given back with `release`. */
export function isCapacityKind(kind: QuotaKind): boolean {
  return kind === 'storage' || kind === 'memory';
}

/** True for the kinds that refill over time (message-rate, network, cpu). */
export function isRateKind(kind: QuotaKind): boolean {
  return !isCapacityKind(kind);
}

/** True when amounts of `kind` must be whole numbers: all but `cpu`, which counts (fractional) milliseconds. */
export function isWholeKind(kind: QuotaKind): boolean {
  return kind !== 'cpu';
}

const UNITS: Readonly<Record<QuotaKind, string>> = {
  storage: 'bytes',
  'message-rate': 'messages',
  network: 'bytes',
  cpu: 'milliseconds',
  memory: 'bytes',
};

/** What the amounts of `kind` count, for messages: `bytes`, `messages` or `milliseconds`. */
export function unitOf(kind: QuotaKind): string {
  return UNITS[kind];
}

/**
 * Why `amount` is not acceptable for `kind`, or `undefined` when it is: a finite, non-negative number no
 * larger than `Number.MAX_SAFE_INTEGER`, whole for every kind but `cpu`.
 */
export function amountProblem(kind: QuotaKind, amount: unknown): string | undefined {
  if (typeof amount !== 'number') return 'not a number';
  if (Number.isNaN(amount)) return 'NaN';
  if (!Number.isFinite(amount)) return 'not finite';
  if (amount < 0) return 'negative';
  if (amount > Number.MAX_SAFE_INTEGER) return 'larger than 2^53 - 1';
  if (isWholeKind(kind) && !Number.isInteger(amount)) return 'not a whole number';
  return undefined;
}

/** True when `amount` is acceptable for the kind in slot `index`; the allocation-free check of the hot path. */
export function isValidAmount(index: number, amount: number): boolean {
  // `amount >= 0` is false for NaN; the upper bound also rules out Infinity.
  if (typeof amount !== 'number' || !(amount >= 0) || amount > Number.MAX_SAFE_INTEGER) return false;
  return index === 3 || Number.isInteger(amount);
}
