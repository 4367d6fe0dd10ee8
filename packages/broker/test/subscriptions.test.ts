import { describe, expect, it } from 'vitest';
import { createSubscriptionIndex } from '../src/index.js';

describe('subscriptions', () => {
  it('finds exact, `*` and `#` subscribers, each address once', () => {
    const index = createSubscriptionIndex();
    index.add('acme/exact', 'orders.eu.created');
    index.add('acme/star', 'orders.*.created');
    index.add('acme/rest', 'orders.#');
    index.add('acme/all', '#');
    index.add('acme/rest', 'orders.eu.*');
    index.add('acme/other', 'billing.#');
    expect(index.match('orders.eu.created').sort()).toEqual([
      'acme/all',
      'acme/exact',
      'acme/rest',
      'acme/star',
    ]);
    expect(index.match('orders').sort()).toEqual(['acme/all']);
    expect(index.match('billing.paid').sort()).toEqual(['acme/all', 'acme/other']);
  });

  it('adds a pattern once per address and removes it', () => {
    const index = createSubscriptionIndex();
    expect(index.add('acme/a', 'x.*')).toBe(true);
    expect(index.add('acme/a', 'x.*')).toBe(false);
    expect(index.size).toBe(1);
    expect(index.remove('acme/a', 'x.*')).toBe(true);
    expect(index.remove('acme/a', 'x.*')).toBe(false);
    expect(index.match('x.y')).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('removes every pattern of an address and leaves the others', () => {
    const index = createSubscriptionIndex();
    index.add('acme/a', 'x.#');
    index.add('acme/a', 'y.z');
    index.add('acme/b', 'x.#');
    expect(index.patternsOf('acme/a')).toEqual(['x.#', 'y.z']);
    expect(index.removeAll('acme/a')).toBe(2);
    expect(index.match('x.q')).toEqual(['acme/b']);
    expect(index.match('y.z')).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('refuses an invalid pattern without indexing it', () => {
    const index = createSubscriptionIndex();
    expect(() => index.add('acme/a', 'x.#.y')).toThrow('`#` must be the last segment');
    expect(index.size).toBe(0);
  });
});
