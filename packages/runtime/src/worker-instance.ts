import type { Worker } from 'node:worker_threads';
import type { ComponentArtifacts } from './artifacts.js';
import type { CallFailure } from './call-errors.js';
import { ChannelEnd, createChannel } from './channel.js';
import { WasmError } from './errors.js';
import { linkImports } from './imports.js';
import { disposedError, type InstanceContext, instanceError, poisonedError } from './instance-errors.js';
import type { ResolvedLimits } from './limits.js';
import { buildWasi, type PreparedWasi } from './loaded-component.js';
import type { ComponentInstance, HostImports, InstanceState } from './types.js';
import type { WorkerPool } from './worker-pool.js';
import {
  encodeThrown,
  type GuestWorkerData,
  type ToMain,
  type ToWorker,
  type WorkerWasiInit,
} from './worker-protocol.js';

/** Spin iterations before sleeping on the channel (see bench/worker-call). */
const SPIN = 20_000;
const NO_DEADLINE = Number.POSITIVE_INFINITY;
/** How long an idle worker gets to close its guest's files on dispose. */
const DISPOSE_GRACE_MS = 100;

/** Everything needed to start a worker instance. */
export interface WorkerInstanceInit {
  artifacts: ComponentArtifacts;
  modules: Record<string, WebAssembly.Module>;
  user: HostImports;
  wasi: PreparedWasi | undefined;
  limits: ResolvedLimits;
  componentId: string | undefined;
  pool: WorkerPool;
}

let wasiTemplate: HostImports | undefined;

/** Start a worker that holds the instance; resolves once the guest is instantiated there. */
export async function createWorkerInstance(init: WorkerInstanceInit): Promise<ComponentInstance> {
  const { artifacts, user, wasi, componentId } = init;
  wasiTemplate ??= buildWasi({}).imports;
  const linked = linkImports(artifacts.imports, user, wasi ? wasiTemplate : undefined, {
    hash: artifacts.hash,
    componentId,
  });
  const bridgedImports: Record<string, string[]> = {};
  for (const { name, members } of artifacts.imports) {
    if (!user[name]) continue;
    // jco names resources in PascalCase and functions in camelCase.
    const resource = members.find((m) => /^[A-Z]/.test(m));
    if (resource) {
      throw new WasmError(
        'INVALID_OPTIONS',
        `Host resource \`${resource}\` of \`${name}\` cannot cross to a worker instance; give it as plain functions or use \`isolation: 'inline'\`.`,
        { componentHash: artifacts.hash, componentId },
      );
    }
    bridgedImports[name] = members;
  }
  const channel = createChannel();
  const data: GuestWorkerData = {
    glue: artifacts.glue,
    modules: init.modules,
    channel: channel.worker,
    bridgedImports,
    wasi: wasi ? toWorkerWasi(wasi) : undefined,
    capBytes: init.limits.memoryBytes,
    spin: SPIN,
  };
  const worker = await init.pool.take();
  worker.postMessage({ t: 'init', data }, [channel.worker.port]);
  const context: InstanceContext = { hash: artifacts.hash, componentId, label: artifacts.label };
  await new Promise<void>((resolve, reject) => {
    const fail = (detail: string, cause?: unknown) =>
      reject(
        new WasmError(
          'INSTANTIATION_FAILED',
          `Component \`${componentId ?? artifacts.label}\` failed to start in a worker: ${detail}.`,
          {
            componentHash: artifacts.hash,
            componentId,
            cause,
          },
        ),
      );
    worker.once('message', (m: { t: string; failure?: CallFailure }) => {
      if (m.t === 'ready') resolve();
      else fail(m.failure?.detail ?? 'unknown error');
    });
    worker.once('error', (error) => fail(error.message, error));
    worker.once('exit', (code) => fail(`the worker exited with code ${code}`));
    worker.ref();
  });
  worker.removeAllListeners();
  return new WorkerInstance(worker, new ChannelEnd(channel.main, 'main'), linked, wasi, init.limits, context);
}

function toWorkerWasi(prepared: PreparedWasi): WorkerWasiInit {
  const { stdout: _o, stderr: _e, now, monotonicNow, randomBytes, ...rest } = prepared.options;
  const bridged: WorkerWasiInit['bridged'] = [];
  if (now) bridged.push('now');
  if (monotonicNow) bridged.push('monotonicNow');
  if (randomBytes) bridged.push('randomBytes');
  return { ...rest, bridged };
}

class WorkerInstance implements ComponentInstance {
  readonly isolation = 'worker' as const;
  readonly exports = undefined;
  #state: InstanceState = 'ready';
  #failure: WasmError | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #inflight = 0;
  /** Export names already sent to the worker, by the short id later calls send instead. */
  readonly #names = new Map<string, number>();
  readonly #exited: Promise<number>;

  constructor(
    private readonly worker: Worker,
    private readonly channel: ChannelEnd,
    private readonly imports: HostImports,
    private readonly wasi: PreparedWasi | undefined,
    private readonly limits: ResolvedLimits,
    private readonly context: InstanceContext,
  ) {
    this.#exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.on('error', () => {});
    worker.unref();
  }

  get state(): InstanceState {
    return this.#state;
  }

