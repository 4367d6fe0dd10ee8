// Segment globs shared by git URL paths and local paths. A pattern is a list of segments: `**` alone spans
// zero or more whole segments; anywhere else `*` matches any run of characters inside one segment and never a
// `/`. Everything else is literal.

const cache = new Map<string, RegExp>();

/** True when one value segment matches one pattern segment (`*` stays inside the segment). */
export function matchSegment(pattern: string, value: string): boolean {
  if (pattern === '*') return value.length > 0;
  if (!pattern.includes('*')) return pattern === value;
  let regex = cache.get(pattern);
  if (regex === undefined) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*');
    regex = new RegExp(`^${body}$`, 'u');
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, regex);
  }
  return regex.test(value);
}

/** True when the value segments match the pattern segments, with `**` spanning zero or more segments. */
export function matchSegments(pattern: readonly string[], value: readonly string[]): boolean {
  // memo[p][v]: does pattern[p..] match value[v..]? Iterative DP keeps `**` runs linear.
  const rows = pattern.length + 1;
  const cols = value.length + 1;
  const memo = new Array<boolean>(rows * cols).fill(false);
  memo[pattern.length * cols + value.length] = true;
  for (let p = pattern.length - 1; p >= 0; p--) {
    const segment = pattern[p]!;
    for (let v = value.length; v >= 0; v--) {
      let result: boolean;
      if (segment === '**') {
        result = memo[(p + 1) * cols + v]! || (v < value.length && memo[p * cols + v + 1]!);
      } else {
        result = v < value.length && matchSegment(segment, value[v]!) && memo[(p + 1) * cols + v + 1]!;
      }
      memo[p * cols + v] = result;
    }
  }
  return memo[0]!;
}

/** Why a path-like text cannot be matched safely, or `undefined` when it is clean. */
export function unsafePathReason(text: string): string | undefined {
  if (text.includes('\0')) return 'contains a NUL byte';
  if (text.includes('\\')) return 'contains a backslash';
  if (text.includes('%')) return 'contains percent-encoding';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f\s]/u.test(text)) return 'contains whitespace or control characters';
  return undefined;
}
