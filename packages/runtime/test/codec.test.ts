import { describe, expect, it } from 'vitest';
import { decode, encode } from '../src/codec.js';

const roundTrip = (value: unknown, size = 1 << 16) => {
  const buffer = new Uint8Array(size);
  const length = encode(value, buffer);
  expect(length).toBeGreaterThan(0);
  const out = decode(buffer.subarray(0, length));
  buffer.fill(0xff); // decoded values must not alias the buffer
  return out;
};

describe('codec', () => {
  it('round-trips every value the canonical ABI lifts', () => {
    const value = {
      n: [0, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 40, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0],
      big: [0n, (1n << 64n) - 1n, -(1n << 63n)],
      s: ['', 'ascii', '🚀🚀🚀 𠈄𓀀', 'é'],
      bytes: Uint8Array.of(1, 2, 3),
      typed: [Float64Array.of(1.5, -2), BigInt64Array.of(-5n), Int16Array.of(-3, 4), Float32Array.of(0.5)],
      option: undefined,
      variant: { tag: 'err', val: { tag: 'denied', val: 'no' } },
      nested: [[{ a: [null, true, false] }]],
    };
    const out = roundTrip(value) as typeof value;
    expect(out).toEqual(value);
    expect(Object.is(out.n[8], -0)).toBe(true);
    expect(out.bytes).toBeInstanceOf(Uint8Array);
    expect(out.typed[1]).toBeInstanceOf(BigInt64Array);
    expect(Object.hasOwn(out, 'option')).toBe(true);
  });

  it('wraps what it does not know in structured clone', () => {
    const value = { when: new Date(0), map: new Map([[1, 'a']]) };
    expect(roundTrip(value)).toEqual(value);
  });

  it('reports -1 when the value does not fit, for the caller to send another way', () => {
    expect(encode({ big: new Uint8Array(100) }, new Uint8Array(64))).toBe(-1);
    expect(encode('x'.repeat(100), new Uint8Array(64))).toBe(-1);
  });
});
