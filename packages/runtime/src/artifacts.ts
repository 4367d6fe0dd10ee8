import type { GlueInstantiate } from './glue.js';
import { capMemory } from './memory-cap.js';
import type { ComponentExport, ComponentImport } from './types.js';

/** Everything the runtime keeps about one loaded component, shared by all its instances. */
export interface ComponentArtifacts {
  hash: string;
  size: number;
  label: string;
  glue: string;
  instantiate: GlueInstantiate;
  coreFiles: Record<string, Uint8Array>;
  imports: ComponentImport[];
  exports: ComponentExport[];
  /** True when any import is a WASI interface. */
  usesWasi: boolean;
  /** Compiled core modules by cap in pages: compiled once per cap, then shared by every instance. */
  compiled: Map<number, Promise<Record<string, WebAssembly.Module>>>;
}

/** The core modules of a component compiled with every memory capped at `maxPages`, cached per cap. */
export function compiledModules(
  artifacts: ComponentArtifacts,
  maxPages: number,
): Promise<Record<string, WebAssembly.Module>> {
  let modules = artifacts.compiled.get(maxPages);
  if (!modules) {
    modules = compileAll(artifacts, maxPages);
    artifacts.compiled.set(maxPages, modules);
    modules.catch(() => artifacts.compiled.delete(maxPages));
  }
  return modules;
}

async function compileAll(
  artifacts: ComponentArtifacts,
  maxPages: number,
): Promise<Record<string, WebAssembly.Module>> {
  const entries = await Promise.all(
    Object.entries(artifacts.coreFiles).map(async ([file, bytes]) => {
      const { bytes: capped } = capMemory(bytes, maxPages, `${artifacts.label}:${file}`);
      return [file, await WebAssembly.compile(capped as Uint8Array<ArrayBuffer>)] as const;
    }),
  );
  return Object.fromEntries(entries);
}
