import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUOTAS,
  InvalidLimitsError,
  InvalidUnitError,
  MAX_MEMORY_BYTES,
  MIN_MEMORY_BYTES,
  QUOTA_KINDS,
  validateLimits,
  validateQuotas,
} from '../src/index.js';

function thrown(fn: () => unknown): InvalidLimitsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidLimitsError);
    expect((error as InvalidLimitsError).code).toBe('INVALID_LIMITS');
    return error as InvalidLimitsError;
  }
  throw new Error('expected a throw');
}

describe('validateLimits', () => {
  it('normalises manifest keys and size strings', () => {
    expect(validateLimits({ memory: '16MiB', 'timeout-ms': 500, isolation: 'worker' })).toEqual({
      memoryBytes: 16 * 2 ** 20,
      timeoutMs: 500,
      isolation: 'worker',
    });
  });

  it('accepts normalised keys, numbers and duration strings', () => {
    expect(validateLimits({ memoryBytes: 65536, timeoutMs: '2s' })).toEqual({
      memoryBytes: 65536,
      timeoutMs: 2000,
    });
  });

  it('returns an empty frozen record for no limits', () => {
    const limits = validateLimits(undefined);
    expect(limits).toEqual({});
    expect(Object.isFrozen(limits)).toBe(true);
    expect(validateLimits({})).toEqual({});
  });

  it('accepts the memory bounds themselves', () => {
    expect(validateLimits({ memory: '64KiB' }).memoryBytes).toBe(MIN_MEMORY_BYTES);
    expect(validateLimits({ memory: '4GiB' }).memoryBytes).toBe(MAX_MEMORY_BYTES);
    expect(validateLimits({ timeoutMs: '24h' }).timeoutMs).toBe(86_400_000);
  });

  it.each([
    [{ memory: '1KiB' }, 'Expected `limits.memory` to be a size between `64KiB` and `4GiB`, got `1KiB`.'],
    [{ memory: '5GiB' }, 'Expected `limits.memory` to be a size between `64KiB` and `4GiB`, got `5GiB`.'],
    [{ memoryBytes: 0 }, 'Expected `limits.memoryBytes` to be a size between `64KiB` and `4GiB`, got `0`.'],
    [{ memory: 'lots' }, 'Expected `limits.memory` to be a size like `16MiB`, got `lots`.'],
    [{ memory: -1 }, 'Expected `limits.memory` to be a size like `16MiB`, got `-1` (negative).'],
    [
      { 'timeout-ms': 0 },
      'Expected `limits.timeout-ms` to be a whole number of milliseconds from `1` to `86400000` (24h), got `0`.',
    ],
    [
      { timeoutMs: 1.5 },
      'Expected `limits.timeoutMs` to be a whole number of milliseconds from `1` to `86400000` (24h), got `1.5`.',
    ],
    [
      { timeoutMs: '25h' },
      'Expected `limits.timeoutMs` to be a whole number of milliseconds from `1` to `86400000` (24h), got `25h`.',
    ],
    [
      { timeoutMs: Number.POSITIVE_INFINITY },
      'Expected `limits.timeoutMs` to be a duration like `500ms`, got `Infinity` (not a finite number).',
    ],
    [
      { isolation: 'thread' },
      'Expected `limits.isolation` to be one of `auto`, `inline`, `worker`, got `thread`.',
    ],
    [
      { memory: '1MiB', memoryBytes: 2 ** 20 },
      'Expected `limits.memoryBytes` to be absent when `limits.memory` is set, got `1048576`.',
    ],
    [
      { cpu: 1 },
      'Expected the keys of `limits` to be among `memory`, `memoryBytes`, `timeout-ms`, `timeoutMs`, `isolation`, got `cpu`.',
    ],
    ['16MiB', 'Expected `limits` to be a table of limits, got `16MiB`.'],
    [null, 'Expected `limits` to be a table of limits, got `null`.'],
  ])('rejects %j', (input, message) => {
    expect(thrown(() => validateLimits(input)).message).toBe(message);
  });

  it('names the key and keeps the unit error as the cause', () => {
    const error = thrown(() => validateLimits({ memory: 'lots' }));
    expect(error.key).toBe('limits.memory');
    expect(error.value).toBe('lots');
    expect(error.cause).toBeInstanceOf(InvalidUnitError);
  });

  it('prefixes keys with a custom path', () => {
    const error = thrown(() => validateLimits({ isolation: 'x' }, { path: 'acme.toml: limits' }));
    expect(error.key).toBe('acme.toml: limits.isolation');
  });
});

describe('validateQuotas', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_QUOTAS).toEqual({
      storage: 100 * 2 ** 20,
      'message-rate': 1000,
      network: 10 * 2 ** 20,
      cpu: 1000,
      memory: 256 * 2 ** 20,
    });
    expect(Object.keys(DEFAULT_QUOTAS).sort()).toEqual([...QUOTA_KINDS].sort());
  });

  it('parses the manifest forms and fills the rest from the defaults', () => {
    expect(
      validateQuotas({ storage: '1MiB', 'message-rate': 50, network: '1MiB/s', cpu: '500ms/s' }),
    ).toEqual({
      storage: 2 ** 20,
      'message-rate': 50,
      network: 2 ** 20,
      cpu: 500,
      memory: DEFAULT_QUOTAS.memory,
    });
    expect(validateQuotas(undefined)).toEqual(DEFAULT_QUOTAS);
  });

  it.each([
    [{ storage: 'huge' }, 'Expected `quotas.storage` to be a size like `16MiB`, got `huge`.'],
    [
      { cpu: '10MiB/s' },
      'Expected `quotas.cpu` to be a rate of milliseconds like `1000ms/s`, got `10MiB/s` (counts bytes, not milliseconds).',
    ],
    [
      { 'message-rate': -3 },
      'Expected `quotas.message-rate` to be a rate of events like `1000/s`, got `-3` (not a finite, non-negative number).',
    ],
    [
      { disk: '1GiB' },
      'Expected the keys of `quotas` to be among `storage`, `message-rate`, `network`, `cpu`, `memory`, got `disk`.',
    ],
  ])('rejects %j', (input, message) => {
    const error = thrown(() => validateQuotas(input));
    expect(error.message).toBe(message);
  });
});
