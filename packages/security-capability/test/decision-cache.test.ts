import { describe, expect, it } from 'vitest';
import { DecisionCache } from '../src/decision-cache.js';

describe('DecisionCache', () => {
  it('keeps at most `capacity` resources', () => {
    const cache = new DecisionCache<number>(3);
    for (let i = 0; i < 10; i++) cache.set(`r${i}`, 0, i);
    expect(cache.size).toBe(3);
    expect(cache.get('r9', 0)).toBe(9);
    expect(cache.get('r0', 0)).toBeUndefined();
  });

  it('evicts a resource not used since insertion before one that was read', () => {
    const cache = new DecisionCache<number>(2);
    cache.set('a', 0, 1);
    cache.set('b', 0, 2);
    cache.get('a', 0);
    cache.set('c', 0, 3);
    expect(cache.get('a', 0)).toBe(1);
    expect(cache.get('b', 0)).toBeUndefined();
  });

  it('keeps separate values per action slot of one resource', () => {
    const cache = new DecisionCache<string>(1);
    cache.set('x', 0, 'read');
    cache.set('x', 3, 'write');
    expect([cache.get('x', 0), cache.get('x', 3), cache.get('x', 1)]).toEqual(['read', 'write', undefined]);
  });

  it('stores nothing with capacity 0', () => {
    const cache = new DecisionCache<number>(0);
    cache.set('a', 0, 1);
    expect(cache.get('a', 0)).toBeUndefined();
  });
});
