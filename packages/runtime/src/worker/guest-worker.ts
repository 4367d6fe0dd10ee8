// Hosts one component instance in a worker thread. Calls arrive over the shared-memory channel; host
// imports and WASI stdio are bridged back to the main thread, which blocks only this thread meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { classifyCallError } from '../call-errors.js';
import { ChannelEnd } from '../channel.js';
import { isWasmError } from '../errors.js';
import { resolveExport } from '../exports.js';
import { evaluateGlue } from '../glue.js';
import type { HostImports } from '../types.js';
import { createWasi, type WasiHost, type WasiOptions } from '../wasi/index.js';
import { decodeThrown, type GuestWorkerData, type ToMain, type ToWorker } from '../worker-protocol.js';

// A pooled worker boots first and receives its guest later; a direct one gets it in workerData.
const data: GuestWorkerData =
  (workerData as GuestWorkerData | null) ??
  (await new Promise<GuestWorkerData>((resolve) =>
    parentPort!.once('message', (m: { t: 'init'; data: GuestWorkerData }) => resolve(m.data)),
  ));
const channel = new ChannelEnd(data.channel, 'worker');

function askMain(message: ToMain): unknown {
  channel.send(message);
  channel.waitBlocking(data.spin);
  const reply = channel.receive() as ToWorker;
  if (reply.t !== 'reply') throw new Error(`airssys worker: expected a reply, got \`${reply.t}\``);
  if (reply.ok) return reply.value;
  throw decodeThrown(reply.thrown);
}

function buildImports(): HostImports {
  const imports: HostImports = {};
  for (const [iface, members] of Object.entries(data.bridgedImports)) {
    const target: Record<string, unknown> = {};
    for (const member of members) {
      target[member] = (...args: unknown[]) => askMain({ t: 'import', iface, member, args });
    }
    imports[iface] = target;
  }
  if (data.wasi) {
    const { bridged, ...rest } = data.wasi;
    const options: WasiOptions = {
      ...rest,
      stdout: (bytes) => void askMain({ t: 'stdio', fd: 1, bytes }),
      stderr: (bytes) => void askMain({ t: 'stdio', fd: 2, bytes }),
    };
    for (const fn of bridged) {
      (options as Record<string, unknown>)[fn] = (...args: unknown[]) => askMain({ t: 'wasi', fn, args });
    }
    wasiHost = createWasi(options);
    for (const [iface, value] of Object.entries(wasiHost.imports)) imports[iface] ??= value;
  }
  return imports;
}

let wasiHost: WasiHost | undefined;

const memories = new Set<WebAssembly.Memory>();
function instantiateCore(
  module: WebAssembly.Module,
  importObject?: WebAssembly.Imports,
): WebAssembly.Instance {
  const instance = new WebAssembly.Instance(module, importObject);
  for (const value of Object.values(instance.exports))
    if (value instanceof WebAssembly.Memory) memories.add(value);
  return instance;
}

function fail(error: unknown): ToMain {
  if (isWasmError(error)) {
    return {
      t: 'result',
      ok: false,
      failure: { code: error.code, detail: error.message, poisoned: false },
      message: error.message,
    };
  }
  return {
    t: 'result',
    ok: false,
    failure: classifyCallError(error, { memories: [...memories], capBytes: data.capBytes }),
  };
}

let exports: Record<string, unknown>;
try {
  exports = evaluateGlue(data.glue)((name) => data.modules[name]!, buildImports(), instantiateCore);
} catch (error) {
  parentPort!.postMessage({ t: 'init-failed', failure: fail(error) });
  process.exit(0);
}
parentPort!.postMessage({ t: 'ready' });

const fns = new Map<string, (...args: unknown[]) => unknown>();
const names: string[] = [];
for (;;) {
  channel.waitBlocking(data.spin);
  const message = channel.receive() as ToWorker;
  if (message.t === 'dispose') {
    wasiHost?.dispose();
    channel.send({ t: 'result', ok: true, value: undefined } satisfies ToMain);
    break;
  }
  if (message.t !== 'call') continue;
  let reply: ToMain;
  let name = message.name;
  if (typeof name === 'number') name = names[name]!;
  else if (message.id !== undefined) names[message.id] = name;
  try {
    let fn = fns.get(name);
    if (!fn) {
      fn = resolveExport(exports, name);
      fns.set(name, fn);
    }
    reply = { t: 'result', ok: true, value: fn(...message.args) };
  } catch (error) {
    reply = fail(error);
  }
  channel.send(reply);
}
