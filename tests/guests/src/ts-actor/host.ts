// Small helpers over the host imports: text and bytes, the `err` arm of an export, and host refusals.
//
// componentize-js maps `result<T, E>` the jco way: an export returns its `ok` value and throws its `err`
// value; an import that returns `err` throws an Error-like object whose own `payload` is the error.
// Throwing an `Error` instance out of an export traps the instance (only `crasher` does that on purpose).
import type { ComponentError } from 'airssys:core/errors@1.0.0';
import { log } from 'airssys:core/host-services@1.0.0';
import { set } from 'airssys:core/storage@1.0.0';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const text = (bytes: Uint8Array): string => decoder.decode(bytes);

/** A `messaging-error` or `storage-error` as the host sent it. */
export interface HostError {
  tag: string;
  val?: string;
}

/** The `err` arm of a lifecycle export. */
export function fail(error: ComponentError): never {
  throw error;
}

/** The host's error when `e` was thrown by an import that returned `err`, else undefined. */
export function hostError(e: unknown): HostError | undefined {
  if (typeof e !== 'object' || e === null || !Object.hasOwn(e, 'payload')) return undefined;
  const payload = (e as { payload?: unknown }).payload;
  if (typeof payload !== 'object' || payload === null || typeof (payload as HostError).tag !== 'string') {
    return { tag: 'unknown', val: String(payload) };
  }
  return payload as HostError;
}

/** `tag` or `tag: val`. */
export function describe(error: HostError): string {
  return error.val === undefined ? error.tag : `${error.tag}: ${error.val}`;
}

/** Runs `call`; a host refusal becomes the host's error, anything else is thrown on. */
export function attempt<T>(call: () => T): { ok: true; value: T } | { ok: false; error: HostError } {
  try {
    return { ok: true, value: call() };
  } catch (e) {
    const error = hostError(e);
    if (!error) throw e;
    return { ok: false, error };
  }
}

/** Runs `call`; a host refusal becomes `err(internal("<prefix><tag>: <val>"))`. */
export function must<T>(call: () => T, prefix = ''): T {
  const result = attempt(call);
  if (!result.ok) fail({ tag: 'internal', val: `${prefix}${describe(result.error)}` });
  return result.value;
}

/** Stores `value` under `key`; a refusal is logged rather than thrown (used on paths that already fail). */
export function trySet(key: string, value: Uint8Array): boolean {
  const result = attempt(() => set(key, value));
  if (!result.ok) log('warn', `could not store \`${key}\`: ${describe(result.error)}`);
  return result.ok;
}

const COMPONENT_ERROR_TAGS = new Set(['invalid-input', 'not-ready', 'internal']);

/**
 * Runs the body of a lifecycle export so that nothing but a deliberate `Error` can trap the instance:
 * an uncaught host refusal becomes `err(internal(…))`, a thrown string (SpiderMonkey's `out of memory`)
 * too; a `component-error` passes through as the export's `err`.
 */
export function guarded<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    const refused = hostError(e);
    if (refused) fail({ tag: 'internal', val: `host refused: ${describe(refused)}` });
    if (e instanceof Error) throw e;
    const tag = (e as { tag?: unknown } | undefined)?.tag;
    if (typeof tag === 'string' && COMPONENT_ERROR_TAGS.has(tag)) throw e;
    fail({ tag: 'internal', val: String(e) });
  }
}
