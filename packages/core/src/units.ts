import { describeValue, InvalidUnitError } from './errors.js';

/** Options of the unit parsers. */
export interface ParseUnitOptions {
  /** The key the value came from, named in the error message, for example `limits.memory`. */
  key?: string | undefined;
}

/** Options of {@link formatSize}. */
export interface FormatSizeOptions {
  /** Round to two decimals in the largest fitting binary unit instead of an exact form. @default false */
  approximate?: boolean;
}

/** Bytes per unit; KB/MB/GB/TB are powers of 1000, KiB/MiB/GiB/TiB powers of 1024. Matching ignores case. */
export const SIZE_UNITS: Readonly<Record<string, number>> = Object.freeze({
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
});

/** Milliseconds per unit; `µs` (micro sign or Greek mu) is an alias of `us`. */
export const DURATION_UNITS: Readonly<Record<string, number>> = Object.freeze({
  ns: 1e-6,
  us: 1e-3,
  ms: 1,
  s: 1e3,
  m: 60e3,
  h: 3600e3,
});

const SIZE_BY_LOWER = new Map(Object.entries(SIZE_UNITS).map(([unit, bytes]) => [unit.toLowerCase(), bytes]));
const SIZE_TEXT = /^(\d+)(?:\.(\d+))?\s*([a-z]*)$/i;
const DURATION_PART = /(\d+(?:\.\d+)?)\s*(ns|us|µs|μs|ms|s|m|h)/gy;
const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;

function sizeError(value: unknown, options: ParseUnitOptions, reason?: string): InvalidUnitError {
  const subject = options.key === undefined ? 'a size' : `\`${options.key}\` to be a size`;
  const why = reason === undefined ? '' : ` (${reason})`;
  const message = `Expected ${subject} like \`16MiB\`, got \`${describeValue(value)}\`${why}.`;
  return new InvalidUnitError('INVALID_SIZE', message, { key: options.key, value });
}

function durationError(value: unknown, options: ParseUnitOptions, reason?: string): InvalidUnitError {
  const subject = options.key === undefined ? 'a duration' : `\`${options.key}\` to be a duration`;
  const why = reason === undefined ? '' : ` (${reason})`;
  const message = `Expected ${subject} like \`500ms\`, got \`${describeValue(value)}\`${why}.`;
  return new InvalidUnitError('INVALID_DURATION', message, { key: options.key, value });
}

/**
 * Parses a size into bytes: `"16MiB"`, `"1.5 KB"`, `"4096"` or a number of bytes.
 * Throws {@link InvalidUnitError} (`INVALID_SIZE`) for negative, fractional-byte, unsafe or malformed input.
 * @example parseSize('16MiB') // 16777216
 */
export function parseSize(input: string | number, options: ParseUnitOptions = {}): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw sizeError(input, options, 'not a finite number');
    if (input < 0) throw sizeError(input, options, 'negative');
    if (!Number.isInteger(input)) throw sizeError(input, options, 'not a whole number of bytes');
    if (input > Number.MAX_SAFE_INTEGER) throw sizeError(input, options, 'larger than 2^53 - 1 bytes');
    return input;
  }
  if (typeof input !== 'string') throw sizeError(input, options);
  const text = input.trim();
  if (text.startsWith('-')) throw sizeError(input, options, 'negative');
  const match = SIZE_TEXT.exec(text);
  if (match === null) throw sizeError(input, options);
  const [, whole = '', fraction = '', unit = ''] = match;
  const multiplier = unit === '' ? 1 : SIZE_BY_LOWER.get(unit.toLowerCase());
  if (multiplier === undefined) throw sizeError(input, options, `unknown unit \`${unit}\``);
  // Exact arithmetic: `1.1MB` is 1100000 bytes, not 1100000.0000000002.
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt(whole + fraction) * BigInt(multiplier);
  if (scaled % scale !== 0n) throw sizeError(input, options, 'not a whole number of bytes');
  const bytes = scaled / scale;
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) throw sizeError(input, options, 'larger than 2^53 - 1 bytes');
  return Number(bytes);
}

