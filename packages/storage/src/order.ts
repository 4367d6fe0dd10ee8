// Key order shared by every driver: Unicode code point order, which is also the byte order of UTF-8 and so
// the order SQLite's BINARY collation gives. JavaScript's `<` compares UTF-16 code units instead, which puts
// U+E000..U+FFFF after the astral planes; the code-unit shift below corrects that.

/** Compares two keys by Unicode code point, the order `keys()` returns. */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return shift(x) - shift(y);
  }
  return a.length - b.length;
}

/** Surrogates (astral code points) move above U+E000..U+FFFF; the BMP below U+D800 stays put. */
function shift(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/** Index of the first key in ascending `sorted` that is not below `key`. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid] as string, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Exclusive upper bound of the keys that start with `prefix`: `prefix` followed by U+10FFFF. Exact because
 * valid keys never contain U+10FFFF (a noncharacter, see `validate.ts`).
 */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
