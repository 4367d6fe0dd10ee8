import { InvalidCapabilityError, InvalidResourceError, showValue } from '../errors.js';
import { ancestorBuckets, type CompiledPattern, compileSegmentGlob, literalBucket } from './glob.js';
import { checkGlobSegments } from './path.js';

// Storage keys live inside the calling component's own namespace; the namespace is never part of a key.
// A key is `/`-separated segments of letters, digits and `._:@=+-`; `.` and `..` segments, a leading or
// trailing `/`, `//`, and anything else (NUL, `\`, `%`, spaces, `*`, `#`) are refused, so no key can name
// another component's data however a storage driver joins namespace and key.

/** Longest storage key accepted, in characters. */
export const MAX_STORAGE_KEY_LENGTH = 1024;

const KEY = /^[A-Za-z0-9._:@=+-]+(?:\/[A-Za-z0-9._:@=+-]+)*$/;
const DOTS = /(?:^|\/)\.+(?:\/|$)/;
const PATTERN_SEGMENT = /^[A-Za-z0-9._:@=+*-]+$/;
const PATTERN_HINT = 'a storage key pattern like `cache/*` (relative to the component, no leading `/`)';

/**
 * Checks a storage key and returns it unchanged (keys are never rewritten, so normalising is the identity).
 * Throws `InvalidResourceError` for anything outside the key syntax.
 * @example normaliseStorageKey('cache/user-42') // 'cache/user-42'
 */
export function normaliseStorageKey(key: unknown): string {
  if (typeof key !== 'string') {
    throw new InvalidResourceError(`Storage key \`${showValue(key)}\` is refused: not a string.`, key);
  }
  if (key.length === 0 || key.length > MAX_STORAGE_KEY_LENGTH || !KEY.test(key) || DOTS.test(key)) {
    const message =
      `Storage key \`${showValue(key)}\` is refused: expected 1 to ${MAX_STORAGE_KEY_LENGTH} characters of ` +
      '`/`-separated segments of letters, digits and `._:@=+-`, without `.` or `..` segments.';
    throw new InvalidResourceError(message, key);
  }
  return key;
}

/**
 * Compiles a storage key pattern: relative, `*` inside one segment, `**` whole segments (`**` alone is every key
 * of the component's own namespace). Throws `InvalidCapabilityError`.
 * @example compileStorageKeyPattern('cache/*').match('cache/a') // true
 */
export function compileStorageKeyPattern(text: string): CompiledPattern {
  const bad = (why: string): never => {
    throw new InvalidCapabilityError(`${PATTERN_HINT} (${why})`, text, showValue(text));
  };
  if (typeof text !== 'string' || text.trim() === '') return bad('it is empty');
  if (text.length > MAX_STORAGE_KEY_LENGTH)
    return bad(`it is longer than ${MAX_STORAGE_KEY_LENGTH} characters`);
  if (text.startsWith('/')) return bad('it must not start with `/`');
  const segments = checkGlobSegments(text, PATTERN_SEGMENT);
  if (typeof segments === 'string') return bad(segments);
  if (segments.some((s) => /^\.+$/.test(s))) return bad('a segment is only dots');
  return { pattern: text, bucket: literalBucket(segments, ''), match: compileSegmentGlob(segments, '') };
}

/** Index buckets a storage key may meet: itself and each of its `/` prefixes. */
export function storageKeyBuckets(key: string): string[] {
  return ancestorBuckets(key, '/', 0);
}
