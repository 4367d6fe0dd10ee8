import { describe, expect, it } from 'vitest';
import {
  AirssysError,
  createConsoleLogger,
  createManualClock,
  type LogLevel,
  silentLogger,
} from '../src/index.js';

function capture(level?: LogLevel) {
  const lines: string[] = [];
  const logger = createConsoleLogger({
    level,
    name: 'test',
    clock: createManualClock(0),
    write: (recordLevel, line) => lines.push(`${recordLevel}|${line}`),
  });
  return { lines, logger };
}

describe('createConsoleLogger', () => {
  it('prints a line with time, level, name, message and fields', () => {
    const { lines, logger } = capture();
    logger.info('started', { component: 'acme/a' });
    expect(lines).toEqual(['info|1970-01-01T00:00:00.000Z INFO test: started {"component":"acme/a"}']);
  });

  it('drops records below the level, info by default', () => {
    const { lines, logger } = capture();
    logger.debug('hidden');
    logger.warn('shown');
    logger.error('shown too');
    expect(lines.map((line) => line.split('|')[0])).toEqual(['warn', 'error']);
  });

  it('prints nothing when silent and everything at debug', () => {
    const silent = capture('silent');
    silent.logger.error('x');
    expect(silent.lines).toEqual([]);
    const debug = capture('debug');
    debug.logger.debug('x');
    expect(debug.lines).toHaveLength(1);
  });

  it('adds child bindings to every record, letting fields override them', () => {
    const { lines, logger } = capture();
    logger.child({ component: 'acme/a', a: 1 }).child({ b: 2 }).info('hi', { a: 3 });
    expect(lines[0]).toContain('hi {"component":"acme/a","a":3,"b":2}');
  });

  it('serialises errors, bigints and bytes, and survives cycles', () => {
    const { lines, logger } = capture();
    logger.error('failed', { error: new AirssysError('TRAP', 'boom'), n: 1n, data: new Uint8Array(4) });
    expect(lines[0]).toContain(
      '{"error":{"name":"AirssysError","message":"boom","code":"TRAP"},"n":"1","data":"Uint8Array(4)"}',
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    logger.warn('cycle', { cyclic });
    expect(lines[1]).toContain('[unserialisable]');
  });
});

describe('silentLogger', () => {
  it('accepts every call and returns itself as a child', () => {
    expect(() => silentLogger.error('x', { a: 1 })).not.toThrow();
    expect(silentLogger.child({ a: 1 })).toBe(silentLogger);
  });
});
