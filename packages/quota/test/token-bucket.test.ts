import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { burstOf, drain, msUntilAvailable, take, tokensAvailable } from '../src/index.js';

describe('token-bucket', () => {
  it('holds one second worth of the rate as its burst', () => {
    expect(burstOf(1000)).toBe(1000);
    expect(take(0, 1000, 1000)).toBe(1000);
    expect(take(0, 1000, 1001)).toBe(-1);
  });

  it('takes tokens while the bucket holds them and refuses without taking otherwise', () => {
    expect(take(900, 1000, 100)).toBe(1000);
    expect(take(901, 1000, 100)).toBe(-1);
    expect(tokensAvailable(901, 1000)).toBe(99);
    expect(tokensAvailable(1200, 1000)).toBe(0);
  });

  it('refills in proportion to elapsed time and never below empty', () => {
    expect(drain(1000, 1000, 250)).toBe(750);
    expect(drain(1000, 1000, 1000)).toBe(0);
    expect(drain(100, 1000, 5000)).toBe(0);
  });

  it('refills nothing when the clock stands still or goes back', () => {
    expect(drain(500, 1000, 0)).toBe(500);
    expect(drain(500, 1000, -100)).toBe(500);
    expect(drain(500, 1000, Number.NaN)).toBe(500);
  });

  it('says how long until a request fits, and never for one past the burst', () => {
    expect(msUntilAvailable(0, 1000, 10)).toBe(0);
    expect(msUntilAvailable(1000, 1000, 250)).toBe(250);
    expect(msUntilAvailable(0, 1000, 1001)).toBe(Number.POSITIVE_INFINITY);
    expect(msUntilAvailable(0, 0, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('never lets more than rate x seconds + burst through in any sequence of requests', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 2_000 })), {
          maxLength: 200,
        }),
        (rate, steps) => {
          let used = 0;
          let granted = 0;
          let elapsed = 0;
          for (const [ms, amount] of steps) {
            used = drain(used, rate, ms);
            elapsed += ms;
            const next = take(used, rate, amount);
            if (next >= 0) {
              used = next;
              granted += amount;
            }
            expect(used).toBeLessThanOrEqual(rate);
            expect(used).toBeGreaterThanOrEqual(0);
          }
          expect(granted).toBeLessThanOrEqual(rate + (rate * elapsed) / 1000 + 1e-6);
        },
      ),
    );
  });
});
