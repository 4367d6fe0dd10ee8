// wasi:random/random, wasi:random/insecure and wasi:random/insecure-seed.

import { randomBytes as cryptoRandomBytes } from 'node:crypto';

/** The most bytes one `get-random-bytes` call may ask for; more traps rather than exhaust host memory. */
export const MAX_RANDOM_BYTES = 64 * 1024 * 1024;

/** Reads the first 8 bytes of `bytes` as a little-endian u64. */
function toU64(bytes: Uint8Array): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
}

/** The `wasi:random/*` interface objects handed to the glue, drawing from `source` (default: node:crypto). */
export function createRandomInterfaces(
  source?: (n: number) => Uint8Array,
): Record<string, Record<string, unknown>> {
  const draw = (n: number): Uint8Array => {
    const bytes = source === undefined ? new Uint8Array(cryptoRandomBytes(n)) : source(n);
    if (bytes.byteLength !== n) {
      throw new RangeError(`The random source returned ${bytes.byteLength} bytes, expected ${n}.`);
    }
    return bytes;
  };
  const getBytes = (len: bigint): Uint8Array => {
    const n = BigInt(len);
    if (n < 0n || n > BigInt(MAX_RANDOM_BYTES)) {
      throw new RangeError(`Expected at most ${MAX_RANDOM_BYTES} random bytes, got a request for ${n}.`);
    }
    return n === 0n ? new Uint8Array(0) : draw(Number(n));
  };
  const getU64 = (): bigint => toU64(draw(8));
  let seed: [bigint, bigint] | undefined;

  return {
    'wasi:random/random': { getRandomBytes: getBytes, getRandomU64: getU64 },
    'wasi:random/insecure': { getInsecureRandomBytes: getBytes, getInsecureRandomU64: getU64 },
    'wasi:random/insecure-seed': {
      insecureSeed: (): [bigint, bigint] => {
        seed ??= [getU64(), getU64()];
        return [seed[0], seed[1]];
      },
    },
  };
}