  /** One call at a time over the channel: later calls wait behind the one in flight. */
  call(exportName: string, ...args: unknown[]): Promise<unknown> {
    let result: Promise<unknown>;
    if (this.#inflight === 0) result = this.#call(exportName, args);
    else {
      const run = () => this.#call(exportName, args);
      result = this.#queue.then(run, run);
    }
    this.#inflight++;
    this.#queue = result.then(this.#settled, this.#settled);
    return result;
  }

  readonly #settled = (): void => {
    this.#inflight--;
  };

  async #call(exportName: string, args: unknown[]): Promise<unknown> {
    if (this.#state === 'disposed') throw disposedError(this.context, exportName);
    if (this.#state === 'poisoned') throw poisonedError(this.context, exportName, this.#failure!);
    const timeoutMs = this.limits.timeoutMs;
    const deadline = timeoutMs === undefined ? NO_DEADLINE : performance.now() + timeoutMs;
    const known = this.#names.get(exportName);
    if (known === undefined) {
      const id = this.#names.size;
      this.#names.set(exportName, id);
      this.channel.send({ t: 'call', name: exportName, id, args } satisfies ToWorker);
    } else {
      this.channel.send({ t: 'call', name: known, args } satisfies ToWorker);
    }
    for (;;) {
      if (!this.channel.spinFor(SPIN)) {
        // A slow reply: sleep without blocking the event loop, and keep the process alive meanwhile.
        this.worker.ref();
        let outcome: 'ok' | 'timed-out' | 'aborted';
        try {
          outcome = await this.channel.waitAsync(Math.max(0, deadline - performance.now()), this.#exited);
        } finally {
          this.worker.unref();
        }
        // `Atomics.waitAsync` may wake a few ms early: never end a call before its deadline.
        if (outcome === 'timed-out' && performance.now() < deadline) continue;
        if (outcome === 'timed-out') throw this.#poison(this.#timeout(exportName, timeoutMs!));
        if (outcome === 'aborted') {
          // dispose() terminated the worker while this call waited.
          if ((this.#state as InstanceState) === 'disposed') throw disposedError(this.context, exportName);
          throw this.#poison(this.#crashed(exportName));
        }
      }
      const message = this.channel.receive() as ToMain;
      if (message.t === 'result') {
        if (message.ok) return message.value;
        const error = message.message
          ? new WasmError(message.failure.code, message.message, {
              componentHash: this.context.hash,
              componentId: this.context.componentId,
              exportName,
            })
          : instanceError(this.context, exportName, undefined, message.failure);
        if (message.failure.poisoned) this.#poison(error);
        throw error;
      }
      await this.#serve(message);
    }
  }

  /** Answer a host import, stdio write or WASI callback the guest is blocked on. */
  async #serve(message: Exclude<ToMain, { t: 'result' }>): Promise<void> {
    let reply: ToWorker;
    try {
      let value: unknown;
      if (message.t === 'import') {
        const fn = this.imports[message.iface]![message.member] as (...a: unknown[]) => unknown;
        value = await fn(...message.args);
      } else if (message.t === 'stdio') {
        const sink = message.fd === 1 ? this.wasi?.options.stdout : this.wasi?.options.stderr;
        sink?.(message.bytes);
      } else {
        const fn = this.wasi?.options[message.fn] as ((...a: unknown[]) => unknown) | undefined;
        value = fn?.(...message.args);
      }
      reply = { t: 'reply', ok: true, value };
    } catch (error) {
      reply = { t: 'reply', ok: false, thrown: encodeThrown(error) };
    }
    this.channel.send(reply);
  }

  #timeout(exportName: string, timeoutMs: number): WasmError {
    void this.worker.terminate();
    return new WasmError(
      'TIMEOUT',
      `Call to \`${exportName}\` of component \`${this.context.componentId ?? this.context.label}\` exceeded its ${timeoutMs} ms deadline; the worker was terminated.`,
      { componentHash: this.context.hash, componentId: this.context.componentId, exportName, poisoned: true },
    );
  }

  #crashed(exportName: string): WasmError {
    return new WasmError(
      'WORKER_FAILED',
      `The worker of component \`${this.context.componentId ?? this.context.label}\` died during \`${exportName}\`.`,
      { componentHash: this.context.hash, componentId: this.context.componentId, exportName, poisoned: true },
    );
  }

  #poison(error: WasmError): WasmError {
    if (this.#state === 'ready') {
      this.#state = 'poisoned';
      this.#failure = error;
    }
    return error;
  }

  /**
   * Let an idle worker close the files its guest opened, then end it. A worker that is busy or already
   * failed is terminated at once (its open files are then closed only when the process exits).
   */
  async dispose(): Promise<void> {
    if (this.#state === 'disposed') return;
    const wasReady = this.#state === 'ready';
    this.#state = 'disposed';
    if (wasReady) {
      const idle = this.#queue.then(async () => {
        this.channel.send({ t: 'dispose' } satisfies ToWorker);
        if (!this.channel.spinFor(SPIN)) await this.channel.waitAsync(DISPOSE_GRACE_MS, this.#exited);
      });
      await Promise.race([idle, new Promise((r) => setTimeout(r, DISPOSE_GRACE_MS))]);
    }
    this.wasi?.flush();
    await this.worker.terminate();
  }
}
