import type { CallFailure } from './call-errors.js';
import type { ChannelInit } from './channel.js';
import type { WasiOptions } from './wasi/index.js';

/** WASI settings that can cross to a worker; callbacks stay on the main thread and are bridged. */
export type WorkerWasiInit = Omit<
  WasiOptions,
  'stdout' | 'stderr' | 'now' | 'monotonicNow' | 'randomBytes'
> & {
  /** Names of the WASI callbacks the host gave, served on the main thread. */
  bridged: Array<'now' | 'monotonicNow' | 'randomBytes'>;
};

/** `workerData` of the guest worker. */
export interface GuestWorkerData {
  glue: string;
  modules: Record<string, WebAssembly.Module>;
  channel: ChannelInit;
  /** Host import functions the guest needs, by interface: each call is bridged to the main thread. */
  bridgedImports: Record<string, string[]>;
  wasi: WorkerWasiInit | undefined;
  capBytes: number;
  spin: number;
}

/** Main → worker. */
export type ToWorker =
  /** `name` is the export's name the first time (with the `id` later calls use), then just the id. */
  | { t: 'call'; name: string | number; id?: number; args: unknown[] }
  | { t: 'dispose' }
  | { t: 'reply'; ok: true; value: unknown }
  | { t: 'reply'; ok: false; thrown: ThrownValue };

/** Worker → main. */
export type ToMain =
  | { t: 'result'; ok: true; value: unknown }
  | { t: 'result'; ok: false; failure: CallFailure; message?: string }
  | { t: 'import'; iface: string; member: string; args: unknown[] }
  | { t: 'stdio'; fd: 1 | 2; bytes: Uint8Array }
  | { t: 'wasi'; fn: 'now' | 'monotonicNow' | 'randomBytes'; args: unknown[] };

/**
 * What a host import threw, in the three forms jco glue distinguishes: an object with own `payload`
 * (a result's `err`), a plain value (also an `err`), or an Error (a host failure that aborts the guest).
 */
export type ThrownValue =
  | { kind: 'payload'; payload: unknown }
  | { kind: 'value'; value: unknown }
  | { kind: 'error'; name: string; message: string };

/** Encode what a host import threw so the worker can throw the equivalent. */
export function encodeThrown(error: unknown): ThrownValue {
  if (error !== null && typeof error === 'object' && Object.hasOwn(error, 'payload')) {
    return { kind: 'payload', payload: (error as { payload: unknown }).payload };
  }
  if (error instanceof Error) return { kind: 'error', name: error.name, message: error.message };
  return { kind: 'value', value: error };
}

/** Rebuild a thrown value on the worker side. */
export function decodeThrown(thrown: ThrownValue): unknown {
  if (thrown.kind === 'payload')
    return Object.assign(new Error('host import error'), { payload: thrown.payload });
  if (thrown.kind === 'value') return thrown.value;
  const error = new Error(thrown.message);
  error.name = thrown.name;
  return error;
}
