import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headroom, reserve, unreserve } from '../src/index.js';

describe('capacity', () => {
  it('reserves up to and including the limit', () => {
    expect(reserve(900, 1000, 100)).toBe(1000);
    expect(reserve(900, 1000, 101)).toBe(-1);
    expect(reserve(0, 0, 0)).toBe(0);
  });

  it('denies rather than wraps a sum past 2^53', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(reserve(max, max, 1)).toBe(-1);
    expect(reserve(max - 1, max, 1)).toBe(max);
  });

  it('gives back at most what is in use', () => {
    expect(unreserve(300, 100)).toBe(200);
    expect(unreserve(300, 300)).toBe(0);
    expect(unreserve(300, 301)).toBe(-1);
  });

  it('reports the room left, 0 once usage meets or passes the limit', () => {
    expect(headroom(250, 1000)).toBe(750);
    expect(headroom(1000, 1000)).toBe(0);
    expect(headroom(1200, 1000)).toBe(0);
  });

  it('keeps usage within 0 and the limit for any sequence of reserves and releases', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 1_000_000 })), { maxLength: 100 }),
        (limit, ops) => {
          let used = 0;
          for (const [isReserve, amount] of ops) {
            const next = isReserve ? reserve(used, limit, amount) : unreserve(used, amount);
            if (next >= 0) used = next;
            expect(used).toBeGreaterThanOrEqual(0);
            expect(used).toBeLessThanOrEqual(limit);
          }
        },
      ),
    );
  });
});
