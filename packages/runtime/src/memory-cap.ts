import { WasmError } from './errors.js';

/** Bytes in one WebAssembly page. */
export const WASM_PAGE = 65_536;
const MEMORY_SECTION = 5;

function readU32(bytes: Uint8Array, start: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let pos = start;
  for (;;) {
    const byte = bytes[pos++];
    if (byte === undefined) throw new RangeError('LEB128 runs past the end of the module');
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, pos];
    shift += 7;
  }
}

function writeU32(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

/** What {@link capMemory} found in a core module. */
export interface CapResult {
  bytes: Uint8Array;
  /** Initial pages of each memory the module defines. */
  initialPages: number[];
}

/**
 * Rewrite the maximum of every memory a core module defines to at most `maxPages`, so `memory.grow`
 * past the cap fails inside the guest. Modules without a memory section come back unchanged.
 */
export function capMemory(module: Uint8Array, maxPages: number, label = 'module'): CapResult {
  let pos = 8;
  while (pos < module.length) {
    const id = module[pos]!;
    const [size, bodyStart] = readU32(module, pos + 1);
    const bodyEnd = bodyStart + size;
    if (id === MEMORY_SECTION) return rewriteMemorySection(module, pos, bodyStart, bodyEnd, maxPages, label);
    pos = bodyEnd;
  }
  return { bytes: module, initialPages: [] };
}

function rewriteMemorySection(
  module: Uint8Array,
  sectionStart: number,
  bodyStart: number,
  bodyEnd: number,
  maxPages: number,
  label: string,
): CapResult {
  const [count, firstEntry] = readU32(module, bodyStart);
  const body: number[] = writeU32(count);
  const initialPages: number[] = [];
  let pos = firstEntry;
  for (let i = 0; i < count; i++) {
    const flags = module[pos++]!;
    if (flags & 0x04) {
      throw new WasmError('INVALID_COMPONENT', `Memory64 in \`${label}\` is not supported.`);
    }
    const [min, afterMin] = readU32(module, pos);
    pos = afterMin;
    let max = Number.POSITIVE_INFINITY;
    if (flags & 0x01) [max, pos] = readU32(module, pos);
    if (min > maxPages) {
      throw new WasmError(
        'MEMORY_LIMIT',
        `Component memory in \`${label}\` starts at ${min} pages (${min * 64} KiB), above the cap of ${maxPages} pages (${maxPages * 64} KiB).`,
      );
    }
    initialPages.push(min);
    const shared = flags & 0x02;
    body.push(0x01 | shared, ...writeU32(min), ...writeU32(Math.min(max, maxPages)));
  }
  const section = [MEMORY_SECTION, ...writeU32(body.length), ...body];
  const out = new Uint8Array(sectionStart + section.length + (module.length - bodyEnd));
  out.set(module.subarray(0, sectionStart), 0);
  out.set(section, sectionStart);
  out.set(module.subarray(bodyEnd), sectionStart + section.length);
  return { bytes: out, initialPages };
}
