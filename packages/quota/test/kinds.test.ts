import { QUOTA_KINDS } from '@airssys/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountProblem, isCapacityKind, isRateKind } from '../src/index.js';
import { isValidAmount, kindIndex } from '../src/kinds.js';

describe('kinds', () => {
  it('splits the kinds into capacity and rate kinds', () => {
    expect(QUOTA_KINDS.filter(isCapacityKind)).toEqual(['storage', 'memory']);
    expect(QUOTA_KINDS.filter(isRateKind)).toEqual(['message-rate', 'network', 'cpu']);
  });

  it('maps each kind to its slot and anything else to -1', () => {
    expect(QUOTA_KINDS.map(kindIndex)).toEqual([0, 1, 2, 3, 4]);
    expect([kindIndex('disk'), kindIndex(undefined), kindIndex(0)]).toEqual([-1, -1, -1]);
  });

  it('names the problem of each bad amount', () => {
    expect(amountProblem('storage', -1)).toBe('negative');
    expect(amountProblem('storage', Number.NaN)).toBe('NaN');
    expect(amountProblem('storage', Number.POSITIVE_INFINITY)).toBe('not finite');
    expect(amountProblem('storage', 2 ** 53)).toBe('larger than 2^53 - 1');
    expect(amountProblem('storage', 1.5)).toBe('not a whole number');
    expect(amountProblem('storage', '5')).toBe('not a number');
    expect(amountProblem('storage', 10n)).toBe('not a number');
  });

  it('accepts fractional milliseconds of cpu only', () => {
    expect(amountProblem('cpu', 0.25)).toBeUndefined();
    expect(amountProblem('message-rate', 0.25)).toBe('not a whole number');
  });

  it('agrees with the hot-path check for every value and kind', () => {
    const values = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.constantFrom(-0, 2 ** 53, 2 ** 53 - 1, Number.NaN, Number.POSITIVE_INFINITY),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.constantFrom(...QUOTA_KINDS), values, (kind, value) => {
        expect(isValidAmount(kindIndex(kind), value as number)).toBe(
          amountProblem(kind, value) === undefined,
        );
      }),
    );
  });
});
