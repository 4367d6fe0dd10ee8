// Instantiation with a warm cache (modules compiled), inline and in a worker, against bare baselines.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRuntime } from '@airssys/runtime';
import { airssysHostStub } from '@airssys/test-guests';
import { emit, readGuest } from './common.js';
import { median, type Row } from './harness.js';

const runtime = createRuntime({ cacheDir: mkdtempSync(join(tmpdir(), 'bench-')) });
const stubs = airssysHostStub();

async function timeMs(fn: () => unknown | Promise<unknown>, count: number, gapMs = 0): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

async function measure(name: 'tiny' | 'ts-echo', isolation: 'inline' | 'worker', count: number, gapMs = 0) {
  const component = await runtime.load(readGuest(name));
  await (await component.instantiate({ isolation, imports: stubs })).dispose(); // compiles the modules once
  const open: { dispose(): Promise<void> }[] = [];
  const ms = await timeMs(
    async () => open.push(await component.instantiate({ isolation, imports: stubs })),
    count,
    gapMs,
  );
  await Promise.all(open.map((i) => i.dispose()));
  return ms;
}

// Baselines: the same core modules instantiated by hand, and a bare worker's first message.
async function rawCore(name: 'tiny' | 'ts-echo', count: number) {
  const { transpile } = await import('@bytecodealliance/jco');
  const { files } = await transpile(readGuest(name), { name: 'raw', instantiation: 'sync' });
  const main = Object.entries(files).find(([n]) => n === 'raw.core.wasm')!;
  const module = await WebAssembly.compile(main[1] as Uint8Array<ArrayBuffer>);
  const imports: WebAssembly.Imports = {};
  for (const i of WebAssembly.Module.imports(module)) {
    imports[i.module] ??= {};
    (imports[i.module] as Record<string, unknown>)[i.name] =
      i.kind === 'function'
        ? () => 0
        : i.kind === 'table'
          ? new WebAssembly.Table({ initial: 0, element: 'anyfunc' })
          : undefined;
  }
  await new Promise((r) => setTimeout(r, 1500)); // let jco's tier-up settle (notes §1)
  return timeMs(() => new WebAssembly.Instance(module, imports), count);
}
const bareWorker = () =>
  timeMs(async () => {
    const w = new Worker(`require('node:worker_threads').parentPort.postMessage(1)`, {
      eval: true,
      execArgv: [],
    });
    await new Promise((r) => w.once('message', r));
    void w.terminate();
  }, 20);

const group = 'instantiate, warm cache';
const rows: Row[] = [
  {
    group,
    case: '`tiny`: raw core module, `new WebAssembly.Instance`',
    value: await rawCore('tiny', 2000),
    unit: 'ms',
  },
  {
    group,
    case: '`tiny` (WAT, no memory) inline',
    value: await measure('tiny', 'inline', 2000),
    unit: 'ms',
    baseline: '`tiny`: raw core module, `new WebAssembly.Instance`',
    target: '≤ 0.2 ms',
  },
  {
    group,
    case: '`ts-echo`: raw main core module (12 MB), `new WebAssembly.Instance`',
    value: await rawCore('ts-echo', 30),
    unit: 'ms',
  },
  {
    group,
    case: '`ts-echo` (componentize-js, 12 MB) inline',
    value: await measure('ts-echo', 'inline', 40),
    unit: 'ms',
    baseline: '`ts-echo`: raw main core module (12 MB), `new WebAssembly.Instance`',
    target: '≤ 8 ms',
  },
  { group, case: 'bare `new Worker` → first message', value: await bareWorker(), unit: 'ms' },
  {
    group,
    case: '`tiny` in a worker, back to back (pool drained)',
    value: await measure('tiny', 'worker', 20),
    unit: 'ms',
    baseline: 'bare `new Worker` → first message',
  },
  {
    group,
    case: '`tiny` in a worker from the warm pool',
    value: await measure('tiny', 'worker', 20, 150),
    unit: 'ms',
    baseline: 'bare `new Worker` → first message',
  },
  {
    group,
    case: '`ts-echo` in a worker from the warm pool',
    value: await measure('ts-echo', 'worker', 15, 150),
    unit: 'ms',
    baseline: 'bare `new Worker` → first message',
  },
];
emit(rows);
