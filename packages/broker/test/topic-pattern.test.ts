import { describe, expect, it } from 'vitest';
import {
  compileTopicPattern,
  InvalidTopicError,
  MAX_TOPIC_LENGTH,
  matchTopic,
  validateTopic,
  validateTopicPattern,
} from '../src/index.js';

describe('topic-pattern', () => {
  it.each([
    ['orders.created', 'orders.created', true],
    ['orders.created', 'orders.updated', false],
    ['orders.*', 'orders.created', true],
    ['orders.*', 'orders.eu.created', false],
    ['orders.*', 'orders', false],
    ['*.created', 'orders.created', true],
    ['orders.*.created', 'orders.eu.created', true],
    ['orders.#', 'orders.created', true],
    ['orders.#', 'orders.eu.created', true],
    ['orders.#', 'orders', false],
    ['#', 'anything.at.all', true],
    ['*.*.#', 'a.b', false],
    ['*.*.#', 'a.b.c', true],
    ['Orders.created', 'orders.created', false],
  ])('matches `%s` against `%s`: %s', (pattern, topic, expected) => {
    expect(matchTopic(pattern, topic)).toBe(expected);
  });

  it('compiles a pattern once and says whether it is exact', () => {
    expect(compileTopicPattern('a.b').exact).toBe(true);
    const pattern = compileTopicPattern('a.*.c');
    expect(pattern.exact).toBe(false);
    expect(pattern.segments).toEqual(['a', '*', 'c']);
    expect(pattern.matches('a.x.c')).toBe(true);
  });

  it.each([
    ['', 'it is empty'],
    ['orders.#.created', '`#` must be the last segment'],
    ['orders..created', 'segment 2 is empty'],
    ['.orders', 'segment 1 is empty'],
    ['orders.', 'segment 2 is empty'],
    ['orders.cre*', 'segment `cre*`'],
    ['orders.a#', 'segment `a#`'],
    ['orders created', 'segment `orders created`'],
    ['x'.repeat(MAX_TOPIC_LENGTH + 1), 'longer than'],
  ])('refuses the pattern `%s` and names it', (pattern, why) => {
    expect(() => validateTopicPattern(pattern)).toThrow(InvalidTopicError);
    expect(() => compileTopicPattern(pattern)).toThrow(why);
    if (pattern.length < 40) expect(() => compileTopicPattern(pattern)).toThrow(`\`${pattern}\``);
  });

  it('refuses wildcards and empty segments in a concrete topic', () => {
    expect(() => validateTopic('orders.*')).toThrow('cannot contain the wildcards');
    expect(() => validateTopic('orders.#')).toThrow(InvalidTopicError);
    expect(() => validateTopic('a..b')).toThrow('segment 2 is empty');
    expect(() => validateTopic(42)).toThrow('not a string');
    expect(validateTopic('orders.created')).toBe('orders.created');
  });

  it('gives the error code INVALID_TOPIC and keeps the value', () => {
    const error = (() => {
      try {
        validateTopic('a..b');
      } catch (e) {
        return e as InvalidTopicError;
      }
    })();
    expect(error?.code).toBe('INVALID_TOPIC');
    expect(error?.value).toBe('a..b');
  });
});
