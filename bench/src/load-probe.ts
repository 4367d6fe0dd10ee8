// Child process of load.ts: one load, timed.
import { createRuntime } from '@airssys/runtime';

const [cacheDir, path] = process.argv.slice(2);
const runtime = createRuntime({ cacheDir: cacheDir! });
const t0 = performance.now();
await runtime.load(path!);
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, transpiled: runtime.stats().transpiled }));
