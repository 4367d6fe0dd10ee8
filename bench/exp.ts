import { createRuntime } from '@airssys/runtime';
import { readGuest } from '@airssys/test-guests';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const rt = createRuntime({ cacheDir: join(tmpdir(), 'airssys-test-cache'), log: () => {}, warmWorkers: Number(process.env.WW ?? 1) });
const h = await rt.load(readGuest('hostile'));
const w = await h.instantiate({ isolation: 'worker' });
for (let i = 0; i < 2000; i++) await w.call('add', 1, 2);
let t0 = performance.now();
for (let i = 0; i < 5000; i++) await w.call('add', i, 2);
console.log('add back-to-back µs', ((performance.now() - t0) / 5000 * 1000).toFixed(2));
const s: number[] = [];
for (let i = 0; i < 5000; i++) { const a = process.hrtime.bigint(); await w.call('add', i, 2); s.push(Number(process.hrtime.bigint() - a)); }
s.sort((a, b) => a - b);
console.log('add p10/p50/p90 µs', s[500]/1000, s[2500]/1000, s[4500]/1000);
await w.dispose();
