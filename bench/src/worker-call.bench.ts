// Worker call round trip with a 64-byte payload: the SharedArrayBuffer channel against plain postMessage.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRuntime } from '@airssys/runtime';
import { echoImports, echoMessage, emit, HANDLE, readGuest } from './common.js';
import { type Row, timeEach } from './harness.js';

const COUNT = 20_000;
const msg = echoMessage(64);
const runtime = createRuntime({ cacheDir: mkdtempSync(join(tmpdir(), 'bench-')) });
const echo = await runtime.load(readGuest('echo'));

// Baseline: a bare worker that answers postMessage with the same bytes (no wasm at all).
const plain = new Worker(
  `const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m));`,
  { eval: true },
);
const plainRoundTrip = () =>
  new Promise((resolve) => {
    plain.once('message', resolve);
    plain.postMessage(msg.payload);
  });
const postMessageNs = await timeEach(plainRoundTrip, COUNT);
await plain.terminate();

const worker = await echo.instantiate({ isolation: 'worker', imports: echoImports });
const workerNs = await timeEach(() => worker.call(HANDLE, msg), COUNT);
const withImportNs = await timeEach(() => worker.call(HANDLE, echoMessage(1)), COUNT);
await worker.dispose();

const inline = await echo.instantiate({ imports: echoImports });
const inlineNs = await timeEach(() => inline.call(HANDLE, msg), COUNT);

const group = 'worker call round trip, echo 64 B';
const rows: Row[] = [
  { group, case: 'plain `postMessage` round trip, no wasm (baseline)', value: postMessageNs, unit: 'ns' },
  {
    group,
    case: 'airssys inline `call()`',
    value: inlineNs,
    unit: 'ns',
    baseline: 'plain `postMessage` round trip, no wasm (baseline)',
  },
  {
    group,
    case: 'airssys worker `call()`',
    value: workerNs,
    unit: 'ns',
    baseline: 'plain `postMessage` round trip, no wasm (baseline)',
    target: 'median ≤ 10 µs',
  },
  {
    group,
    case: 'airssys worker `call()`, 1 B payload + bridged host import',
    value: withImportNs,
    unit: 'ns',
    baseline: 'plain `postMessage` round trip, no wasm (baseline)',
  },
];
emit(rows);
