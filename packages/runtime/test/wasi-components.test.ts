// Real third-party components (jco's own fixtures) run on our WASI host, transpiled with jco 1.13.0.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { transpile } from '@bytecodealliance/jco';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { createWasi, WASI_INTERFACES, type WasiOptions } from '../src/wasi/index.js';
import { readJcoFixture } from './helpers/fixtures.js';

/** The part of the WebAssembly global these tests use (the package's `lib` does not declare it). */
interface WasmGlobal {
  Module: new (bytes: Uint8Array) => object;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;

type Instantiate = (
  getCoreModule: (name: string) => object,
  imports: Record<string, unknown>,
) => Record<string, unknown>;

interface Transpiled {
  glue: string;
  modules: Record<string, object>;
}

const transpiled = new Map<string, Promise<Transpiled>>();

/** Transpiles a fixture once per file run, the way the runtime does (sync instantiation, no Node shims). */
function load(name: string): Promise<Transpiled> {
  let result = transpiled.get(name);
  if (result === undefined) {
    result = transpile(readJcoFixture(name), { name: 'c', instantiation: 'sync', nodejsCompat: false }).then(
      ({ files }) => {
        const modules: Record<string, object> = {};
        for (const [file, bytes] of Object.entries(files)) {
          if (file.endsWith('.wasm')) modules[file] = new wasm.Module(bytes);
        }
        return { glue: new TextDecoder().decode(files['c.js']), modules };
      },
    );
    transpiled.set(name, result);
  }
  return result;
}

function evaluate(glue: string): Instantiate {
  const body = glue.replace(/^export function instantiate\(/m, 'function instantiate(');
  return new Function(`${body}\nreturn instantiate;`)() as Instantiate;
}

/**
 * jco 1.13.0 marks only some tables of component-defined resources in `definedResourceTables`, so a borrow
 * passed into a WASI-Virt layer arrives as a handle instead of a rep and the layer's writes go nowhere.
 * Marking every table that has a `[resource-new]` makes the composition forward to the host as it should.
 */
function fixDefinedResourceTables(glue: string): string {
  const defined: boolean[] = [];
  for (const match of glue.matchAll(/rscTableCreateOwn\.bind\(null, handleTable(\d+)\)/g))
    defined[Number(match[1])] = true;
  const fixed = glue.replace(
    /const definedResourceTables = .*;/,
    `const definedResourceTables = ${JSON.stringify(defined)};`,
  );
  expect(fixed).not.toBe(glue);
  return fixed;
}

async function instantiate(name: string, options: WasiOptions, patch?: (glue: string) => string) {
  const { glue, modules } = await load(name);
  const wasi = createWasi(options);
  const exports = evaluate(patch ? patch(glue) : glue)((file) => modules[file]!, wasi.imports);
  return { exports, wasi };
}

function collector() {
  const chunks: Uint8Array[] = [];
  const sink = (bytes: Uint8Array) => void chunks.push(bytes);
  const text = () => Buffer.concat(chunks).toString('utf8');
  return { sink, text };
}

let scratch: string | undefined;
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Runs a fixture's `run` in a worker with our WASI bundled by esbuild; a hang fails after `deadlineMs`. */
async function runInWorker(name: string, deadlineMs: number): Promise<{ stdout: string; ms: number }> {
  scratch ??= mkdtempSync(join(tmpdir(), 'airssys-wasi-worker-'));
  const dir = mkdtempSync(join(scratch, 'run-'));
  const { glue, modules } = await load(name);
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../src/wasi/index.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'wasi.mjs'), bundle.outputFiles[0]!.contents);
  writeFileSync(join(dir, 'glue.mjs'), glue);
  writeFileSync(
    join(dir, 'run.mjs'),
    `import { parentPort, workerData } from 'node:worker_threads';
     import { createWasi } from './wasi.mjs';
     import { instantiate } from './glue.mjs';
     const chunks = [];
     const wasi = createWasi({ stdout: (b) => chunks.push(b) });
     const started = performance.now();
     instantiate((n) => workerData.modules[n], wasi.imports).run.run();
     parentPort.postMessage({ stdout: Buffer.concat(chunks).toString(), ms: performance.now() - started });`,
  );
  const worker = new Worker(pathToFileURL(join(dir, 'run.mjs')), { workerData: { modules } });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`\`${name}\` still running after ${deadlineMs} ms`)),
        deadlineMs,
      );
      worker.once('message', (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } finally {
    await worker.terminate();
  }
}

