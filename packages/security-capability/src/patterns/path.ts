import { hasControlCharacter, InvalidCapabilityError, InvalidResourceError, showValue } from '../errors.js';
import { ancestorBuckets, type CompiledPattern, compileSegmentGlob, literalBucket } from './glob.js';

/** Longest path accepted, in characters. */
export const MAX_PATH_LENGTH = 4096;
/** Longest path segment accepted, in characters. */
export const MAX_PATH_SEGMENT = 255;

// NUL and other control characters, backslashes (Windows separators) and `%` (percent-encoding) are never
// decoded or interpreted: they are refused.
const FORBIDDEN = /[\\%]/;
const PATTERN_HINT = 'an absolute path pattern like `/srv/in/**`';

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
 * True for a short path that is already normal: absolute, no NUL, control character, `\`, `%`, `//`, `.`-led
 * segment, segment ending in `.` or space, or trailing `/`. One pass over the character codes, no allocation.
 */
function isPlain(path: string): boolean {
  const length = path.length;
  if (length < 2 || length > MAX_PATH_SEGMENT || path.charCodeAt(0) !== 47) return false;
  let previous = 47;
  for (let i = 1; i < length; i++) {
    const code = path.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 92 || code === 37) return false; // control, `\`, `%`
    if (code === 47) {
      if (previous === 47 || previous === 46 || previous === 32) return false; // `//`, `./`, ` /`
    } else if (code === 46 && previous === 47) return false; // `/.`
    previous = code;
  }
  return previous !== 47 && previous !== 46 && previous !== 32; // trailing `/`, `.` or space
}

/**
 * Normalises an absolute path for matching: resolves `.` and `..`, drops one trailing `/`, and refuses NUL,
 * control characters, backslashes, `%`, empty segments (`//`), unsafe segments and anything escaping `/`.
 * Throws `InvalidResourceError`.
 * @example normalisePath('/srv/in/./a/../b.csv') // '/srv/in/b.csv'
 */
export function normalisePath(path: unknown): string {
  if (typeof path === 'string' && isPlain(path)) return path;
  if (typeof path !== 'string') return refuse(path, 'not a string');
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) {
    return refuse(path, `expected 1 to ${MAX_PATH_LENGTH} characters`);
  }
  if (path.charCodeAt(0) !== 47) return refuse(path, 'not absolute (it must start with `/`)');
  if (FORBIDDEN.test(path) || hasControlCharacter(path))
    return refuse(path, 'it holds NUL, a control character, `\\` or `%`');
  if (path.includes('//')) return refuse(path, 'it has an empty segment (`//`)');
  const end = path.length > 1 && path.endsWith('/') ? path.length - 1 : path.length;
  if (end <= 1) return '/';
  const out: string[] = [];
  for (let start = 1; start < end; ) {
    let stop = path.indexOf('/', start);
    if (stop === -1 || stop > end) stop = end;
    const segment = path.slice(start, stop);
    start = stop + 1;
    if (segment === '.') continue;
    if (segment === '..') {
      if (out.pop() === undefined) return refuse(path, '`..` escapes `/`');
      continue;
    }
    const unsafe = unsafeSegment(segment);
    if (unsafe !== undefined) return refuse(path, unsafe);
    out.push(segment);
  }
  return `/${out.join('/')}`;
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
