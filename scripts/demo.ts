// `npm run demo`: the runtime end to end on embedded defaults, with a readable trace.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ComponentInstance, createRuntime, isWasmError } from '@airssys/runtime';
import { airssysHostStub, guestPath } from '@airssys/test-guests';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const adderPath = [
  process.env.AIRSSYS_FIXTURES && join(process.env.AIRSSYS_FIXTURES, 'adder.component.wasm'),
  join(root, '..', 'shared', 'fixtures', 'third-party', 'jco', 'adder.component.wasm'),
].find((p): p is string => Boolean(p && existsSync(p)));

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const ok = (s: string) => console.log(`  ✓ ${s}`);
const bad = (s: string) => console.log(`  ✗ ${s}`);
const ms = (t0: number) => `${(performance.now() - t0).toFixed(1)} ms`;
const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: unknown) => new TextDecoder().decode(b as Uint8Array);
const message = (s: string) => ({
  sender: 'host',
  payload: text(s),
  correlationId: undefined,
  topic: undefined,
});
const HANDLE = 'airssys:core/component-lifecycle@1.0.0#handle-message';

const runtime = createRuntime({ log: (line) => console.log(dim(`    guest log ${line}`)) });
console.log(bold('airssys runtime demo'));
console.log(dim(`  cache: ${runtime.cacheDir}`));

// Host imports for the airssys world in plain objects; issue 4's actor layer binds the real ones.
const store = new Map<string, Uint8Array>();
const hostImports = airssysHostStub({
  store,
  override: {
    'airssys:core/host-services@1.0.0': {
      log: (level: string, line: string) => console.log(dim(`    [ts-echo ${level}] ${line}`)),
      currentTimeMs: () => BigInt(Date.now()),
    },
  },
});

const instances: ComponentInstance[] = [];
try {
  if (adderPath) {
    console.log(bold('\n1. adder (a third-party Rust component)'));
    let t0 = performance.now();
    const adder = await runtime.load(adderPath);
    ok(`loaded ${adder.hash.slice(0, 12)} (${adder.size} bytes) in ${ms(t0)}`);
    for (const isolation of ['inline', 'worker'] as const) {
      t0 = performance.now();
      const instance = await adder.instantiate({ isolation });
      instances.push(instance);
      const sum = await instance.call('docs:adder/add@0.1.0#add', 40, 2);
      ok(`${isolation}: add(40, 2) = ${sum}  (instantiate + call ${ms(t0)})`);
    }
  } else {
    console.log(dim('\n1. adder skipped: ../shared/fixtures not found (set AIRSSYS_FIXTURES)'));
  }

  console.log(bold('\n2. ts-echo (our TypeScript guest, built with componentize-js)'));
  let t0 = performance.now();
  const ts = await runtime.load(guestPath('ts-echo'));
  ok(`loaded ${ts.hash.slice(0, 12)} (${(ts.size / 1048576).toFixed(1)} MiB) in ${ms(t0)}`);
  for (const isolation of ['inline', 'worker'] as const) {
    t0 = performance.now();
    const guest = await ts.instantiate({ isolation, imports: hostImports, limits: { memory: '64MiB' } });
    instances.push(guest);
    ok(`${isolation}: instantiated in ${ms(t0)}`);
    ok(`${isolation}: "ping" → "${decode(await guest.call(HANDLE, message('ping')))}"`);
    ok(
      `${isolation}: "store:greeting=hello" → "${decode(await guest.call(HANDLE, message('store:greeting=hello')))}"`,
    );
    ok(`${isolation}: "load:greeting" → "${decode(await guest.call(HANDLE, message('load:greeting')))}"`);
    ok(
      `${isolation}: "log:hi from the guest" → "${decode(await guest.call(HANDLE, message('log:hi from the guest')))}"`,
    );
    const failure = await guest.call(HANDLE, message('hog')).catch((e: unknown) => e);
    if (isWasmError(failure))
      ok(`${isolation}: "hog" stopped at the 64 MiB cap → ${failure.code}; instance still ${guest.state}`);
    else bad(`${isolation}: "hog" was not stopped`);
  }

  console.log(bold('\n3. a guest that never returns, in a worker with a 500 ms deadline'));
  const hostile = await runtime.load(guestPath('hostile'));
  const spinner = await hostile.instantiate({ isolation: 'worker', limits: { timeoutMs: 500 } });
  instances.push(spinner);
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 10);
  t0 = performance.now();
  const timeout = await spinner.call('spin').catch((e: unknown) => e);
  clearInterval(ticker);
  if (isWasmError(timeout, 'TIMEOUT')) {
    ok(`spin() → ${timeout.code} after ${ms(t0)}; the host event loop ticked ${ticks} times meanwhile`);
  } else bad('spin() was not stopped');
  const fresh = await hostile.instantiate({ isolation: 'worker', limits: { timeoutMs: 500 } });
  instances.push(fresh);
  ok(`a fresh instance answers: add(2, 2) = ${await fresh.call('add', 2, 2)}`);
  const trap = await fresh.call('boom').catch((e: unknown) => e);
  if (isWasmError(trap)) ok(`boom() → ${trap.code}: ${trap.message}`);

  const stats = runtime.stats();
  console.log(bold('\nruntime'));
  console.log(
    `  transpiled ${stats.transpiled}, disk cache hits ${stats.diskHits}, memory hits ${stats.memoryHits}`,
  );
  console.log(dim('  run it again: every component now loads from the cache without transpiling.'));
} finally {
  await Promise.all(instances.map((i) => i.dispose()));
}
