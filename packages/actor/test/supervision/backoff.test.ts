import { describe, expect, it } from 'vitest';
import {
  type BackoffOptions,
  backoffBounds,
  backoffDelay,
  baseDelay,
  DEFAULT_BACKOFF,
} from '../../src/supervision/index.js';

const NO_JITTER: BackoffOptions = { initialMs: 10, maxMs: 1000, factor: 2, jitter: 0 };

describe('backoffDelay', () => {
  it('grows exponentially with the attempt', () => {
    const delays = [0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, NO_JITTER));
    expect(delays).toEqual([10, 20, 40, 80, 160]);
  });

  it('caps at maxMs, even for huge attempts', () => {
    expect(backoffDelay(7, NO_JITTER)).toBe(1000);
    expect(backoffDelay(10_000, NO_JITTER)).toBe(1000);
    expect(backoffDelay(Number.POSITIVE_INFINITY, NO_JITTER)).toBe(1000);
  });

  it('uses the documented defaults', () => {
    expect(DEFAULT_BACKOFF).toEqual({ initialMs: 10, maxMs: 5000, factor: 2, jitter: 0.2 });
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0.5)).toBe(10);
  });

  it('spreads symmetrically around the base delay with the injected random', () => {
    const options = { ...NO_JITTER, jitter: 0.5 };
    expect(backoffDelay(2, options, () => 0)).toBe(20);
    expect(backoffDelay(2, options, () => 0.5)).toBe(40);
    expect(backoffDelay(2, options, () => 0.999_999)).toBe(60);
  });

  it('keeps jitter inside its bounds and never above maxMs', () => {
    const options = { initialMs: 10, maxMs: 300, factor: 3, jitter: 0.3 };
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let attempt = 0; attempt < 8; attempt++) {
      const { min, max } = backoffBounds(attempt, options);
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelay(attempt, options, random);
        expect(delay).toBeGreaterThanOrEqual(min);
        expect(delay).toBeLessThanOrEqual(max);
        expect(delay).toBeLessThanOrEqual(300);
      }
    }
    expect(backoffBounds(6, options)).toEqual({ min: 210, max: 300 });
  });

  it('clamps a random outside [0, 1) and reads negative attempts as the first', () => {
    const options = { ...NO_JITTER, jitter: 1 };
    expect(backoffDelay(0, options, () => -5)).toBe(0);
    expect(backoffDelay(0, options, () => 7)).toBe(20);
    expect(baseDelay(-3, NO_JITTER)).toBe(10);
  });

  it('is always 0 when initialMs is 0', () => {
    expect(backoffDelay(50, { ...NO_JITTER, initialMs: 0 })).toBe(0);
  });
});
