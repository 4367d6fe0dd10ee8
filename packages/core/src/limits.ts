import { describeValue, InvalidLimitsError, isAirssysError } from './errors.js';
import { parseRate, type RateUnit } from './rate.js';
import { parseDuration, parseSize } from './units.js';

/** Where a component instance runs: `inline` on the host thread, `worker` in a worker thread, `auto` by trust. */
export type Isolation = 'auto' | 'inline' | 'worker';

/** Every isolation mode. */
export const ISOLATION_MODES: readonly Isolation[] = Object.freeze(['auto', 'inline', 'worker']);

/** Normalised `[limits]` of a component; an absent field means "use the host's default". */
export interface ResourceLimits {
  /** Cap on each linear memory, in bytes. */
  readonly memoryBytes?: number;
  /** Longest a single export call may run, in milliseconds. */
  readonly timeoutMs?: number;
  readonly isolation?: Isolation;
}

/** What {@link validateLimits} accepts: manifest keys (`memory`, `timeout-ms`) or normalised ones, not both. */
export interface ResourceLimitsInput {
  memory?: string | number;
  memoryBytes?: string | number;
  'timeout-ms'?: string | number;
  timeoutMs?: string | number;
  isolation?: string;
}

/** Size of a WebAssembly page; memory caps are rounded down to whole pages by the runtime. */
export const WASM_PAGE_SIZE = 65_536;
/** Smallest accepted memory limit: one page (64 KiB). */
export const MIN_MEMORY_BYTES = WASM_PAGE_SIZE;
/** Largest accepted memory limit: 4 GiB, the 32-bit address space. */
export const MAX_MEMORY_BYTES = 4 * 2 ** 30;
/** Largest accepted call timeout: 24 hours. */
export const MAX_TIMEOUT_MS = 24 * 3_600_000;

/** Resources a component's quotas cover. */
export type QuotaKind = 'storage' | 'message-rate' | 'network' | 'cpu' | 'memory';

/** Every quota kind. */
export const QUOTA_KINDS: readonly QuotaKind[] = Object.freeze([
  'storage',
  'message-rate',
  'network',
  'cpu',
  'memory',
]);

/** Quota per kind: storage and memory in bytes, message-rate in messages/s, network in bytes/s, cpu in ms/s. */
export type QuotaLimits = Readonly<Record<QuotaKind, number>>;

/** Quotas applied when a manifest does not set them. */
export const DEFAULT_QUOTAS: QuotaLimits = Object.freeze({
  storage: 100 * 2 ** 20,
  'message-rate': 1000,
  network: 10 * 2 ** 20,
  cpu: 1000,
  memory: 256 * 2 ** 20,
});

/** Options of {@link validateLimits} and {@link validateQuotas}. */
export interface ValidateLimitsOptions {
  /** Prefix of every key named in errors. @default 'limits' (or 'quotas') */
  path?: string;
}

const LIMIT_KEYS = ['memory', 'memoryBytes', 'timeout-ms', 'timeoutMs', 'isolation'];
const QUOTA_UNITS: Readonly<Record<QuotaKind, RateUnit | 'size'>> = {
  storage: 'size',
  'message-rate': 'count',
  network: 'bytes',
  cpu: 'ms',
  memory: 'size',
};

function limitsError(key: string, value: unknown, expected: string, cause?: unknown): InvalidLimitsError {
  const message = `Expected \`${key}\` to be ${expected}, got \`${describeValue(value)}\`.`;
  return new InvalidLimitsError(message, { key, value, cause });
}

/** Runs a unit parser, turning its error into an {@link InvalidLimitsError} with the same message. */
function parseAs<T>(key: string, value: unknown, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = isAirssysError(error) ? error.message : `Expected \`${key}\` to be valid.`;
    throw new InvalidLimitsError(message, { key, value, cause: error });
  }
}