describe('third-party components on our WASI', () => {
  it('reads imports by interface name without version, all of which we provide', async () => {
    for (const name of [
      'hello_stdout.component.wasm',
      'stdout-pollable-hang.component.wasm',
      'stdio.composed.wasm',
    ]) {
      const { glue } = await load(name);
      const keys = [...glue.matchAll(/imports\['([^']+)'\]/g)].map((match) => match[1]);
      expect(keys.length, name).toBeGreaterThan(0);
      for (const key of keys) expect(WASI_INTERFACES, `${name}: ${key}`).toContain(key);
    }
  }, 60_000);

  it('captures hello_stdout output in the stdout callback', async () => {
    const out = collector();
    const err = collector();
    const { exports, wasi } = await instantiate('hello_stdout.component.wasm', {
      stdout: out.sink,
      stderr: err.sink,
    });
    (exports.run as { run: () => void }).run();
    expect(out.text()).toBe('writing to stdout: hello, world\n');
    expect(err.text()).toBe('writing to stderr: hello, world\n');
    expect(wasi.exitCode).toBeUndefined();
  }, 60_000);

  it('finishes stdout-pollable-hang in a worker thread (jco issue 550)', async () => {
    const result = await runInWorker('stdout-pollable-hang.component.wasm', 20_000);
    // A wrong stdout pollable hangs until the 20 s deadline; a right one finishes well before it.
    expect(result.ms).toBeLessThan(15_000);
  }, 60_000);

  it('runs hello_stdout in a worker thread with our WASI bundled', async () => {
    const result = await runInWorker('hello_stdout.component.wasm', 20_000);
    expect(result.stdout).toBe('writing to stdout: hello, world\n');
  }, 60_000);

  it('shows env-allow exactly what its virt layer lets through of the env we give', async () => {
    const { exports } = await instantiate('env-allow.composed.wasm', {
      env: { PUBLIC_VAR: 'x', PRIVATE_TOKEN: 'y' },
    });
    expect((exports.testGetEnv as () => unknown)()).toEqual([
      ['CUSTOM', 'VAL'],
      ['PUBLIC_VAR', 'x'],
    ]);
  }, 60_000);

  it('traps in env-allow test-file-read (unimplemented in the guest) and the host survives', async () => {
    const err = collector();
    const { exports } = await instantiate('env-allow.composed.wasm', { stderr: err.sink });
    expect(() => (exports.testFileRead as (path: string) => string)('/etc/passwd')).toThrow(/unreachable/);
    expect(err.text()).toContain('not implemented');
  }, 60_000);

  it('delivers stdio test-stdio output to stdout once the glue marks its resource tables', async () => {
    const out = collector();
    const { exports } = await instantiate(
      'stdio.composed.wasm',
      { stdout: out.sink },
      fixDefinedResourceTables,
    );
    (exports.testStdio as () => void)();
    expect(out.text()).toBe('Hello world\n');
  }, 60_000);

  it('runs stdio test-stdio on unpatched jco 1.13.0 glue, where its write is lost', async () => {
    const out = collector();
    const { exports } = await instantiate('stdio.composed.wasm', { stdout: out.sink });
    expect(() => (exports.testStdio as () => void)()).not.toThrow();
    expect(out.text()).toBe('');
  }, 60_000);
});
