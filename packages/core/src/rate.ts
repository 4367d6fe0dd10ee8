import { describeValue, InvalidUnitError } from './errors.js';
import { formatDuration, formatSize, type ParseUnitOptions, parseDuration, parseSize } from './units.js';

/** What a rate counts: bytes (network), milliseconds of work (CPU), or plain events (messages). */
export type RateUnit = 'bytes' | 'ms' | 'count';

/** A per-second rate. */
export interface Rate {
  /** How many `unit`s per second; may be fractional (`1/m` is 1/60 per second). */
  readonly amount: number;
  readonly unit: RateUnit;
}

/** Options of {@link parseRate}. */
export interface ParseRateOptions extends ParseUnitOptions {
  /** The unit the caller expects; a plain number then counts in it. Without it a plain number is a count. */
  unit?: RateUnit | undefined;
}

const EXAMPLES: Readonly<Record<RateUnit, string>> = { bytes: '10MiB/s', ms: '1000ms/s', count: '1000/s' };
const LABELS: Readonly<Record<RateUnit, string>> = { bytes: 'bytes', ms: 'milliseconds', count: 'events' };
const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;

function rateError(value: unknown, options: ParseRateOptions, reason?: string): InvalidUnitError {
  const example = EXAMPLES[options.unit ?? 'count'];
  const kind = options.unit === undefined ? 'a rate' : `a rate of ${LABELS[options.unit]}`;
  const subject = options.key === undefined ? kind : `\`${options.key}\` to be ${kind}`;
  const why = reason === undefined ? '' : ` (${reason})`;
  const message = `Expected ${subject} like \`${example}\`, got \`${describeValue(value)}\`${why}.`;
  return new InvalidUnitError('INVALID_RATE', message, { key: options.key, value });
}

function attempt<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

// Pick the parser by the unit suffix: trying one and catching its error costs an Error (stack capture,
// ~10 µs) per value, which made manifest parsing miss its budget.
const UNIT_SUFFIX = /[a-zµμ]*$/i;
const DURATION_SUFFIXES = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h']);

function parseAmount(text: string, input: unknown, options: ParseRateOptions): Rate {
  if (PLAIN_NUMBER.test(text)) return { amount: Number(text), unit: options.unit ?? 'count' };
  const suffix = UNIT_SUFFIX.exec(text)?.[0] ?? '';
  const parsed = DURATION_SUFFIXES.has(suffix)
    ? attempt(() => ({ amount: parseDuration(text), unit: 'ms' as const }))
    : attempt(() => ({ amount: parseSize(text), unit: 'bytes' as const }));
  if (parsed === undefined) throw rateError(input, options);
  return parsed;
}

/**
 * Parses a per-second rate: `"10MiB/s"` (bytes), `"1000ms/s"` (CPU ms), `"1000/s"` or `1000` (count).
 * The period may be any duration (`/m`, `/h`, `/100ms`); the result is always per second.
 * Throws {@link InvalidUnitError} (`INVALID_RATE`), also when the unit differs from `options.unit`.
 * @example parseRate('10MiB/s') // { amount: 10485760, unit: 'bytes' }
 */
export function parseRate(input: string | number, options: ParseRateOptions = {}): Rate {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) {
      throw rateError(input, options, 'not a finite, non-negative number');
    }
    return { amount: input, unit: options.unit ?? 'count' };
  }
  if (typeof input !== 'string') throw rateError(input, options);
  const text = input.trim();
  if (text.startsWith('-')) throw rateError(input, options, 'negative');
  const slash = text.lastIndexOf('/');
  const amountText = (slash === -1 ? text : text.slice(0, slash)).trim();
  const periodText = slash === -1 ? '1s' : text.slice(slash + 1).trim();
  if (slash === -1 && !PLAIN_NUMBER.test(amountText)) throw rateError(input, options, 'missing `/s`');
  const rate = parseAmount(amountText, input, options);
  if (options.unit !== undefined && rate.unit !== options.unit) {
    throw rateError(input, options, `counts ${LABELS[rate.unit]}, not ${LABELS[options.unit]}`);
  }
  const periodMs =
    periodText === 's'
      ? 1000
      : attempt(() => parseDuration(/^\d/.test(periodText) ? periodText : `1${periodText}`));
  if (periodMs === undefined || PLAIN_NUMBER.test(periodText)) {
    throw rateError(input, options, `unknown period \`/${periodText}\``);
  }
  if (periodMs === 0) throw rateError(input, options, 'zero period');
  return { amount: (rate.amount * 1000) / periodMs, unit: rate.unit };
}

/** Formats a rate per second, for example `10MiB/s`, `1s/s`, `1000/s`. */
export function formatRate(rate: Rate): string {
  if (rate.unit === 'bytes' && Number.isInteger(rate.amount)) return `${formatSize(rate.amount)}/s`;
  if (rate.unit === 'ms') return `${formatDuration(rate.amount)}/s`;
  const amount = Number.isInteger(rate.amount) ? rate.amount : Number(rate.amount.toPrecision(6));
  return rate.unit === 'bytes' ? `${amount}B/s` : `${amount}/s`;
}
