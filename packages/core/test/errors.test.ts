import { describe, expect, it } from 'vitest';
import {
  AirssysError,
  describeValue,
  InvalidComponentIdError,
  InvalidEnvelopeError,
  InvalidLimitsError,
  InvalidUnitError,
  isAirssysError,
} from '../src/index.js';

describe('errors', () => {
  it('keeps the code, cause and subject fields of the base error', () => {
    const cause = new Error('inner');
    const error = new AirssysError('TRAP', 'Guest trapped.', {
      cause,
      componentId: 'acme/a',
      componentHash: 'abc',
      exportName: 'run',
      capability: 'storage:read:x',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'AirssysError', code: 'TRAP', message: 'Guest trapped.' });
    expect(error).toMatchObject({ componentId: 'acme/a', componentHash: 'abc', exportName: 'run' });
    expect(error.cause).toBe(cause);
  });

  it('recognises airssys errors by brand, even from another copy of the package', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('airssys.error')]: true });
    expect(isAirssysError(foreign)).toBe(true);
    expect(isAirssysError(new Error('x'))).toBe(false);
    expect(isAirssysError('TRAP')).toBe(false);
  });

  it('gives each core error its code, name, key and value', () => {
    const cases = [
      [new InvalidComponentIdError('m', { value: 'X' }), 'INVALID_COMPONENT_ID', 'InvalidComponentIdError'],
      [
        new InvalidUnitError('INVALID_SIZE', 'm', { key: 'k', value: 'X' }),
        'INVALID_SIZE',
        'InvalidUnitError',
      ],
      [new InvalidLimitsError('m', { key: 'k', value: 'X' }), 'INVALID_LIMITS', 'InvalidLimitsError'],
      [new InvalidEnvelopeError('m', { key: 'k', value: 'X' }), 'INVALID_ENVELOPE', 'InvalidEnvelopeError'],
    ] as const;
    for (const [error, code, name] of cases) {
      expect(isAirssysError(error)).toBe(true);
      expect(error).toBeInstanceOf(AirssysError);
      expect(error).toMatchObject({ code, name, value: 'X' });
    }
  });

  it('describes values briefly for messages', () => {
    expect(describeValue('lots')).toBe('lots');
    expect(describeValue(12)).toBe('12');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(5n)).toBe('5n');
    expect(describeValue({ a: [1] })).toBe('{"a":[1]}');
    expect(describeValue(new Uint8Array(3))).toBe('Uint8Array(3)');
    expect(describeValue(() => 1)).toBe('function');
    expect(describeValue('x'.repeat(100))).toHaveLength(80);
  });
});
