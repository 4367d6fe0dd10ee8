import { describe, expect, it } from 'vitest';
import { formatRate, InvalidUnitError, parseRate } from '../src/index.js';

function thrown(fn: () => unknown): InvalidUnitError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidUnitError);
    return error as InvalidUnitError;
  }
  throw new Error('expected a throw');
}

describe('parseRate', () => {
  it('reads a byte rate', () => {
    expect(parseRate('10MiB/s')).toEqual({ amount: 10 * 2 ** 20, unit: 'bytes' });
  });

  it('reads a CPU rate in milliseconds per second', () => {
    expect(parseRate('1000ms/s')).toEqual({ amount: 1000, unit: 'ms' });
    expect(parseRate('0.5s/s')).toEqual({ amount: 500, unit: 'ms' });
  });

  it('reads counts, bare numbers and numeric strings as events per second', () => {
    expect(parseRate('1000/s')).toEqual({ amount: 1000, unit: 'count' });
    expect(parseRate(1000)).toEqual({ amount: 1000, unit: 'count' });
    expect(parseRate('250')).toEqual({ amount: 250, unit: 'count' });
  });

  it('converts any period to per second', () => {
    expect(parseRate('60/m').amount).toBe(1);
    expect(parseRate('3600/h').amount).toBe(1);
    expect(parseRate('1KB/100ms')).toEqual({ amount: 10_000, unit: 'bytes' });
    expect(parseRate('20 / 10s').amount).toBe(2);
  });

  it('counts a plain number in the expected unit', () => {
    expect(parseRate(2048, { unit: 'bytes' })).toEqual({ amount: 2048, unit: 'bytes' });
    expect(parseRate('500/s', { unit: 'ms' })).toEqual({ amount: 500, unit: 'ms' });
  });

  it('rejects a rate of the wrong unit, naming the key and value', () => {
    const error = thrown(() => parseRate('10MiB/s', { unit: 'ms', key: 'quotas.cpu' }));
    expect(error.code).toBe('INVALID_RATE');
    expect(error.message).toBe(
      'Expected `quotas.cpu` to be a rate of milliseconds like `1000ms/s`, got `10MiB/s` (counts bytes, not milliseconds).',
    );
  });

  it.each([
    ['fast', undefined],
    ['10MiB', 'missing `/s`'],
    ['10/x', 'unknown period `/x`'],
    ['10/5', 'unknown period `/5`'],
    ['10/0s', 'zero period'],
    ['-1/s', 'negative'],
    ['lots/s', undefined],
  ])('rejects %s with INVALID_RATE naming it', (text, reason) => {
    const error = thrown(() => parseRate(text));
    expect(error.message).toContain(`got \`${text}\``);
    if (reason !== undefined) expect(error.message).toContain(reason);
  });

  it('rejects negative and non-finite numbers', () => {
    expect(thrown(() => parseRate(-1)).message).toContain('got `-1`');
    expect(thrown(() => parseRate(Number.NaN)).message).toContain('got `NaN`');
  });
});

describe('formatRate', () => {
  it('formats each unit so parseRate reads it back', () => {
    for (const text of ['10MiB/s', '1s/s', '1000/s', '1500B/s']) {
      expect(formatRate(parseRate(text))).toBe(text);
    }
    expect(formatRate({ amount: 1 / 60, unit: 'count' })).toBe('0.0166667/s');
  });
});
