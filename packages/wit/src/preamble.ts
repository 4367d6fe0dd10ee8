import type { BinaryReader } from './binary-reader.js';
import { WitError } from './errors.js';

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
/** The component binary version this package (and jco 1.13) reads. */
const COMPONENT_VERSION = 0x0d;

/** Checks the 8-byte preamble: the `\0asm` magic, then a component (layer 1) of the supported version. */
export function checkPreamble(r: BinaryReader): void {
  const start = r.pos;
  const available = r.end - start;
  const head = Array.from(r.bytes.subarray(start, start + Math.min(available, 8)));
  if (available < 4 || MAGIC.some((byte, i) => head[i] !== byte)) {
    const got = available === 0 ? 'no bytes' : `\`${hex(head.slice(0, 4))}\``;
    throw new WitError(
      'INVALID_COMPONENT',
      `Expected the WebAssembly magic \`00 61 73 6d\` (\\0asm) at the start of ${r.label}, got ${got}.`,
    );
  }
  if (available < 8) {
    throw new WitError(
      'INVALID_COMPONENT',
      `Expected an 8-byte WebAssembly preamble at the start of ${r.label}, got only ${available} bytes (truncated?).`,
    );
  }
  const version = head[4]! | (head[5]! << 8);
  const layer = head[6]! | (head[7]! << 8);
  if (layer === 0) {
    throw new WitError(
      'INVALID_COMPONENT',
      `Expected a WebAssembly component (layer 1), got a core module (layer 0, version ${version}); ` +
        'wrap it into a component first, for example with jco `componentNew`.',
    );
  }
  if (layer !== 1) {
    throw new WitError(
      'INVALID_COMPONENT',
      `Expected a WebAssembly component (layer 1), got layer ${layer}.`,
    );
  }
  if (version !== COMPONENT_VERSION) {
    throw new WitError(
      'INVALID_COMPONENT',
      `Expected component binary version \`0x${COMPONENT_VERSION.toString(16).padStart(2, '0')}\`, ` +
        `got \`0x${version.toString(16).padStart(2, '0')}\` (a toolchain of another component-model draft).`,
    );
  }
  r.pos = start + 8;
}

function hex(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
