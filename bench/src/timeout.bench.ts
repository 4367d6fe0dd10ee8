// How far past its deadline an infinite loop in a worker instance is stopped, against a bare worker.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRuntime } from '@airssys/runtime';
import { emit, readGuest } from './common.js';
import { median, type Row } from './harness.js';

const DEADLINE = 100;
const RUNS = 7;
const runtime = createRuntime({ cacheDir: mkdtempSync(join(tmpdir(), 'bench-')), warmWorkers: 2 });
const hostile = await runtime.load(readGuest('hostile'));

async function airssysOvershoot(): Promise<number> {
  const instance = await hostile.instantiate({ isolation: 'worker', limits: { timeoutMs: DEADLINE } });
  const t0 = performance.now();
  await instance.call('spin').catch(() => {});
  const overshoot = performance.now() - t0 - DEADLINE;
  await instance.dispose();
  return overshoot;
}

async function bareOvershoot(): Promise<number> {
  const worker = new Worker('for (;;) {}', { eval: true, execArgv: [] });
  await new Promise((r) => setTimeout(r, 30)); // let it start looping
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    setTimeout(() => {
      void worker.terminate();
    }, DEADLINE);
    worker.once('exit', () => resolve());
  });
  return performance.now() - t0 - DEADLINE;
}

const bare: number[] = [];
const ours: number[] = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(await bareOvershoot());
  ours.push(await airssysOvershoot());
}
const group = `infinite loop in a worker, ${DEADLINE} ms deadline: time past the deadline`;
const rows: Row[] = [
  { group, case: 'bare worker: `setTimeout` → `terminate()` → `exit`', value: median(bare), unit: 'ms' },
  {
    group,
    case: 'airssys: `call()` rejects with `TIMEOUT`',
    value: median(ours),
    unit: 'ms',
    baseline: 'bare worker: `setTimeout` → `terminate()` → `exit`',
    target: 'a few ms',
  },
];
emit(rows);
