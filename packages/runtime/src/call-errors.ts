import type { WasmErrorCode } from './errors.js';

/** A call failure in a form that can cross a thread boundary. */
export interface CallFailure {
  code: WasmErrorCode;
  /** What went wrong, without the component and export (the caller adds those). */
  detail: string;
  poisoned: boolean;
  payload?: unknown;
  exitCode?: number;
}

/** What the classifier needs to know about the instance that failed. */
export interface FailureContext {
  memories: readonly WebAssembly.Memory[];
  capBytes: number;
}

const OOM_SLACK = 1024 * 1024;

function nearCap(ctx: FailureContext): boolean {
  const slack = Math.max(OOM_SLACK, ctx.capBytes / 10);
  return ctx.memories.some((m) => m.buffer.byteLength + slack >= ctx.capBytes);
}

/**
 * Turn whatever a call threw into a {@link CallFailure}. A guest's `err(...)` result and a JS guest's
 * out-of-memory error leave the instance usable; a trap, stack overflow or exit poisons it.
 */
export function classifyCallError(error: unknown, ctx: FailureContext): CallFailure {
  if (error instanceof Error && error.name === 'WasiExit') {
    const exitCode = Number((error as Error & { code?: unknown }).code ?? 1);
    return { code: 'EXIT', detail: `the guest exited with status ${exitCode}`, poisoned: true, exitCode };
  }
  if (error !== null && typeof error === 'object' && Object.hasOwn(error, 'payload')) {
    const payload = (error as { payload: unknown }).payload;
    if (isOutOfMemory(payload)) {
      return {
        code: 'MEMORY_LIMIT',
        detail: 'the guest ran out of memory under its cap',
        poisoned: false,
        payload,
      };
    }
    return {
      code: 'GUEST_ERROR',
      detail: `the guest returned an error: ${describe(payload)}`,
      poisoned: false,
      payload,
    };
  }
  if (error instanceof WebAssembly.RuntimeError) {
    if (nearCap(ctx)) {
      return {
        code: 'MEMORY_LIMIT',
        detail: `it trapped (${error.message}) with its memory at the cap of ${ctx.capBytes} bytes`,
        poisoned: true,
      };
    }
    return { code: 'TRAP', detail: `it trapped: ${error.message}`, poisoned: true };
  }
  if (error instanceof RangeError) {
    if (/call stack/i.test(error.message)) return { code: 'TRAP', detail: 'stack overflow', poisoned: true };
    if (/could not allocate memory/i.test(error.message)) {
      // V8 reserves about 10 GiB of address space per linear memory (its guard regions), so one process holds
      // some 12 000 live instances with a memory before a new one fails, whatever the caps.
      const detail =
        'the process has no address space left for another linear memory (each live instance reserves about ' +
        '10 GiB of it, so a process holds some 12 000); dispose instances that are done';
      return { code: 'MEMORY_LIMIT', detail, poisoned: true };
    }
    if (/memory/i.test(error.message)) {
      return { code: 'MEMORY_LIMIT', detail: `memory could not grow: ${error.message}`, poisoned: true };
    }
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : describe(error);
  return { code: 'TRAP', detail: `the call aborted: ${message}`, poisoned: true };
}

/** SpiderMonkey's bare `"out of memory"`, as is or wrapped in a variant case (`internal("out of memory")`). */
function isOutOfMemory(payload: unknown): boolean {
  if (payload === 'out of memory') return true;
  return (
    payload !== null && typeof payload === 'object' && (payload as { val?: unknown }).val === 'out of memory'
  );
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
