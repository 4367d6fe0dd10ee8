import { describeValue, InvalidLimitsError, MAX_COMPONENT_ID_SEGMENT } from '@airssys/core';
import { InvalidKeyError, InvalidNamespaceError, InvalidValueError, ValueTooLargeError } from './errors.js';
import type { StorageLimits, StorageLimitsOptions } from './types.js';

/** Default largest value, in bytes (1 MiB). */
export const DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

/** Default longest key, in characters. */
export const DEFAULT_MAX_KEY_LENGTH = 256;

const SEGMENT = `[a-z][a-z0-9-]{0,${MAX_COMPONENT_ID_SEGMENT - 1}}`;
const NAMESPACE = new RegExp(`^${SEGMENT}/${SEGMENT}$`);
// Control characters (C0, DEL, C1), lone surrogates (not encodable as UTF-8, so two such keys could collide
// once stored), noncharacters (U+10FFFF bounds prefix scans) and the backslash.
const FORBIDDEN = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\\]/u;

/** Applies defaults and checks the limits; throws core's `InvalidLimitsError` on a bad number. */
export function resolveLimits(options: StorageLimitsOptions = {}): StorageLimits {
  const maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
  const maxKeyLength = options.maxKeyLength ?? DEFAULT_MAX_KEY_LENGTH;
  for (const [key, value] of [
    ['maxValueBytes', maxValueBytes],
    ['maxKeyLength', maxKeyLength],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new InvalidLimitsError(
        `Expected \`${key}\` to be a positive whole number, got \`${describeValue(value)}\`.`,
        {
          key,
          value,
        },
      );
    }
  }
  return Object.freeze({ maxValueBytes, maxKeyLength });
}

/** Throws `INVALID_NAMESPACE` unless `namespace` is a component key such as `acme/order-intake`. */
export function checkNamespace(namespace: string): void {
  if (typeof namespace === 'string' && NAMESPACE.test(namespace)) return;
  throw new InvalidNamespaceError(
    `Expected a namespace that is a component key like \`acme/order-intake\` (two segments of lowercase letters, digits and '-', each starting with a letter), got \`${show(namespace)}\`.`,
    { namespace: typeof namespace === 'string' ? namespace : undefined },
  );
}

/** Throws `INVALID_KEY` unless `key` follows the key rules (length, characters, no `/` start, no `..` segment). */
export function checkKey(namespace: string, key: string, limits: StorageLimits): void {
  checkText(namespace, key, limits, 'key');
  if (key.length === 0) {
    fail(namespace, key, `Expected a key of 1 to ${limits.maxKeyLength} characters, got the empty key \`\`.`);
  }
  if (key.charCodeAt(0) === 0x2f) {
    fail(
      namespace,
      key,
      `Expected key \`${show(key)}\` not to start with '/': keys are relative to the namespace.`,
    );
  }
  if (key === '..' || key.startsWith('../') || key.endsWith('/..') || key.includes('/../')) {
    fail(
      namespace,
      key,
      `Expected key \`${show(key)}\` without a \`..\` segment: keys never leave the namespace.`,
    );
  }
}

/** Throws `INVALID_KEY` unless `prefix` is empty or could start a valid key. */
export function checkPrefix(namespace: string, prefix: string, limits: StorageLimits): void {
  checkText(namespace, prefix, limits, 'prefix');
  if (prefix.charCodeAt(0) === 0x2f) {
    fail(
      namespace,
      prefix,
      `Expected prefix \`${show(prefix)}\` not to start with '/': keys are relative to the namespace.`,
    );
  }
}

/** Throws `INVALID_VALUE` for anything but a `Uint8Array`, `VALUE_TOO_LARGE` past `maxValueBytes`. */
export function checkValue(namespace: string, key: string, value: Uint8Array, limits: StorageLimits): void {
  if (!(value instanceof Uint8Array)) {
    throw new InvalidValueError(
      `Expected the value of key \`${show(key)}\` to be a Uint8Array, got \`${describeValue(value)}\`.`,
      { namespace, key },
    );
  }
  if (value.byteLength > limits.maxValueBytes) {
    throw new ValueTooLargeError(
      `Expected the value of key \`${show(key)}\` to be at most ${limits.maxValueBytes} bytes, got \`${value.byteLength}\` bytes.`,
      value.byteLength,
      limits.maxValueBytes,
      { namespace, key },
    );
  }
}

function checkText(namespace: string, text: string, limits: StorageLimits, what: 'key' | 'prefix'): void {
  if (typeof text !== 'string') {
    throw new InvalidKeyError(`Expected the ${what} to be a string, got \`${describeValue(text)}\`.`, {
      namespace,
    });
  }
  // UTF-16 length bounds the code point count from above, so the exact count is only needed past the limit.
  if (text.length > limits.maxKeyLength) {
    const points = codePoints(text);
    if (points > limits.maxKeyLength) {
      fail(
        namespace,
        text,
        `Expected a ${what} of at most ${limits.maxKeyLength} characters, got \`${show(text)}\` (${points} characters).`,
      );
    }
  }
  const bad = FORBIDDEN.exec(text);
  if (bad !== null) {
    const found = bad[0] === '\\' ? 'a backslash' : `the character \`${show(bad[0])}\``;
    fail(
      namespace,
      text,
      `Expected ${what} \`${show(text)}\` to hold only printable characters and no backslash, found ${found} at index ${bad.index}.`,
    );
  }
}

function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) i++;
    }
    count++;
  }
  return count;
}

function fail(namespace: string, key: string, message: string): never {
  throw new InvalidKeyError(message, { namespace, key });
}

/** Text for a message: control and other invisible characters escaped, long text cut short. */
function show(value: unknown): string {
  if (typeof value !== 'string') return describeValue(value);
  const escaped = JSON.stringify(value)
    .slice(1, -1)
    .replace(
      /[\p{Cs}\p{Noncharacter_Code_Point}\u0080-\u009f]/gu,
      (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`,
    );
  return escaped.length > 80 ? `${escaped.slice(0, 77)}...` : escaped;
}
