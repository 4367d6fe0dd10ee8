import { type ComponentArtifacts, importedMemoryShapes } from './artifacts.js';
import { classifyCallError } from './call-errors.js';
import { WasmError } from './errors.js';
import { resolveExport } from './exports.js';
import { disposedError, instanceError, poisonedError } from './instance-errors.js';
import type { ResolvedLimits } from './limits.js';
import { type MemoryShape, POOLED_MEMORY_IMPORT } from './memory-cap.js';
import type { MemoryPool } from './memory-pool.js';
import type { ComponentInstance, HostImports, InstanceState } from './types.js';

type Fn = (...args: unknown[]) => unknown;

/** Everything {@link createInlineInstance} needs. */
export interface InlineInstanceInit {
  artifacts: ComponentArtifacts;
  modules: Record<string, WebAssembly.Module>;
  imports: HostImports;
  limits: ResolvedLimits;
  componentId: string | undefined;
  /** Where memories the modules import (see `importMemory`) come from and go back to. */
  memories: MemoryPool | undefined;
  onDispose?: () => void;
}

/** A memory this instance took from the pool, to give back on dispose. */
interface Borrowed {
  memory: WebAssembly.Memory;
  shape: MemoryShape;
}

/** Instantiate on the host thread: the fastest mode, but a guest that never returns cannot be stopped. */
export function createInlineInstance(init: InlineInstanceInit): ComponentInstance {
  const { artifacts, modules, limits, componentId, memories: pool } = init;
  const memories: WebAssembly.Memory[] = [];
  const borrowed: Borrowed[] = [];
  const giveBack = () => {
    for (const { memory, shape } of borrowed) pool!.release(memory, shape);
  };
  const instantiateCore = (module: WebAssembly.Module, importObject: WebAssembly.Imports = {}) => {
    const shape = pool && importedMemoryShapes.get(module);
    if (shape) {
      const memory = pool.acquire(shape);
      borrowed.push({ memory, shape });
      memories.push(memory);
      importObject[POOLED_MEMORY_IMPORT.module] = { [POOLED_MEMORY_IMPORT.name]: memory };
    }
    const instance = new WebAssembly.Instance(module, importObject);
    for (const name of memoryExports(module)) memories.push(instance.exports[name] as WebAssembly.Memory);
    return instance;
  };
  let exports: Record<string, unknown>;
  try {
    exports = artifacts.instantiate((name) => modules[name]!, init.imports, instantiateCore);
  } catch (error) {
    const failure = classifyCallError(error, { memories, capBytes: limits.memoryBytes });
    giveBack();
    throw new WasmError(
      failure.code === 'MEMORY_LIMIT' ? 'MEMORY_LIMIT' : 'INSTANTIATION_FAILED',
      `Component \`${componentId ?? artifacts.label}\` failed to instantiate: ${failure.detail}.`,
      { componentHash: artifacts.hash, componentId, cause: error },
    );
  }
  return new InlineInstance(
    artifacts,
    exports,
    [...new Set(memories)],
    limits,
    componentId,
    init.onDispose,
    borrowed.length > 0 ? giveBack : undefined,
  );
}

const memoryExportNames = new WeakMap<WebAssembly.Module, string[]>();

/** Names of the memories a module exports, read once per module. */
function memoryExports(module: WebAssembly.Module): string[] {
  let names = memoryExportNames.get(module);
  if (!names) {
    names = WebAssembly.Module.exports(module)
      .filter((e) => e.kind === 'memory')
      .map((e) => e.name);
    memoryExportNames.set(module, names);
  }
  return names;
}

class InlineInstance implements ComponentInstance {
  readonly isolation = 'inline' as const;
  #state: InstanceState = 'ready';
  #exports: Record<string, unknown>;
  /** The instance's memories, for error classification; emptied on dispose, when they may go to another tenant. */
  #memories: WebAssembly.Memory[];
  /** Gives borrowed memories back; dropped once the exports were handed out, since they could still run. */
  #recycle: (() => void) | undefined;
  #fns = new Map<string, Fn>();
  #failure: WasmError | undefined;
  /** Export calls on the stack: a host import may dispose its own instance while the guest still runs. */
  #depth = 0;

  constructor(
    private readonly artifacts: ComponentArtifacts,
    exports: Record<string, unknown>,
    memories: WebAssembly.Memory[],
    private readonly limits: ResolvedLimits,
    private readonly componentId: string | undefined,
    private readonly onDispose: (() => void) | undefined,
    recycle: (() => void) | undefined,
  ) {
    this.#exports = exports;
    this.#memories = memories;
    this.#recycle = recycle;
  }

  get state(): InstanceState {
    return this.#state;
  }

  get exports(): Record<string, unknown> | undefined {
    if (this.#state === 'disposed') return undefined;
    // Whoever holds the exports can call them after dispose, so this instance's memory is never recycled.
    this.#recycle = undefined;
    return this.#exports;
  }

  call(exportName: string, ...args: unknown[]): Promise<unknown> {
    try {
      return Promise.resolve(this.callSync(exportName, ...args));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  callSync(exportName: string, ...args: unknown[]): unknown {
    if (this.#state === 'disposed') throw disposedError(this.#context(), exportName);
    if (this.#state === 'poisoned') throw poisonedError(this.#context(), exportName, this.#failure!);
    let fn = this.#fns.get(exportName);
    if (!fn) {
      try {
        fn = resolveExport(this.#exports, exportName, this.artifacts.exportPaths);
      } catch (error) {
        throw instanceError(this.#context(), exportName, error);
      }
      this.#fns.set(exportName, fn);
    }
    this.#depth++;
    try {
      return fn(...args);
    } catch (error) {
      const failure = classifyCallError(error, {
        memories: this.#memories,
        capBytes: this.limits.memoryBytes,
      });
      const wasmError = instanceError(this.#context(), exportName, error, failure);
      if (failure.poisoned) {
        this.#state = 'poisoned';
        this.#failure = wasmError;
      }
      throw wasmError;
    } finally {
      this.#depth--;
    }
  }

  #context() {
    return { hash: this.artifacts.hash, componentId: this.componentId, label: this.artifacts.label };
  }

  async dispose(): Promise<void> {
    if (this.#state === 'disposed') return;
    this.#state = 'disposed';
    this.#fns.clear();
    this.#memories = [];
    this.#exports = {};
    this.onDispose?.();
    if (this.#depth === 0) this.#recycle?.();
    this.#recycle = undefined;
  }
}
