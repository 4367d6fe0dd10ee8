import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareKeys, resolveLimits } from '../src/index.js';

describe('compareKeys', () => {
  it('orders by code point, as UTF-8 bytes (and SQLite) do', () => {
    const wellFormed = fc.string({ unit: 'binary', maxLength: 8 }).filter((s) => !/\p{Cs}/u.test(s));
    fc.assert(
      fc.property(wellFormed, wellFormed, (a, b) => {
        const bytes = Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(Math.sign(compareKeys(a, b))).toBe(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('puts astral characters after U+E000..U+FFFF, unlike the default sort', () => {
    expect(['\u{1F600}', '\uFFFD'].sort(compareKeys)).toEqual(['\uFFFD', '\u{1F600}']);
  });
});

describe('resolveLimits', () => {
  it('rejects limits that are not positive whole numbers, naming them', () => {
    expect(() => resolveLimits({ maxValueBytes: 0 })).toThrow(/`maxValueBytes`.*`0`/);
    expect(() => resolveLimits({ maxKeyLength: 1.5 })).toThrow(/`maxKeyLength`/);
    expect(resolveLimits()).toEqual({ maxValueBytes: 1048576, maxKeyLength: 256 });
  });
});
