import { createHash } from 'node:crypto';
import { WasmError } from './errors.js';

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** What the 8-byte preamble says a binary is. */
export type BinaryKind = 'component' | 'core-module';

/**
 * Check that `bytes` start like a WebAssembly component; a core module, a text file or a truncated
 * binary gets a `INVALID_COMPONENT` error that says what was found.
 */
export function assertComponentBytes(bytes: Uint8Array, label: string): void {
  if (bytes.length < 8) {
    throw new WasmError(
      'INVALID_COMPONENT',
      `Expected \`${label}\` to be a WebAssembly component, got ${bytes.length} bytes (too short for a header).`,
    );
  }
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== MAGIC[i]) {
      const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new WasmError(
        'INVALID_COMPONENT',
        `Expected \`${label}\` to start with the WebAssembly magic \`00 61 73 6d\`, got \`${head}\`.`,
      );
    }
  }
  const kind = binaryKind(bytes);
  if (kind === 'core-module') {
    throw new WasmError(
      'INVALID_COMPONENT',
      `Expected \`${label}\` to be a component (layer 1), got a core WebAssembly module; wrap it with \`wasm-tools component new\` first.`,
    );
  }
  if (kind === undefined) {
    const version = Array.from(bytes.subarray(4, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new WasmError(
      'INVALID_COMPONENT',
      `Expected \`${label}\` to have a component header \`0d 00 01 00\`, got version bytes \`${version}\`.`,
    );
  }
}

/** Classify a binary by its preamble; undefined when it is neither known kind. */
export function binaryKind(bytes: Uint8Array): BinaryKind | undefined {
  if (bytes[4] === 0x01 && bytes[5] === 0x00 && bytes[6] === 0x00 && bytes[7] === 0x00) return 'core-module';
  if (bytes[6] === 0x01 && bytes[7] === 0x00) return 'component';
  return undefined;
}

/** Hex sha-256 of the bytes. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
