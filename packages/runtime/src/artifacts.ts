import type { ExportPath } from './exports.js';
import type { GlueInstantiate } from './glue.js';
import { capMemory, importMemory, type MemoryShape } from './memory-cap.js';
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
  /**
   * True when no code of the glue can run after its instance is disposed (it registers no finalizers), so the
   * instance's memories may be recycled.
   */
  recyclable: boolean;
  /** How each export called so far is reached in the lifted exports, shared by the instances. */
  exportPaths: Map<string, ExportPath>;
  /** Compiled core modules by cap in pages and form: compiled once each, then shared by every instance. */
  compiled: Map<string, Promise<Record<string, WebAssembly.Module>>>;
}

/** Modules compiled with their memory turned into an import (see {@link importMemory}), and its shape. */
export const importedMemoryShapes = new WeakMap<WebAssembly.Module, MemoryShape>();

/** True when the glue can run no code after its instance is gone; see {@link ComponentArtifacts.recyclable}. */
export function glueIsRecyclable(glue: string): boolean {
  return !glue.includes('FinalizationRegistry');
}

/**
 * The core modules of a component compiled with every memory capped at `maxPages`, cached per cap. With
 * `importedMemory`, a module's single memory becomes an import, for an instance that supplies recycled ones.
 */
export function compiledModules(
  artifacts: ComponentArtifacts,
  maxPages: number,
  importedMemory = false,
): Promise<Record<string, WebAssembly.Module>> {
  const key = `${maxPages}${importedMemory ? '+imported-memory' : ''}`;
  let modules = artifacts.compiled.get(key);
  if (!modules) {
    modules = compileAll(artifacts, maxPages, importedMemory);
    artifacts.compiled.set(key, modules);
    modules.catch(() => artifacts.compiled.delete(key));
  }
  return modules;
}

async function compileAll(
  artifacts: ComponentArtifacts,
  maxPages: number,
  importedMemory: boolean,
): Promise<Record<string, WebAssembly.Module>> {
  const entries = await Promise.all(
    Object.entries(artifacts.coreFiles).map(async ([file, bytes]) => {
      const { bytes: capped } = capMemory(bytes, maxPages, `${artifacts.label}:${file}`);
      const moved = importedMemory ? importMemory(capped) : undefined;
      const module = await WebAssembly.compile((moved?.bytes ?? capped) as Uint8Array<ArrayBuffer>);
      if (moved) importedMemoryShapes.set(module, moved.shape);
      return [file, module] as const;
    }),
  );
  return Object.fromEntries(entries);
}
