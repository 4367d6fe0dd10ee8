import { hasControlCharacter, InvalidCapabilityError, InvalidResourceError, showValue } from '../errors.js';
import { ancestorBuckets, type CompiledPattern, compileSegmentGlob, literalBucket } from './glob.js';

/** Longest path accepted, in characters. */
export const MAX_PATH_LENGTH = 4096;
/** Longest path segment accepted, in characters. */
export const MAX_PATH_SEGMENT = 255;

// NUL and other control characters, backslashes (Windows separators) and `%` (percent-encoding) are never
// decoded or interpreted: they are refused.
const PATTERN_HINT = 'an absolute path pattern like `/srv/in/**`';

/** Start and end of each kept segment while {@link normalisePath} resolves `..` (a path has at most 2048 segments). */
const bounds = new Int32Array(MAX_PATH_LENGTH);

function refuse(path: unknown, why: string): never {
  throw new InvalidResourceError(`Path \`${showValue(path)}\` is refused: ${why}.`, path);
}

/** Why a literal segment is unsafe (`...`, a trailing `.` or space that Windows would strip), or undefined. */
function unsafeSegment(segment: string): string | undefined {
  if (segment.length > MAX_PATH_SEGMENT) return `a segment is longer than ${MAX_PATH_SEGMENT} characters`;
  const last = segment.charCodeAt(segment.length - 1);
  // A dots-only segment ends with a dot, so both checks are needed only then.
  if (last !== 46 && last !== 32) return undefined;
  if (/^\.{3,}$/.test(segment)) return `segment \`${segment}\` is only dots`;
  return `segment \`${segment}\` ends with a dot or space`;
}

/**
 * Normalises an absolute path for matching: resolves `.` and `..`, drops one trailing `/`, and refuses NUL,
 * control characters, backslashes, `%`, empty segments (`//`), unsafe segments and anything escaping `/`.
 * Throws `InvalidResourceError`.
 * @example normalisePath('/srv/in/./a/../b.csv') // '/srv/in/b.csv'
 */
export function normalisePath(path: unknown): string {
  if (typeof path !== 'string') return refuse(path, 'not a string');
  const length = path.length;
  if (length === 0 || length > MAX_PATH_LENGTH) {
    return refuse(path, `expected 1 to ${MAX_PATH_LENGTH} characters`);
  }
  if (path.charCodeAt(0) !== 47) return refuse(path, 'not absolute (it must start with `/`)');
  // One pass over the character codes: NUL, control characters, `\` and `%` are refused at once; `//` and the
  // first unsafe segment or escaping `..` are noted (refused after the pass, in that order of precedence); `.` and
  // `..` are resolved over segment bounds. A path with no `.` or `..` segment and no trailing `/` is returned as is.
  let top = 0;
  let start = 1;
  let empty = false;
  let changed = false;
  let problem: string | undefined;
  let previous = 47;
  for (let i = 1; i <= length; i++) {
    const code = i < length ? path.charCodeAt(i) : 47;
    if (code < 0x20 || code === 0x7f || code === 92 || code === 37) {
      return refuse(path, 'it holds NUL, a control character, `\\` or `%`');
    }
    if (code !== 47) {
      previous = code;
      continue;
    }
    const size = i - start;
    if (size === 0) {
      if (i < length) empty = true;
      else changed = true; // a trailing `/` (or the root itself)
    } else if (problem === undefined) {
      if (path.charCodeAt(start) === 46 && (size === 1 || (size === 2 && previous === 46))) {
        changed = true;
        if (size === 2) {
          if (top === 0) problem = '`..` escapes `/`';
          else top--;
        }
      } else {
        const unsafe = size > MAX_PATH_SEGMENT || previous === 46 || previous === 32;
        if (unsafe) problem = unsafeSegment(path.slice(start, i));
        bounds[2 * top] = start;
        bounds[2 * top + 1] = i;
        top++;
      }
    }
    start = i + 1;
    previous = code;
  }
  if (empty) return refuse(path, 'it has an empty segment (`//`)');
  if (problem !== undefined) return refuse(path, problem);
  if (!changed) return path;
  if (top === 0) return '/';
  // Each kept segment is taken with the `/` before it; segments adjacent in `path` are taken as one slice.
  let out = '';
  let from = bounds[0]! - 1;
  let to = bounds[1]!;
  for (let k = 1; k < top; k++) {
    const next = bounds[2 * k]!;
    if (next !== to + 1) {
      out += path.slice(from, to);
      from = next - 1;
    }
    to = bounds[2 * k + 1]!;
  }
  return out === '' ? path.slice(from, to) : out + path.slice(from, to);
}

/** Splits and checks a path-like pattern's segments; returns why it is invalid, or its segments. */
export function checkGlobSegments(body: string, allowed: RegExp): string[] | string {
  const segments = body.split('/');
  let previous = '';
  for (const segment of segments) {
    if (segment === '') return 'it has an empty segment (a `//` or a trailing `/`)';
    if (segment === '.' || segment === '..') return `segment \`${segment}\` is relative`;
    if (segment.includes('**') && segment !== '**') return '`**` must be a whole segment';
    if (segment === '**' && previous === '**') return '`**/**` repeats itself';
    if (!allowed.test(segment))
      return `segment \`${showValue(segment)}\` holds a character that is not allowed`;
    const unsafe = segment.includes('*') ? undefined : unsafeSegment(segment);
    if (unsafe !== undefined) return unsafe;
    previous = segment;
  }
  return segments;
}

const PATH_SEGMENT = /^[^\\%/]+$/;

/**
 * Compiles a filesystem (or process) pattern: absolute, no `.`/`..`, `*` inside one segment, `**` whole segments.
 * Throws `InvalidCapabilityError`.
 * @example compilePathPattern('/srv/in/**').match('/srv/in/a/b.csv') // true
 */
export function compilePathPattern(text: string): CompiledPattern {
  const bad = (why: string): never => {
    throw new InvalidCapabilityError(`${PATTERN_HINT} (${why})`, text, showValue(text));
  };
  if (typeof text !== 'string' || text.trim() === '') return bad('it is empty');
  if (text.length > MAX_PATH_LENGTH) return bad(`it is longer than ${MAX_PATH_LENGTH} characters`);
  if (!text.startsWith('/')) return bad('it must start with `/`');
  if (hasControlCharacter(text)) return bad('it holds NUL or a control character');
  if (text === '/') return { pattern: '/', bucket: '/', match: (path) => path === '/' };
  const segments = checkGlobSegments(text.slice(1), PATH_SEGMENT);
  if (typeof segments === 'string') return bad(segments);
  return {
    pattern: text,
    bucket: literalBucket(segments, '/'),
    match: compileSegmentGlob(segments, '/'),
  };
}

/** Index buckets a normalised path may meet: itself and each ancestor directory. */
export function pathBuckets(path: string): string[] {
  return ancestorBuckets(path, '/');
}