function asTable(input: unknown, path: string, known: readonly string[]): Record<string, unknown> {
  if (input === undefined) return {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw limitsError(path, input, 'a table of limits');
  }
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) {
      const list = known.map((k) => `\`${k}\``).join(', ');
      const message = `Expected the keys of \`${path}\` to be among ${list}, got \`${key}\`.`;
      throw new InvalidLimitsError(message, { key: `${path}.${key}`, value: key });
    }
  }
  return input as Record<string, unknown>;
}

function pick(table: Record<string, unknown>, path: string, a: string, b: string): [string, unknown] {
  if (table[a] !== undefined && table[b] !== undefined) {
    throw limitsError(`${path}.${b}`, table[b], `absent when \`${path}.${a}\` is set`);
  }
  return table[b] === undefined ? [`${path}.${a}`, table[a]] : [`${path}.${b}`, table[b]];
}

/**
 * Checks and normalises `[limits]` ({@link ResourceLimitsInput}); throws {@link InvalidLimitsError} naming the bad key and value.
 * @example validateLimits({ memory: '16MiB', 'timeout-ms': 500 }) // { memoryBytes: 16777216, timeoutMs: 500 }
 */
export function validateLimits(input: unknown, options: ValidateLimitsOptions = {}): ResourceLimits {
  const path = options.path ?? 'limits';
  const table = asTable(input, path, LIMIT_KEYS);
  const out: { memoryBytes?: number; timeoutMs?: number; isolation?: Isolation } = {};

  const [memoryKey, memory] = pick(table, path, 'memory', 'memoryBytes');
  if (memory !== undefined) {
    const bytes = parseAs(memoryKey, memory, () => parseSize(memory as string, { key: memoryKey }));
    if (bytes < MIN_MEMORY_BYTES || bytes > MAX_MEMORY_BYTES) {
      throw limitsError(memoryKey, memory, 'a size between `64KiB` and `4GiB`');
    }
    out.memoryBytes = bytes;
  }

  const [timeoutKey, timeout] = pick(table, path, 'timeout-ms', 'timeoutMs');
  if (timeout !== undefined) {
    const ms = parseAs(timeoutKey, timeout, () => parseDuration(timeout as string, { key: timeoutKey }));
    if (!Number.isInteger(ms) || ms < 1 || ms > MAX_TIMEOUT_MS) {
      throw limitsError(timeoutKey, timeout, 'a whole number of milliseconds from `1` to `86400000` (24h)');
    }
    out.timeoutMs = ms;
  }

  const isolation = table.isolation;
  if (isolation !== undefined) {
    if (!ISOLATION_MODES.includes(isolation as Isolation)) {
      throw limitsError(`${path}.isolation`, isolation, 'one of `auto`, `inline`, `worker`');
    }
    out.isolation = isolation as Isolation;
  }
  return Object.freeze(out);
}

/** What {@link validateQuotas} accepts: a size, a rate string, or a number in the kind's unit, per kind. */
export type QuotaLimitsInput = Partial<Record<QuotaKind, string | number>>;

/**
 * Checks `[quotas]` ({@link QuotaLimitsInput}) and fills the missing kinds from {@link DEFAULT_QUOTAS}.
 * @example validateQuotas({ network: '1MiB/s' }).network // 1048576
 */
export function validateQuotas(input: unknown, options: ValidateLimitsOptions = {}): QuotaLimits {
  const path = options.path ?? 'quotas';
  const table = asTable(input, path, QUOTA_KINDS);
  const out: Record<QuotaKind, number> = { ...DEFAULT_QUOTAS };
  for (const kind of QUOTA_KINDS) {
    const value = table[kind];
    if (value === undefined) continue;
    const key = `${path}.${kind}`;
    const unit = QUOTA_UNITS[kind];
    out[kind] = parseAs(key, value, () =>
      unit === 'size'
        ? parseSize(value as string, { key })
        : parseRate(value as string, { key, unit }).amount,
    );
  }
  return Object.freeze(out);
}
