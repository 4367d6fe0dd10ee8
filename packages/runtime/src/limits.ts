import { WasmError } from './errors.js';
import { WASM_PAGE } from './memory-cap.js';
import type { InstanceLimits } from './types.js';

/** Memory cap when an instance names none: the default memory quota of DESIGN.md. */
export const DEFAULT_MEMORY_BYTES = 256 * 1024 * 1024;
const MAX_MEMORY_BYTES = 4 * 1024 * 1024 * 1024;
const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000;
const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** Limits checked and in the units the runtime uses. */
export interface ResolvedLimits {
  memoryBytes: number;
  maxPages: number;
  timeoutMs: number | undefined;
}

function invalid(key: string, expected: string, value: unknown): WasmError {
  return new WasmError('INVALID_OPTIONS', `Expected \`limits.${key}\` to be ${expected}, got \`${String(value)}\`.`);
}

function parseMemory(value: number | string): number {
  let bytes: number;
  if (typeof value === 'number') bytes = value;
  else {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
    const unit = UNITS[(m?.[2] || 'b').toLowerCase()];
    if (!m || unit === undefined) throw invalid('memory', 'a size like `16MiB`', value);
    bytes = Number(m[1]) * unit;
  }
  if (!Number.isSafeInteger(bytes) || bytes < WASM_PAGE || bytes > MAX_MEMORY_BYTES) {
    throw invalid('memory', 'a whole number of bytes from 64KiB to 4GiB', value);
  }
  return bytes;
}

/** Validate instance limits; every error names the key and the value. */
export function resolveLimits(limits: InstanceLimits | undefined): ResolvedLimits {
  const memoryBytes = limits?.memory === undefined ? DEFAULT_MEMORY_BYTES : parseMemory(limits.memory);
  const timeoutMs = limits?.timeoutMs;
  if (
    timeoutMs !== undefined &&
    (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS)
  ) {
    throw invalid('timeoutMs', 'a whole number of milliseconds from 1 to 86400000', timeoutMs);
  }
  return { memoryBytes, maxPages: Math.floor(memoryBytes / WASM_PAGE), timeoutMs };
}
