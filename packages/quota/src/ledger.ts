import {
  type AirssysError,
  describeValue,
  InvalidComponentIdError,
  QUOTA_KINDS,
  type QuotaKind,
  type QuotaLimits,
  type QuotaLimitsInput,
  type QuotaStatus,
  type QuotaUsage,
  systemClock,
  validateQuotas,
} from '@airssys/core';
import { type Account, applyLimits, mergeLimits, newAccount, RATE } from './account.js';
import { reserve, unreserve } from './capacity.js';
import { isValidAmount, KIND_COUNT, kindIndex } from './kinds.js';
import {
  exceeded,
  invalidAmount,
  invalidKind,
  notReleasable,
  overRelease,
  unknownComponent,
} from './messages.js';
import { createNotifier } from './notify.js';
import { crossingRank, levelOf, levelRank } from './thresholds.js';
import { drain, msUntilAvailable, take } from './token-bucket.js';
import type { QuotaHandle, QuotaLedgerInstance, QuotaLedgerOptions } from './types.js';

type Action = 'consume' | 'release';

/**
 * Creates an in-memory quota ledger: capacity kinds (storage, memory) are levels given back with `release`,
 * rate kinds (message-rate, network, cpu) are token buckets holding one second's worth, refilled lazily.
 * @example const ledger = createQuotaLedger(); ledger.register('acme/a'); ledger.for('acme/a').tryConsume('storage', 512);
 */