/**
 * Formats bytes so that {@link parseSize} reads the same number back: the largest unit that divides exactly,
 * binary units first (`16777216` → `16MiB`, `1500` → `1500B`). With `approximate`, `1536000` → `1.46MiB`.
 */
export function formatSize(bytes: number, options: FormatSizeOptions = {}): string {
  const exact = parseSize(bytes);
  if (options.approximate === true) {
    for (const unit of ['TiB', 'GiB', 'MiB', 'KiB'] as const) {
      const size = SIZE_UNITS[unit]!;
      if (exact >= size) return `${Number((exact / size).toFixed(2))}${unit}`;
    }
    return `${exact}B`;
  }
  if (exact === 0) return '0B';
  for (const unit of ['TiB', 'GiB', 'MiB', 'KiB', 'TB', 'GB', 'MB', 'KB'] as const) {
    const size = SIZE_UNITS[unit]!;
    if (exact % size === 0) return `${exact / size}${unit}`;
  }
  return `${exact}B`;
}

/**
 * Parses a duration into milliseconds: `"500ms"`, `"1.5s"`, `"1h30m"`, `"250us"`, or a plain number of ms.
 * Throws {@link InvalidUnitError} (`INVALID_DURATION`) for negative, non-finite, unsafe or malformed input.
 * @example parseDuration('2m30s') // 150000
 */
export function parseDuration(input: string | number, options: ParseUnitOptions = {}): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw durationError(input, options, 'not a finite number');
    if (input < 0) throw durationError(input, options, 'negative');
    if (input > Number.MAX_SAFE_INTEGER) throw durationError(input, options, 'too large');
    return input;
  }
  if (typeof input !== 'string') throw durationError(input, options);
  const text = input.trim();
  if (text.startsWith('-')) throw durationError(input, options, 'negative');
  if (PLAIN_NUMBER.test(text)) return parseDuration(Number(text), options);
  let total = 0;
  let parts = 0;
  DURATION_PART.lastIndex = 0;
  while (DURATION_PART.lastIndex < text.length) {
    const start = DURATION_PART.lastIndex;
    const match = DURATION_PART.exec(text);
    if (match === null) {
      throw durationError(input, options, parts === 0 ? undefined : `stray \`${text.slice(start)}\``);
    }
    const [, amount = '', unit = ''] = match;
    const key = unit === 'µs' || unit === 'μs' ? 'us' : unit;
    total += Number(amount) * DURATION_UNITS[key]!;
    parts += 1;
    while (text[DURATION_PART.lastIndex] === ' ') DURATION_PART.lastIndex += 1;
  }
  if (parts === 0) throw durationError(input, options);
  if (total > Number.MAX_SAFE_INTEGER) throw durationError(input, options, 'too large');
  // Undo binary floating-point noise from sub-millisecond units (`0.1us` * 1e-3).
  return Number.isInteger(total) ? total : Number(total.toPrecision(12));
}

/**
 * Formats milliseconds as a compact duration that {@link parseDuration} reads back:
 * `150000` → `2m30s`, `1500` → `1s500ms`, `0.25` → `250us`, `0` → `0ms`.
 */
export function formatDuration(ms: number): string {
  const value = parseDuration(ms);
  if (!Number.isInteger(value)) {
    const ns = Math.round(value * 1e6);
    return ns % 1000 === 0 ? `${ns / 1000}us` : `${ns}ns`;
  }
  if (value === 0) return '0ms';
  let rest = value;
  let out = '';
  for (const unit of ['h', 'm', 's', 'ms'] as const) {
    const size = DURATION_UNITS[unit]!;
    const count = Math.floor(rest / size);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * size;
  }
  return out;
}
