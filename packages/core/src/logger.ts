import { systemClock } from './clock.js';
import type { Clock, LogFields, Logger, LogLevel } from './contracts.js';

/** Every log level in increasing severity. */
export const LOG_LEVELS: readonly LogLevel[] = Object.freeze(['debug', 'info', 'warn', 'error', 'silent']);

type RecordLevel = Exclude<LogLevel, 'silent'>;

/** Options of {@link createConsoleLogger}. */
export interface ConsoleLoggerOptions {
  /** Records below this level are dropped. @default 'info' */
  level?: LogLevel;
  /** Shown in every line and as the logger's `name`. @default 'airssys' */
  name?: string;
  /** Fields added to every record. */
  bindings?: LogFields;
  /** Where lines go. @default the matching `console` method */
  write?: (level: RecordLevel, line: string) => void;
  /** Source of the timestamp. @default systemClock */
  clock?: Clock;
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `Uint8Array(${value.byteLength})`;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code === undefined ? {} : { code }) };
  }
  return value;
}

function stringify(fields: LogFields): string {
  try {
    return JSON.stringify(fields, replacer);
  } catch {
    return '{"fields":"[unserialisable]"}';
  }
}

function defaultWrite(level: RecordLevel, line: string): void {
  console[level](line);
}

/**
 * Creates a logger that prints one line per record: `<ISO time> <LEVEL> <name>: <message> <JSON fields>`.
 * @example createConsoleLogger({ level: 'debug' }).child({ component: 'acme/x' }).info('started')
 */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const name = options.name ?? 'airssys';
  const bindings = options.bindings ?? {};
  const write = options.write ?? defaultWrite;
  const clock = options.clock ?? systemClock;

  const log = (level: RecordLevel, message: string, fields?: LogFields): void => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const all = fields === undefined ? bindings : { ...bindings, ...fields };
    const tail = Object.keys(all).length === 0 ? '' : ` ${stringify(all)}`;
    const time = new Date(clock.now()).toISOString();
    write(level, `${time} ${level.toUpperCase()} ${name}: ${message}${tail}`);
  };

  return {
    name,
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    child: (more) => createConsoleLogger({ ...options, bindings: { ...bindings, ...more } }),
  };
}

const noop = (): void => {};

/** A logger that drops everything. */
export const silentLogger: Logger = Object.freeze({
  name: 'silent',
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
});
