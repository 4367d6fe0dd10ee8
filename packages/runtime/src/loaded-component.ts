import { type ComponentArtifacts, compiledModules } from './artifacts.js';
import { shortHash, WasmError } from './errors.js';
import { linkImports, normaliseImports } from './imports.js';
import { createInlineInstance } from './inline-instance.js';
import { resolveLimits } from './limits.js';
import type { MemoryPool } from './memory-pool.js';
import { createLineSink } from './stdio.js';
import type { ComponentInstance, InstantiateOptions, LoadedComponent } from './types.js';
import { createWasi, type WasiHost, type WasiOptions } from './wasi/index.js';
import { createWorkerInstance } from './worker-instance.js';
import type { WorkerPool } from './worker-pool.js';

/** Services an instance borrows from its runtime. */
export interface InstanceServices {
  log: (line: string) => void;
  pool: WorkerPool;
  /** Recycled linear memories for inline instances; absent when recycling is off. */
  memories: MemoryPool | undefined;
}

/** Wrap loaded artifacts as the public {@link LoadedComponent}. */
export function createLoadedComponent(
  artifacts: ComponentArtifacts,
  services: InstanceServices,
): LoadedComponent {
  return {
    hash: artifacts.hash,
    size: artifacts.size,
    imports: artifacts.imports,
    exports: artifacts.exports,
    instantiate: (options = {}) => instantiate(artifacts, options, services),
  };
}

async function instantiate(
  artifacts: ComponentArtifacts,
  options: InstantiateOptions,
  services: InstanceServices,
): Promise<ComponentInstance> {
  const limits = resolveLimits(options.limits);
  const isolation = options.isolation ?? 'inline';
  if (isolation !== 'inline' && isolation !== 'worker') {
    throw new WasmError(
      'INVALID_OPTIONS',
      `Expected \`isolation\` to be \`inline\` or \`worker\`, got \`${String(isolation)}\`.`,
    );
  }
  const user = normaliseImports(options.imports);
  const componentId = options.componentId;
  const memories = isolation === 'inline' && artifacts.recyclable ? services.memories : undefined;
  const modules = await compiledModules(artifacts, limits.maxPages, memories !== undefined);
  const prefix = `[${componentId ?? shortHash(artifacts.hash)}]`;
  const wasiOptions =
    options.wasi === false || !artifacts.usesWasi
      ? undefined
      : withDefaultStdio(options.wasi, prefix, services);
  if (isolation === 'worker') {
    return createWorkerInstance({
      artifacts,
      modules,
      user,
      wasi: wasiOptions,
      limits,
      componentId,
      pool: services.pool,
    });
  }
  const wasi = wasiOptions ? buildWasi(wasiOptions.options) : undefined;
  const imports = linkImports(artifacts.imports, user, wasi?.imports, { hash: artifacts.hash, componentId });
  return createInlineInstance({
    artifacts,
    modules,
    imports,
    limits,
    componentId,
    memories,
    onDispose: () => {
      wasiOptions?.flush();
      wasi?.dispose();
    },
  });
}

/** Create the WASI imports, turning a bad preopen or option into a typed error. */
export function buildWasi(options: WasiOptions): WasiHost {
  try {
    return createWasi(options);
  } catch (error) {
    throw new WasmError('INVALID_OPTIONS', `Invalid \`wasi\` options: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** WASI options with stdout/stderr defaulting to the runtime's log, one line at a time. */
export interface PreparedWasi {
  options: WasiOptions;
  flush: () => void;
}

function withDefaultStdio(
  given: WasiOptions | undefined,
  prefix: string,
  services: InstanceServices,
): PreparedWasi {
  const options: WasiOptions = { ...given };
  const sinks: { flush(): void }[] = [];
  if (!options.stdout) {
    const sink = createLineSink(prefix, services.log);
    sinks.push(sink);
    options.stdout = sink;
  }
  if (!options.stderr) {
    const sink = createLineSink(`${prefix} (stderr)`, services.log);
    sinks.push(sink);
    options.stderr = sink;
  }
  return {
    options,
    flush: () => {
      for (const sink of sinks) sink.flush();
    },
  };
}
