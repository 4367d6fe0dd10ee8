// Segment globs shared by path and storage-key patterns: `*` stays inside one segment, `**` spans segments.
// Matching is iterative with a single backtrack point (no RegExp), so it is linear-ish and cannot be ReDoS'd.

/** A pattern compiled once at registration: its normalised text, its index bucket, and a matcher. */
export interface CompiledPattern {
  /** The normalised pattern text. */
  readonly pattern: string;
  /** Literal prefix used to index the pattern; a resource only meets patterns of its own buckets. */
  readonly bucket: string;
  /** Tests a resource that its kind's normaliser has already accepted. */
  readonly match: (resource: string) => boolean;
}

type SegmentTest = (segment: string) => boolean;

/** Classic wildcard match of `text` against `glob`, where `*` is any run of characters (one backtrack point). */
export function globMatch(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] === '*') {
      star = g++;
      mark = t;
    } else if (g < glob.length && glob[g] === text[t]) {
      g++;
      t++;
    } else if (star !== -1) {
      g = star + 1;
      t = ++mark;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

function segmentTest(segment: string): SegmentTest | '**' {
  if (segment === '**') return '**';
  if (segment === '*') return (s) => s.length > 0;
  if (!segment.includes('*')) return (s) => s === segment;
  return (s) => globMatch(segment, s);
}

/** Matches resource segments against compiled segment tests, where `**` is zero or more segments. */
function matchSegments(tests: readonly (SegmentTest | '**')[], parts: readonly string[]): boolean {
  let p = 0;
  let s = 0;
  let star = -1;
  let mark = 0;
  while (s < parts.length) {
    const test = tests[p];
    if (test === '**') {
      star = p++;
      mark = s;
    } else if (test?.(parts[s]!)) {
      p++;
      s++;
    } else if (star !== -1) {
      p = star + 1;
      s = ++mark;
    } else return false;
  }
  while (tests[p] === '**') p++;
  return p === tests.length;
}

/** True when a segment holds a wildcard. */
export function isWildcardSegment(segment: string): boolean {
  return segment.includes('*');
}

/**
 * Compiles validated segments (already split on `/`) into a matcher over normalised `/`-joined text.
 * `prefix` is what precedes the first segment in the text (`/` for absolute paths, `` for storage keys).
 * A trailing `**` means one or more segments (never the directory itself); elsewhere `**` is zero or more.
 */
export function compileSegmentGlob(segments: readonly string[], prefix: '/' | ''): (text: string) => boolean {
  const literal = prefix + segments.join('/');
  const first = segments.findIndex(isWildcardSegment);
  if (first === -1) return (text) => text === literal;
  if (first === segments.length - 1 && segments[first] === '**') {
    const head = first === 0 ? prefix : `${prefix}${segments.slice(0, first).join('/')}/`;
    return (text) => text.length > head.length && text.startsWith(head);
  }
  const expanded = segments[segments.length - 1] === '**' ? [...segments.slice(0, -1), '*', '**'] : segments;
  const tests = expanded.map(segmentTest);
  const skip = prefix.length;
  return (text) => matchSegments(tests, text.slice(skip).split('/'));
}

/** The literal segments before the first wildcard, joined with `/` after `prefix` (`` when the first is a wildcard). */
export function literalBucket(segments: readonly string[], prefix: '/' | ''): string {
  const first = segments.findIndex(isWildcardSegment);
  if (first === -1) return prefix + segments.join('/');
  return first === 0 ? '' : prefix + segments.slice(0, first).join('/');
}

/** `text` and each of its ancestors after splitting on `sep` (`/a/b` → `/a/b`, `/a`, ``), most specific first. */
export function ancestorBuckets(text: string, sep: string, minimum = 0): string[] {
  const out = [text];
  let end = text.lastIndexOf(sep);
  while (end > minimum) {
    out.push(text.slice(0, end));
    end = text.lastIndexOf(sep, end - 1);
  }
  if (text !== '') out.push('');
  return out;
}
