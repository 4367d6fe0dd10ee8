import { describeValue } from '@airssys/core';
import { InvalidTopicError } from './errors.js';

// Topics are `.`-separated segments of letters, digits, `_` and `-`, compared case-sensitively (the same rules
// as the `subscribe:`/`publish:` grants of `@airssys/security-capability`). In a pattern `*` is exactly one
// segment and `#` is one or more trailing segments, so `orders.#` matches `orders.eu.created` but not `orders`.

/** Longest topic or pattern accepted, in characters. */
export const MAX_TOPIC_LENGTH = 255;

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** A pattern checked and split once, ready to match many topics. */
export interface TopicPattern {
  readonly pattern: string;
  readonly segments: readonly string[];
  /** True when the pattern has no wildcard, so it matches only the topic equal to it. */
  readonly exact: boolean;
  matches(topic: string): boolean;
}

function problemOf(text: string, wildcards: boolean): string | undefined {
  if (text.length === 0) return 'it is empty';
  if (text.length > MAX_TOPIC_LENGTH) return `it is longer than ${MAX_TOPIC_LENGTH} characters`;
  const segments = text.split('.');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === '*' || segment === '#') {
      if (!wildcards) return 'a topic cannot contain the wildcards `*` or `#`';
      if (segment === '#' && i !== segments.length - 1) return '`#` must be the last segment';
    } else if (segment === '') {
      return `segment ${i + 1} is empty`;
    } else if (!SEGMENT.test(segment)) {
      return `segment \`${segment}\` must be letters, digits, \`_\` or \`-\` (or exactly \`*\` or \`#\`)`;
    }
  }
  return undefined;
}

function check(value: unknown, wildcards: boolean): string {
  const problem = typeof value === 'string' ? problemOf(value, wildcards) : 'it is not a string';
  if (problem !== undefined) {
    const what = wildcards
      ? 'a topic pattern like `orders.*` or `orders.#`'
      : 'a topic like `orders.created`';
    throw new InvalidTopicError(`Expected ${what}, got \`${describeValue(value)}\`: ${problem}.`, { value });
  }
  return value as string;
}

/** Checks a concrete topic (no wildcards) and returns it; throws {@link InvalidTopicError}. */
export function validateTopic(topic: unknown): string {
  return check(topic, false);
}

/** Checks a subscription pattern (wildcards allowed) and returns it; throws {@link InvalidTopicError}. */
export function validateTopicPattern(pattern: unknown): string {
  return check(pattern, true);
}

/** True when the split `topic` matches the split `pattern`; both must be valid. */
export function matchSegments(pattern: readonly string[], topic: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p === '#') return topic.length > i;
    const t = topic[i];
    if (t === undefined || (p !== '*' && p !== t)) return false;
  }
  return topic.length === pattern.length;
}

/**
 * Compiles a subscription pattern once; throws {@link InvalidTopicError}.
 * @example compileTopicPattern('orders.*.created').matches('orders.eu.created') // true
 */
export function compileTopicPattern(pattern: string): TopicPattern {
  validateTopicPattern(pattern);
  const segments = Object.freeze(pattern.split('.'));
  const exact = !segments.includes('*') && !segments.includes('#');
  const matches = exact
    ? (topic: string) => topic === pattern
    : (topic: string) => matchSegments(segments, topic.split('.'));
  return Object.freeze({ pattern, segments, exact, matches });
}

/** True when `topic` matches `pattern`; validates both. */
export function matchTopic(pattern: string, topic: string): boolean {
  return compileTopicPattern(pattern).matches(validateTopic(topic));
}
