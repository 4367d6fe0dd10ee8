// Loads one component in a fresh process and prints what the runtime's caches did, as JSON.
import { createRuntime } from '../../src/index.js';

const [cacheDir, path] = process.argv.slice(2);
const runtime = createRuntime({ cacheDir: cacheDir! });
const started = performance.now();
const component = await runtime.load(path!);
const ms = performance.now() - started;
const instance = await component.instantiate();
const sum = await instance.call('docs:adder/add@0.1.0#add', 1, 2);
console.log(JSON.stringify({ ...runtime.stats(), ms, sum, hash: component.hash }));
