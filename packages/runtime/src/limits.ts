import { validateLimits } from '@airssys/core';
import { WASM_PAGE } from './memory-cap.js';
import type { InstanceLimits } from './types.js';

/** Memory cap when an instance names none: the default memory quota of DESIGN.md. */
export const DEFAULT_MEMORY_BYTES = 256 * 1024 * 1024;

/** Limits checked and in the units the runtime uses. */
export interface ResolvedLimits {
  memoryBytes: number;
  maxPages: number;
  timeoutMs: number | undefined;
}

/** Validate instance limits with `@airssys/core`'s rules; errors (`INVALID_LIMITS`) name the key and value. */
export function resolveLimits(limits: InstanceLimits | undefined): ResolvedLimits {
  const checked = validateLimits(limits ?? {}, { path: 'limits' });
  const memoryBytes = checked.memoryBytes ?? DEFAULT_MEMORY_BYTES;
  return { memoryBytes, maxPages: Math.floor(memoryBytes / WASM_PAGE), timeoutMs: checked.timeoutMs };
}
