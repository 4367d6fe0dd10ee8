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

/** Import module and name under which {@link importMemory} asks for the memory it moved out. */
export const POOLED_MEMORY_IMPORT = { module: 'airssys:runtime', name: 'memory' } as const;
const IMPORT_SECTION = 2;
const CUSTOM_SECTION = 0;
const IMPORT_KIND_MEMORY = 0x02;

/** Size of a memory that {@link importMemory} moved out of a module, in pages. */
export interface MemoryShape {
  initial: number;
  maximum: number;
}

/**
 * Turn the one memory a core module defines into an import of {@link POOLED_MEMORY_IMPORT} with the same
 * limits, so the host can hand it a recycled memory instead of a fresh one. Creating a memory and faulting in
 * its first pages is most of what instantiating a small guest costs; a recycled one is already mapped.
 * Memory indices do not move: the module imports no other memory, so the import takes index 0.
 *
 * Returns `undefined`, and the module stays as it is, unless it defines exactly one unshared memory with a
 * maximum and imports none.
 */
export function importMemory(module: Uint8Array): { bytes: Uint8Array; shape: MemoryShape } | undefined {
  let imports: { start: number; bodyStart: number; bodyEnd: number } | undefined;
  let memory: { start: number; bodyEnd: number; shape: MemoryShape } | undefined;
  let insertAt: number | undefined;
  let pos = 8;
  while (pos < module.length) {
    const id = module[pos]!;
    const [size, bodyStart] = readU32(module, pos + 1);
    const bodyEnd = bodyStart + size;
    if (id === IMPORT_SECTION) {
      if (importsMemory(module, bodyStart)) return undefined;
      imports = { start: pos, bodyStart, bodyEnd };
    } else if (id === MEMORY_SECTION) {
      const [count, entry] = readU32(module, bodyStart);
      const flags = module[entry]!;
      if (count !== 1 || flags !== 0x01) return undefined;
      const [initial, afterMin] = readU32(module, entry + 1);
      const [maximum] = readU32(module, afterMin);
      memory = { start: pos, bodyEnd, shape: { initial, maximum } };
    }
    if (insertAt === undefined && id !== CUSTOM_SECTION && id > IMPORT_SECTION) insertAt = pos;
    pos = bodyEnd;
  }
  if (!memory) return undefined;
  const entry = [
    ...name(POOLED_MEMORY_IMPORT.module),
    ...name(POOLED_MEMORY_IMPORT.name),
    IMPORT_KIND_MEMORY,
    0x01,
    ...writeU32(memory.shape.initial),
    ...writeU32(memory.shape.maximum),
  ];
  let body: number[];
  let replaceStart: number;
  let replaceEnd: number;
  if (imports) {
    const [count, firstEntry] = readU32(module, imports.bodyStart);
    body = [...writeU32(count + 1), ...module.subarray(firstEntry, imports.bodyEnd), ...entry];
    replaceStart = imports.start;
    replaceEnd = imports.bodyEnd;
  } else {
    body = [...writeU32(1), ...entry];
    replaceStart = replaceEnd = insertAt!;
  }
  const section = [IMPORT_SECTION, ...writeU32(body.length), ...body];
  // The import section (or where one goes) always comes before the memory section, so its offsets hold
  // after the memory section is cut out.
  const rest = concat([module.subarray(0, memory.start), module.subarray(memory.bodyEnd)]);
  const out = concat([rest.subarray(0, replaceStart), Uint8Array.from(section), rest.subarray(replaceEnd)]);
  return { bytes: out, shape: memory.shape };
}

function importsMemory(module: Uint8Array, bodyStart: number): boolean {
  let [count, pos] = readU32(module, bodyStart);
  for (; count > 0; count--) {
    for (let i = 0; i < 2; i++) {
      const [length, start] = readU32(module, pos);
      pos = start + length;
    }
    const kind = module[pos++]!;
    if (kind === IMPORT_KIND_MEMORY) return true;
    // A typed reference (`(ref null? ht)`, GC proposal) carries a heap type this reader does not parse.
    if ((kind === 0x01 || kind === 0x03) && (module[pos] === 0x63 || module[pos] === 0x64)) return true;
    if (kind === 0x00)
      [, pos] = readU32(module, pos); // function: type index
    else if (kind === 0x01) {
      pos++; // table: reference type, then limits
      pos = skipLimits(module, pos);
    } else if (kind === 0x03)
      pos += 2; // global: value type and mutability
    else if (kind === 0x04)
      [, pos] = readU32(module, pos + 1); // tag: attribute, then type index
    else return true; // an import kind this reader does not know: leave the module alone
  }
  return false;
}

function skipLimits(module: Uint8Array, start: number): number {
  const flags = module[start]!;
  let [, pos] = readU32(module, start + 1);
  if (flags & 0x01) [, pos] = readU32(module, pos);
  return pos;
}

function name(text: string): number[] {
  const bytes = new TextEncoder().encode(text);
  return [...writeU32(bytes.length), ...bytes];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
