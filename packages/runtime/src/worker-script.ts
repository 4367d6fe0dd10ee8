import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The scripts this package runs in worker threads. */
export type WorkerScriptName = 'guest-worker' | 'transpile-worker';

const here = import.meta.url;
const fromSource = here.endsWith('.ts');
const bundled = new Map<WorkerScriptName, Promise<URL>>();

/**
 * URL of a worker script. A built package runs `dist/worker/<name>.js`; when this package runs from its
 * TypeScript source (tests, the demo) the worker is bundled once per process with esbuild, because plain
 * Node cannot load `.ts` in a worker.
 */
export function workerScriptUrl(name: WorkerScriptName): Promise<URL> {
  if (!fromSource) return Promise.resolve(new URL(`./worker/${name}.js`, here));
  let url = bundled.get(name);
  if (!url) {
    url = bundleFromSource(name);
    bundled.set(name, url);
  }
  return url;
}

async function bundleFromSource(name: WorkerScriptName): Promise<URL> {
  const { build } = await import('esbuild');
  const srcDir = dirname(fileURLToPath(here));
  const outDir = join(srcDir, '..', '.cache', 'workers');
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(srcDir, 'worker', `${name}.ts`)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@airssys/source'],
    external: ['@bytecodealliance/*', 'esbuild'],
    logLevel: 'silent',
  });
  const outFile = join(outDir, `${name}.mjs`);
  const tmp = `${outFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, result.outputFiles[0]!.contents);
  await rename(tmp, outFile);
  return pathToFileURL(outFile);
}
