import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize, InvalidUnitError, parseDuration, parseSize } from '../src/index.js';

function thrown(fn: () => unknown): InvalidUnitError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidUnitError);
    return error as InvalidUnitError;
  }
  throw new Error('expected a throw');
}

describe('parseSize', () => {
  it.each([
    ['16MiB', 16 * 1024 * 1024],
    ['1KiB', 1024],
    ['2GiB', 2 * 1024 ** 3],
    ['1TiB', 1024 ** 4],
    ['1KB', 1000],
    ['3MB', 3_000_000],
    ['1GB', 1e9],
    ['12B', 12],
    ['4096', 4096],
    ['0', 0],
    [' 16 MiB ', 16 * 1024 * 1024],
    ['16mib', 16 * 1024 * 1024],
    ['1.5KiB', 1536],
    ['1.1MB', 1_100_000],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it('accepts whole numbers of bytes', () => {
    expect(parseSize(65536)).toBe(65536);
    expect(parseSize(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    ['lots', undefined],
    ['', undefined],
    ['MiB', undefined],
    ['1.5B', 'not a whole number of bytes'],
    ['-1MiB', 'negative'],
    ['10XB', 'unknown unit `XB`'],
    ['1e3', undefined],
    ['9007199254740992', 'larger than 2^53 - 1 bytes'],
    ['8388608GiB', 'larger than 2^53 - 1 bytes'],
    ['0x10', undefined],
  ])('rejects %s with INVALID_SIZE naming it', (text, reason) => {
    const error = thrown(() => parseSize(text));
    expect(error.code).toBe('INVALID_SIZE');
    expect(error.value).toBe(text);
    expect(error.message).toContain(`got \`${text}\``);
    if (reason !== undefined) expect(error.message).toContain(reason);
  });

  it.each([
    [-1, 'negative'],
    [1.5, 'not a whole number of bytes'],
    [Number.NaN, 'not a finite number'],
    [Number.POSITIVE_INFINITY, 'not a finite number'],
    [2 ** 53, 'larger than 2^53 - 1 bytes'],
  ])('rejects the number %d', (value, reason) => {
    const error = thrown(() => parseSize(value));
    expect(error.message).toBe(`Expected a size like \`16MiB\`, got \`${value}\` (${reason}).`);
  });

  it('names the key when the caller gives one', () => {
    const error = thrown(() => parseSize('lots', { key: 'limits.memory' }));
    expect(error.message).toBe('Expected `limits.memory` to be a size like `16MiB`, got `lots`.');
    expect(error.key).toBe('limits.memory');
  });

  it('rejects values that are not strings or numbers', () => {
    expect(thrown(() => parseSize(null as unknown as string)).message).toContain('got `null`');
    expect(thrown(() => parseSize({} as unknown as string)).message).toContain('got `{}`');
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0B'],
    [16 * 1024 * 1024, '16MiB'],
    [1536, '1536B'],
    [1000, '1KB'],
    [2048, '2KiB'],
    [1500, '1500B'],
    [3 * 1024 ** 3, '3GiB'],
  ])('formats %d exactly as %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it('round-trips through parseSize', () => {
    for (const bytes of [0, 1, 999, 1024, 1536, 65536, 1e9, 10 * 2 ** 20, Number.MAX_SAFE_INTEGER]) {
      expect(parseSize(formatSize(bytes))).toBe(bytes);
    }
  });

  it('rounds to two decimals when approximate', () => {
    expect(formatSize(1_536_000, { approximate: true })).toBe('1.46MiB');
    expect(formatSize(512, { approximate: true })).toBe('512B');
    expect(formatSize(1536, { approximate: true })).toBe('1.5KiB');
  });

  it('rejects invalid byte counts', () => {
    expect(thrown(() => formatSize(-5)).message).toContain('`-5`');
  });
});

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['2s', 2000],
    ['1.5s', 1500],
    ['3m', 180_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1h 30m 15s', 5_415_000],
    ['250us', 0.25],
    ['250µs', 0.25],
    ['250μs', 0.25],
    ['1000000ns', 1],
    ['500', 500],
    ['0', 0],
    [' 10 s ', 10_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('accepts a plain number of milliseconds', () => {
    expect(parseDuration(0.5)).toBe(0.5);
    expect(parseDuration(1000)).toBe(1000);
  });

  it.each([
    ['soon', undefined],
    ['', undefined],
    ['ms', undefined],
    ['-5s', 'negative'],
    ['5 days', undefined],
    ['5s 2 days', 'stray `2 days`'],
    ['5s x', 'stray `x`'],
    ['1.2.3s', undefined],
    ['1s.3s', 'stray `.3s`'],
    ['5S', undefined],
    ['99999999999999999h', 'too large'],
  ])('rejects %s with INVALID_DURATION naming it', (text, reason) => {
    const error = thrown(() => parseDuration(text, { key: 'limits.timeout-ms' }));
    expect(error.code).toBe('INVALID_DURATION');
    expect(error.message).toContain(
      `Expected \`limits.timeout-ms\` to be a duration like \`500ms\`, got \`${text}\``,
    );
    if (reason !== undefined) expect(error.message).toContain(reason);
  });

  it.each([
    [-1, 'negative'],
    [Number.NaN, 'not a finite number'],
    [Number.NEGATIVE_INFINITY, 'not a finite number'],
    [2 ** 53, 'too large'],
  ])('rejects the number %d', (value, reason) => {
    const error = thrown(() => parseDuration(value));
    expect(error.message).toBe(`Expected a duration like \`500ms\`, got \`${value}\` (${reason}).`);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [500, '500ms'],
    [1500, '1s500ms'],
    [150_000, '2m30s'],
    [5_400_000, '1h30m'],
    [0.25, '250us'],
    [0.0001, '100ns'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [0, 1, 999, 1000, 61_001, 86_400_000, 0.5, 0.001]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});
