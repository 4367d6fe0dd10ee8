import type { ComponentArtifacts } from './artifacts.js';
import { classifyCallError } from './call-errors.js';
import { WasmError } from './errors.js';
import { resolveExport } from './exports.js';
import { disposedError, instanceError, poisonedError } from './instance-errors.js';
import type { ResolvedLimits } from './limits.js';
import type { ComponentInstance, HostImports, InstanceState } from './types.js';

type Fn = (...args: unknown[]) => unknown;

/** Instantiate on the host thread: the fastest mode, but a guest that never returns cannot be stopped. */
export function createInlineInstance(
  artifacts: ComponentArtifacts,
  modules: Record<string, WebAssembly.Module>,
  imports: HostImports,
  limits: ResolvedLimits,
  componentId: string | undefined,
  onDispose?: () => void,
): ComponentInstance {
  const memories = new Set<WebAssembly.Memory>();
  const instantiateCore = (module: WebAssembly.Module, importObject?: WebAssembly.Imports) => {
    const instance = new WebAssembly.Instance(module, importObject);
    for (const value of Object.values(instance.exports)) {
      if (value instanceof WebAssembly.Memory) memories.add(value);
    }
    return instance;
  };
  let exports: Record<string, unknown>;
  try {
    exports = artifacts.instantiate((name) => modules[name]!, imports, instantiateCore);
  } catch (error) {
    const failure = classifyCallError(error, { memories: [...memories], capBytes: limits.memoryBytes });
    throw new WasmError(
      failure.code === 'MEMORY_LIMIT' ? 'MEMORY_LIMIT' : 'INSTANTIATION_FAILED',
      `Component \`${componentId ?? artifacts.label}\` failed to instantiate: ${failure.detail}.`,
      { componentHash: artifacts.hash, componentId, cause: error },
    );
  }
  return new InlineInstance(artifacts, exports, [...memories], limits, componentId, onDispose);
}

class InlineInstance implements ComponentInstance {
  readonly isolation = 'inline' as const;
  #state: InstanceState = 'ready';
  #exports: Record<string, unknown>;
  #fns = new Map<string, Fn>();
  #failure: WasmError | undefined;

  constructor(
    private readonly artifacts: ComponentArtifacts,
    exports: Record<string, unknown>,
    private readonly memories: WebAssembly.Memory[],
    private readonly limits: ResolvedLimits,
    private readonly componentId: string | undefined,
    private readonly onDispose: (() => void) | undefined,
  ) {
    this.#exports = exports;
  }

  get state(): InstanceState {
    return this.#state;
  }

  get exports(): Record<string, unknown> | undefined {
    return this.#state === 'disposed' ? undefined : this.#exports;
  }

  call(exportName: string, ...args: unknown[]): Promise<unknown> {
    const context = { hash: this.artifacts.hash, componentId: this.componentId, label: this.artifacts.label };
    if (this.#state === 'disposed') return Promise.reject(disposedError(context, exportName));
    if (this.#state === 'poisoned') return Promise.reject(poisonedError(context, exportName, this.#failure!));
    let fn = this.#fns.get(exportName);
    if (!fn) {
      try {
        fn = resolveExport(this.#exports, exportName);
      } catch (error) {
        return Promise.reject(instanceError(context, exportName, error));
      }
      this.#fns.set(exportName, fn);
    }
    try {
      return Promise.resolve(fn(...args));
    } catch (error) {
      const failure = classifyCallError(error, {
        memories: this.memories,
        capBytes: this.limits.memoryBytes,
      });
      const wasmError = instanceError(context, exportName, error, failure);
      if (failure.poisoned) {
        this.#state = 'poisoned';
        this.#failure = wasmError;
      }
      return Promise.reject(wasmError);
    }
  }

  async dispose(): Promise<void> {
    if (this.#state === 'disposed') return;
    this.#state = 'disposed';
    this.#fns.clear();
    this.onDispose?.();
  }
}
