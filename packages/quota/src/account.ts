import { QUOTA_KINDS, type QuotaLimits, type QuotaLimitsInput, validateQuotas } from '@airssys/core';
import { KIND_COUNT } from './kinds.js';
import type { QuotaHandle } from './types.js';

/** Slots (in {@link QUOTA_KINDS} order) that refill over time: message-rate, network, cpu. */
export const RATE: readonly boolean[] = [false, true, true, true, false];

// One component's books: flat typed arrays indexed by kind slot, so the hot path allocates nothing.
export interface Account {
  readonly id: string;
  active: boolean;
  limits: QuotaLimits;
  readonly limit: Float64Array;
  readonly used: Float64Array;
  /** `clock.monotonic()` of the last refill, for rate slots. */
  readonly stamp: Float64Array;
  /** Threshold rank last announced (0 normal, 1 warning, 2 critical). */
  readonly rank: Uint8Array;
  handle: QuotaHandle | undefined;
}

/** A fresh account under `limits` with nothing used, its buckets stamped `now`. */
export function newAccount(id: string, limits: QuotaLimits, now: number): Account {
  const stamp = new Float64Array(KIND_COUNT).fill(now);
  const account: Account = {
    id,
    active: true,
    limits,
    limit: new Float64Array(KIND_COUNT),
    used: new Float64Array(KIND_COUNT),
    stamp,
    rank: new Uint8Array(KIND_COUNT),
    handle: undefined,
  };
  applyLimits(account, limits);
  return account;
}

/** `input` over `defaults`, validated; an input that is not a table is left to `validateQuotas` to reject. */
export function mergeLimits(defaults: QuotaLimits, input: QuotaLimitsInput | undefined): QuotaLimits {
  if (input === undefined) return defaults;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return validateQuotas(input);
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const checked = validateQuotas(given) as Record<string, number>;
  const merged: Record<string, number> = { ...defaults };
  for (const kind of Object.keys(given)) merged[kind] = checked[kind]!;
  return Object.freeze(merged) as QuotaLimits;
}

/** Copies `limits` into the account's slots. */
export function applyLimits(a: Account, limits: QuotaLimits): void {
  a.limits = limits;
  for (let i = 0; i < KIND_COUNT; i++) a.limit[i] = limits[QUOTA_KINDS[i]!];
}
