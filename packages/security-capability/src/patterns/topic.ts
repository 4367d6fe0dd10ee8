import { InvalidCapabilityError, InvalidResourceError, showValue } from '../errors.js';
import { ancestorBuckets, type CompiledPattern } from './glob.js';

// Topics are `.`-separated segments of letters, digits, `_` and `-`, compared case-sensitively.
// In patterns `*` is exactly one segment and `#` is one or more trailing segments (it must be last), so
// `orders.#` covers `orders.created` and `orders.eu.created` but not `orders` itself.
// A subscription may itself use wildcards; it is granted only when every topic it could receive is granted.

/** Longest topic accepted, in characters. */
export const MAX_TOPIC_LENGTH = 255;

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const PATTERN_HINT = 'a topic pattern like `orders.created`, `orders.*` or `orders.#`';

/** Why a topic (with or without wildcards) is invalid, or undefined. */
function topicProblem(text: string, wildcards: boolean): string | undefined {
  if (text.length === 0 || text.length > MAX_TOPIC_LENGTH)
    return `expected 1 to ${MAX_TOPIC_LENGTH} characters`;
  const segments = text.split('.');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === '*' || segment === '#') {
      if (!wildcards) return 'wildcards `*` and `#` are not allowed here';
      if (segment === '#' && i !== segments.length - 1) return '`#` must be the last segment';
    } else if (!SEGMENT.test(segment)) {
      return `segment \`${showValue(segment)}\` must be letters, digits, \`_\` or \`-\``;
    }
  }
  return undefined;
}

/**
 * Checks a topic and returns it unchanged; with `wildcards` (subscriptions) `*` and a final `#` are allowed.
 * Throws `InvalidResourceError`.
 */
export function normaliseTopic(topic: unknown, wildcards = false): string {
  const problem = typeof topic === 'string' ? topicProblem(topic, wildcards) : 'not a string';
  if (problem !== undefined) {
    throw new InvalidResourceError(`Topic \`${showValue(topic)}\` is refused: ${problem}.`, topic);
  }
  return topic as string;
}

/** True when every topic matched by `inner` (a topic or topic pattern) is matched by `outer`. */
export function topicCovers(outer: readonly string[], inner: readonly string[]): boolean {
  for (let i = 0; i < outer.length; i++) {
    const o = outer[i]!;
    const n = inner[i];
    if (n === undefined) return false;
    if (o === '#') return true;
    if (n === '#') return false;
    if (o === '*') continue;
    if (n !== o) return false;
  }
  return inner.length === outer.length;
}

/**
 * Compiles a topic pattern; its matcher also accepts subscription patterns it covers. Throws `InvalidCapabilityError`.
 * @example compileTopicPattern('orders.#').match('orders.eu.created') // true
 */
export function compileTopicPattern(text: string): CompiledPattern {
  const problem = typeof text !== 'string' || text.trim() === '' ? 'it is empty' : topicProblem(text, true);
  if (problem !== undefined) {
    throw new InvalidCapabilityError(`${PATTERN_HINT} (${problem})`, text, showValue(text));
  }
  const segments = text.split('.');
  const first = segments.findIndex((s) => s === '*' || s === '#');
  const bucket = first === -1 ? text : segments.slice(0, first).join('.');
  let match: (topic: string) => boolean;
  if (first === -1) match = (topic) => topic === text;
  else if (first === segments.length - 1 && segments[first] === '#') {
    const head = first === 0 ? '' : `${bucket}.`;
    match = (topic) => topic.length > head.length && topic.startsWith(head);
  } else match = (topic) => topicCovers(segments, topic.split('.'));
  return { pattern: text, bucket, match };
}

/** Index buckets a topic (or subscription) may meet: its literal prefix and each parent of it. */
export function topicBuckets(topic: string): string[] {
  const segments = topic.split('.');
  const first = segments.findIndex((s) => s === '*' || s === '#');
  return ancestorBuckets(first === -1 ? topic : segments.slice(0, first).join('.'), '.');
}
