import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type ComponentArtifacts, glueIsRecyclable } from './artifacts.js';
import { readCached, withCacheLock, writeCached } from './cache.js';
import { assertComponentBytes, sha256Hex } from './component-bytes.js';
import { WasmError } from './errors.js';
import { evaluateGlue } from './glue.js';
import { createLoadedComponent } from './loaded-component.js';
import { createMemoryPool, DEFAULT_MEMORY_POOL_BYTES } from './memory-pool.js';
import { transpileComponent } from './transpile.js';
import type { LoadedComponent, Runtime, RuntimeOptions } from './types.js';
import { createWorkerPool } from './worker-pool.js';

/** Create a runtime: it loads components once per content hash and keeps them for instantiation. */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const cacheDir =
    options.cacheDir === false
      ? undefined
      : resolve(options.cacheDir ?? join(process.cwd(), '.airssys', 'cache'));
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const byHash = new Map<string, Promise<ComponentArtifacts>>();
  const stats = { transpiled: 0, diskHits: 0, memoryHits: 0 };
  const warm = options.warmWorkers ?? 1;
  if (!Number.isInteger(warm) || warm < 0 || warm > 64) {
    throw new WasmError(
      'INVALID_OPTIONS',
      `Expected \`warmWorkers\` to be a whole number from 0 to 64, got \`${String(warm)}\`.`,
    );
  }
  const pool = createWorkerPool(warm);
  const poolBytes = options.memoryPoolBytes ?? DEFAULT_MEMORY_POOL_BYTES;
  if (!Number.isSafeInteger(poolBytes) || poolBytes < 0) {
    throw new WasmError(
      'INVALID_OPTIONS',
      `Expected \`memoryPoolBytes\` to be a whole number of bytes, 0 or more, got \`${String(poolBytes)}\`.`,
    );
  }
  const memories = poolBytes > 0 ? createMemoryPool(poolBytes) : undefined;

  async function produce(bytes: Uint8Array, hash: string, label: string): Promise<ComponentArtifacts> {
    let transpiledHere = false;
    const transpile = async () => {
      const transpiled = await transpileComponent(bytes, label);
      transpiledHere = true;
      stats.transpiled++;
      if (cacheDir) await writeCached(cacheDir, hash, transpiled);
      return transpiled;
    };
    let source = cacheDir ? await readCached(cacheDir, hash) : undefined;
    if (source) stats.diskHits++;
    else if (cacheDir) {
      source = await withCacheLock(cacheDir, hash, () => readCached(cacheDir, hash), transpile);
      // Another process may have transpiled it while this one waited for the lock.
      if (!transpiledHere) stats.diskHits++;
    } else source = await transpile();
    return {
      hash,
      size: bytes.length,
      label,
      glue: source.glue,
      instantiate: evaluateGlue(source.glue),
      coreFiles: source.coreFiles,
      imports: source.imports,
      exports: source.exports,
      usesWasi: source.imports.some((i) => i.name.startsWith('wasi:')),
      recyclable: glueIsRecyclable(source.glue),
      compiled: new Map(),
      exportPaths: new Map(),
    };
  }

  async function load(input: Uint8Array | string): Promise<LoadedComponent> {
    const label = typeof input === 'string' ? input : 'component bytes';
    const bytes = typeof input === 'string' ? await readSource(input) : input;
    if (!(bytes instanceof Uint8Array)) {
      throw new WasmError('INVALID_COMPONENT', `Expected a path or a Uint8Array, got \`${typeof input}\`.`);
    }
    assertComponentBytes(bytes, label);
    const hash = sha256Hex(bytes);
    let artifacts = byHash.get(hash);
    if (artifacts) stats.memoryHits++;
    else {
      artifacts = produce(bytes, hash, label);
      byHash.set(hash, artifacts);
      artifacts.catch(() => byHash.delete(hash));
    }
    return createLoadedComponent(await artifacts, { log, pool, memories });
  }

  return { cacheDir, load, stats: () => ({ ...stats, memoriesRecycled: memories?.recycled ?? 0 }) };
}

async function readSource(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new WasmError(
      'INVALID_COMPONENT',
      `Expected \`${path}\` to be a readable component file, got ${reason}.`,
      {
        cause: error,
      },
    );
  }
}