export function createQuotaLedger(options: QuotaLedgerOptions = {}): QuotaLedgerInstance {
  const clock = options.clock ?? systemClock;
  const defaults = validateQuotas(options.defaults ?? {}, { path: 'defaults' });
  const accounts = new Map<string, Account>();
  const notify = createNotifier(clock, options.audit, options.onError);

  const fail = (
    error: AirssysError,
    action: Action,
    kind: unknown,
    subject: unknown = error.componentId,
  ): never => {
    const component = typeof subject === 'string' ? subject : describeValue(subject);
    const known = kindIndex(kind) >= 0 ? (kind as QuotaKind) : undefined;
    notify.audit({ componentId: component, action, kind: known, decision: 'denied', reason: error.message });
    throw error;
  };

  const lookup = (componentId: unknown, action?: Action, kind?: unknown): Account => {
    const account = typeof componentId === 'string' ? accounts.get(componentId) : undefined;
    if (account !== undefined) return account;
    const error = unknownComponent(componentId);
    if (action === undefined) throw error;
    return fail(error, action, kind, componentId);
  };

  /** `a` itself, or an error when it was unregistered since its handle was taken. */
  const live = (a: Account): Account => {
    if (!a.active) throw unknownComponent(a.id);
    return a;
  };

  /** Refills a rate slot up to now and returns its usage. */
  const settle = (a: Account, i: number): number => {
    if (!RATE[i]) return a.used[i]!;
    const now = clock.monotonic();
    // A clock that steps back refills nothing now and, keeping the later stamp, nothing twice later.
    if (!(now > a.stamp[i]!)) return a.used[i]!;
    const used = drain(a.used[i]!, a.limit[i]!, now - a.stamp[i]!);
    a.used[i] = used;
    a.stamp[i] = now;
    return used;
  };

  const track = (a: Account, i: number, used: number): void => {
    const rank = levelRank(used, a.limit[i]!);
    const from = a.rank[i]!;
    if (rank === from) return;
    a.rank[i] = rank;
    const emit = crossingRank(from, rank);
    if (emit < 0) return;
    const kind = QUOTA_KINDS[i]!;
    notify.threshold({ componentId: a.id, kind, level: levelOf(emit), used, limit: a.limit[i]! });
  };

  const slotOf = (a: Account, kind: unknown, amount: number, action: Action): number => {
    if (!a.active) return fail(unknownComponent(a.id), action, kind);
    const i = kindIndex(kind);
    if (i < 0) return fail(invalidKind(a.id, kind), action, kind);
    if (!isValidAmount(i, amount))
      return fail(invalidAmount(a.id, kind as QuotaKind, amount, action), action, kind);
    return i;
  };

  /** The hot path: the new usage, or -1 when `amount` does not fit (then nothing changed but the refill). */
  const consume = (a: Account, i: number, amount: number): number => {
    const used = settle(a, i);
    const limit = a.limit[i]!;
    const next = RATE[i] ? take(used, limit, amount) : reserve(used, limit, amount);
    if (next < 0) {
      track(a, i, used);
      return -1;
    }
    a.used[i] = next;
    track(a, i, next);
    return next;
  };

  const denial = (a: Account, i: number, amount: number) => {
    const used = a.used[i]!;
    const limit = a.limit[i]!;
    const retry = RATE[i] ? msUntilAvailable(used, limit, amount) : undefined;
    const error = exceeded(a.id, QUOTA_KINDS[i]!, used, limit, amount, retry);
    const details = { used, limit, requested: amount };
    notify.audit({
      componentId: a.id,
      action: 'consume',
      kind: error.kind,
      decision: 'denied',
      reason: error.message,
      details,
    });
    return error;
  };

  const release = (a: Account, kind: QuotaKind, amount: number): void => {
    const i = slotOf(a, kind, amount, 'release');
    if (RATE[i]) fail(notReleasable(a.id, kind), 'release', kind);
    const next = unreserve(a.used[i]!, amount);
    if (next < 0) fail(overRelease(a.id, kind, a.used[i]!, amount), 'release', kind);
    a.used[i] = next;
    track(a, i, next);
  };

  const usage = (a: Account, kind: QuotaKind): QuotaUsage => {
    const i = kindIndex(kind);
    if (i < 0) throw invalidKind(a.id, kind);
    const used = settle(a, i);
    track(a, i, used);
    return { used, limit: a.limit[i]! };
  };

  const status = (a: Account): QuotaStatus => {
    const out = {} as Record<QuotaKind, QuotaUsage>;
    for (const kind of QUOTA_KINDS) out[kind] = usage(a, kind);
    return Object.freeze(out);
  };

  const handleOf = (a: Account): QuotaHandle => {
    a.handle ??= Object.freeze({
      componentId: a.id,
      tryConsume(kind: QuotaKind, amount: number): number {
        const i = slotOf(a, kind, amount, 'consume');
        const next = consume(a, i, amount);
        if (next < 0) throw denial(a, i, amount);
        return next;
      },
      release: (kind: QuotaKind, amount: number) => release(a, kind, amount),
      usage: (kind: QuotaKind) => usage(live(a), kind),
      status: () => status(live(a)),
    });
    return a.handle;
  };

  const register = (componentId: string, input?: QuotaLimitsInput): QuotaLimits => {
    if (typeof componentId !== 'string' || componentId === '') {
      const message = `Expected a component id like \`acme/order-intake\`, got \`${describeValue(componentId)}\`.`;
      throw new InvalidComponentIdError(message, { value: componentId });
    }
    const limits = mergeLimits(defaults, input);
    const existing = accounts.get(componentId);
    if (existing === undefined) {
      accounts.set(componentId, newAccount(componentId, limits, clock.monotonic()));
      return limits;
    }
    applyLimits(existing, limits);
    for (let i = 0; i < KIND_COUNT; i++) track(existing, i, settle(existing, i));
    return limits;
  };

  return {
    name: 'quota-ledger',
    register,
    unregister(componentId) {
      const a = accounts.get(componentId);
      if (a === undefined) return false;
      a.active = false;
      return accounts.delete(componentId);
    },
    has: (componentId) => accounts.has(componentId),
    limits: (componentId) => lookup(componentId).limits,
    tryConsume(componentId, kind, amount) {
      const a = lookup(componentId, 'consume', kind);
      const i = slotOf(a, kind, amount, 'consume');
      const next = consume(a, i, amount);
      if (next >= 0) return { allowed: true, used: next, limit: a.limit[i]! };
      const error = denial(a, i, amount);
      return { allowed: false, used: error.used, limit: error.limit, reason: error.message };
    },
    release: (componentId, kind, amount) => release(lookup(componentId, 'release', kind), kind, amount),
    status: (componentId) => status(lookup(componentId)),
    for: (componentId) => handleOf(lookup(componentId)),
    on: (_event, listener) => notify.on(listener),
    dispose() {
      for (const a of accounts.values()) a.active = false;
      accounts.clear();
      notify.clear();
    },
  };
}
