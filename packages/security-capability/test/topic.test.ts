import { describe, expect, it } from 'vitest';
import { compileTopicPattern, normaliseTopic } from '../src/index.js';

describe('compileTopicPattern', () => {
  it('treats `*` as exactly one segment', () => {
    const { match } = compileTopicPattern('orders.*');
    expect(match('orders.created')).toBe(true);
    expect(match('orders.eu.created')).toBe(false);
    expect(match('orders')).toBe(false);
  });

  it('treats a trailing `#` as one or more segments', () => {
    const { match } = compileTopicPattern('orders.#');
    expect(match('orders.created')).toBe(true);
    expect(match('orders.eu.created')).toBe(true);
    expect(match('orders')).toBe(false);
    expect(match('ordersx.created')).toBe(false);
  });

  it('accepts a subscription only when the grant covers all of it', () => {
    expect(compileTopicPattern('orders.#').match('orders.*')).toBe(true);
    expect(compileTopicPattern('orders.*').match('orders.#')).toBe(false);
    expect(compileTopicPattern('orders.*.created').match('orders.*.created')).toBe(true);
    expect(compileTopicPattern('orders.eu').match('orders.*')).toBe(false);
  });

  it.each(['', ' ', 'orders..created', 'orders.#.created', 'orders.cre*', 'a b', '.orders'])(
    'rejects the pattern `%s`',
    (pattern) => {
      expect(() => compileTopicPattern(pattern)).toThrow(
        expect.objectContaining({ code: 'INVALID_CAPABILITY' }),
      );
    },
  );
});

describe('normaliseTopic', () => {
  it('refuses wildcards in a published topic but allows them in a subscription', () => {
    expect(() => normaliseTopic('orders.*')).toThrow(/refused/);
    expect(normaliseTopic('orders.*', true)).toBe('orders.*');
  });
});
