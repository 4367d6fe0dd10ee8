import { describe, expect, it } from 'vitest';
import { CRITICAL_RATIO, levelRank, THRESHOLD_LEVELS, WARNING_RATIO } from '../src/index.js';
import { crossingRank } from '../src/thresholds.js';

describe('thresholds', () => {
  it('puts warning at 80 % and critical at 95 % exactly', () => {
    expect([WARNING_RATIO, CRITICAL_RATIO]).toEqual([0.8, 0.95]);
    expect([79, 80, 94, 95, 100, 120].map((used) => levelRank(used, 100))).toEqual([0, 1, 1, 2, 2, 2]);
    expect(THRESHOLD_LEVELS).toEqual(['normal', 'warning', 'critical']);
  });

  it('treats zero usage as normal even under a zero limit', () => {
    expect(levelRank(0, 0)).toBe(0);
    expect(levelRank(1, 0)).toBe(2);
  });

  it('announces upward crossings and the return to normal only', () => {
    expect(crossingRank(0, 1)).toBe(1);
    expect(crossingRank(0, 2)).toBe(2);
    expect(crossingRank(1, 2)).toBe(2);
    expect(crossingRank(2, 1)).toBe(-1);
    expect(crossingRank(2, 0)).toBe(0);
    expect(crossingRank(1, 1)).toBe(-1);
  });
});
