import { describeValue, QUOTA_KINDS, type QuotaKind } from '@airssys/core';
import {
  InvalidQuotaAmountError,
  InvalidQuotaKindError,
  QuotaExceededError,
  UnknownQuotaComponentError,
} from './errors.js';
import { amountProblem, isWholeKind, unitOf } from './kinds.js';

// Builders of this package's errors, so every message follows one form: the bad value in backticks and what
// would be right.

/** Renders a usage for a message; rate usage can be fractional, shown to three decimals. */
export function formatAmount(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}

/** The amount is not a finite, non-negative, safe number (whole for all kinds but `cpu`). */
export function invalidAmount(
  componentId: string,
  kind: QuotaKind,
  amount: unknown,
  action: 'consume' | 'release',
): InvalidQuotaAmountError {
  const shape = isWholeKind(kind) ? 'a whole' : 'a finite';
  const problem = amountProblem(kind, amount) ?? 'invalid';
  const message =
    `Expected the amount of \`${kind}\` to ${action} to be ${shape}, non-negative number of ${unitOf(kind)} ` +
    `up to 2^53 - 1, got \`${describeValue(amount)}\` (${problem}).`;
  return new InvalidQuotaAmountError(message, { kind, value: amount, componentId });
}

/** More was released than is in use. */
export function overRelease(componentId: string, kind: QuotaKind, used: number, amount: number) {
  const message =
    `Expected to release at most the \`${formatAmount(used)}\` ${unitOf(kind)} of \`${kind}\` that ` +
    `\`${componentId}\` uses, got \`${amount}\`.`;
  return new InvalidQuotaAmountError(message, { kind, value: amount, componentId });
}

/** The kind is not a quota kind at all. */
export function invalidKind(componentId: string, kind: unknown): InvalidQuotaKindError {
  const list = QUOTA_KINDS.map((k) => `\`${k}\``).join(', ');
  const message = `Expected the quota kind to be one of ${list}, got \`${describeValue(kind)}\`.`;
  return new InvalidQuotaKindError(message, { value: kind, componentId });
}

/** `release` was called for a rate kind, which refills by itself. */
export function notReleasable(componentId: string, kind: QuotaKind): InvalidQuotaKindError {
  const message = `Expected a kind that is released, \`storage\` or \`memory\`, got \`${kind}\` (it refills over time).`;
  return new InvalidQuotaKindError(message, { value: kind, componentId });
}

/** The component id is not registered. */
export function unknownComponent(componentId: unknown): UnknownQuotaComponentError {
  const id = describeValue(componentId);
  const message = `Expected a component registered with the quota ledger, got \`${id}\`.`;
  return new UnknownQuotaComponentError(message, {
    componentId: typeof componentId === 'string' ? id : undefined,
  });
}

/** Consuming `requested` would pass the limit; `retryAfterMs` is set for rate kinds. */
export function exceeded(
  componentId: string,
  kind: QuotaKind,
  used: number,
  limit: number,
  requested: number,
  retryAfterMs: number | undefined,
): QuotaExceededError {
  const free = Math.max(limit - used, 0);
  const retry =
    retryAfterMs === undefined
      ? ''
      : Number.isFinite(retryAfterMs)
        ? `; it fits in \`${retryAfterMs}ms\``
        : '; it is more than the rate allows per second and never fits';
  const message =
    `Expected at most \`${formatAmount(free)}\` more ${unitOf(kind)} of \`${kind}\` for \`${componentId}\` ` +
    `(limit \`${limit}\`, used \`${formatAmount(used)}\`), got \`${requested}\`${retry}.`;
  return new QuotaExceededError(message, { kind, limit, used, requested, retryAfterMs, componentId });
}
