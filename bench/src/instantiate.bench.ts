// Instantiation with a warm cache (modules compiled), inline and in a worker.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '@airssys/runtime';
import { emit, readGuest } from './common.js';
import { median, type Row } from './harness.js';

const runtime = createRuntime({ cacheDir: mkdtempSync(join(tmpdir(), 'bench-')) });
const stubs = {
  'airssys:core/host-services@1.0.0': {
    log: () => {},
    currentTimeMs: () => 0n,
    listComponents: () => [],
    getComponentMetadata: () => undefined,
  },
  'airssys:core/storage@1.0.0': {
    get: () => undefined,
    set: () => {},
    delete: () => false,
    exists: () => false,
    listKeys: () => [],
    usage: () => ({ bytes: 0n, keys: 0n }),
  },
  'airssys:core/host-messaging@1.0.0': {
    send: () => {},
    request: () => '',
    cancelRequest: () => {},
    broadcast: () => 0,
    publish: () => {},
    selfId: () => ({ namespace: 'a', name: 'b', instance: '0' }),
  },
};

async function measure(name: 'tiny' | 'echo' | 'ts-echo', isolation: 'inline' | 'worker', count: number) {
  const component = await runtime.load(readGuest(name));
  const first = await component.instantiate({ isolation, imports: stubs }); // compiles the modules once
  await first.dispose();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    const instance = await component.instantiate({ isolation, imports: stubs });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    await instance.dispose();
  }
  return median(samples);
}

const group = 'instantiate, warm cache';
const tinyInline = await measure('tiny', 'inline', 2000);
const echoInline = await measure('echo', 'inline', 1000);
const tsInline = await measure('ts-echo', 'inline', 40);
const tinyWorker = await measure('tiny', 'worker', 30);
const tsWorker = await measure('ts-echo', 'worker', 15);
const rows: Row[] = [
  { group, case: '`tiny` (WAT, no memory) inline', value: tinyInline, unit: 'ms', target: '≤ 0.2 ms' },
  { group, case: '`echo` (WAT) inline', value: echoInline, unit: 'ms' },
  { group, case: '`ts-echo` (componentize-js, 12 MB) inline', value: tsInline, unit: 'ms', target: '≤ 8 ms' },
  { group, case: '`tiny` in a new worker (Module posted)', value: tinyWorker, unit: 'ms' },
  { group, case: '`ts-echo` in a new worker (Module posted)', value: tsWorker, unit: 'ms' },
];
emit(rows);
