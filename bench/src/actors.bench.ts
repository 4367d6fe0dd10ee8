// Components talking through the broker with wasm on both sides, spawning and restarting actors.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActorSystem, createHostImports } from '@airssys/actor';
import { createAuditLogger, createMemorySink } from '@airssys/audit';
import { type Broker, createBroker } from '@airssys/broker';
import { silentLogger, systemClock } from '@airssys/core';
import { createQuotaLedger } from '@airssys/quota';
import { createRuntime, type HostImports, type LoadedComponent } from '@airssys/runtime';
import { createCapabilityRegistry, parseGrant } from '@airssys/security-capability';
import { createMemoryStorage, scopeStorage } from '@airssys/storage';
import { readGuest } from '@airssys/test-guests';
import { emit } from './common.js';
import { median, type Row } from './harness.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'bench-'));
const runtime = createRuntime({ cacheDir, log: () => {} });
const relay = await runtime.load(readGuest('relay'));
// The same component on a runtime that never recycles memories: every instance maps a fresh one.
const freshRelay = await createRuntime({ cacheDir, log: () => {}, memoryPoolBytes: 0 }).load(
  readGuest('relay'),
);
const text = (s: string) => new TextEncoder().encode(s);

/** A world: broker, actor system, and host imports with the full security path or a bare one. */
function world(secure: boolean, auditAllowed: boolean | 'first' = 'first') {
  const broker = createBroker({ mailboxCapacity: 100_000 });
  const system = createActorSystem({
    broker,
    supervisor: {
      strategy: 'one-for-one',
      // Never escalate, yet keep the restart log as short as real settings do (3 in 5 s): at ~5k restarts/s a
      // 10 ms window holds ~50; a 1 s window would hold thousands, and the log is copied on every restart.
      intensity: { maxRestarts: 100_000, windowMs: 10 },
      backoff: { initialMs: 0, maxMs: 0 },
    },
  });
  const audit = createAuditLogger({ sinks: [createMemorySink({ capacity: 1000 })] });
  const capabilities = createCapabilityRegistry({ audit, auditAllowed });
  const ledger = createQuotaLedger({ audit, defaults: { 'message-rate': 1e9 } });
  const storage = createMemoryStorage();
  const registered = new Set<string>();
  const imports = (id: string): HostImports => {
    if (!secure) {
      return {
        'airssys:core/host-messaging@1.0.0': {
          send: (to: string, payload: Uint8Array) => {
            const r = broker.send(id, to, payload);
            if (!r.ok) throw r.error.toWit();
          },
        },
      };
    }
    // Grants and quotas are registered once per id, as the host does at spawn; a restart only binds imports.
    if (!registered.has(id)) {
      registered.add(id);
      capabilities.register(id, [parseGrant('messaging', 'send:bench/*')]);
      ledger.register(id, { 'message-rate': 1e9 });
    }
    return createHostImports({
      id,
      broker,
      capabilities,
      storage: scopeStorage(storage, id),
      quota: ledger.for(id),
      clock: systemClock,
      logger: silentLogger,
      directory: { list: () => [], metadata: () => undefined },
      callback: () => {},
    });
  };
  return { broker, system, imports };
}

/**
 * One round of fire-and-forget through a pair: `count` messages to `first`, in batches of 1000, each batch
 * drained before the next (every message is handled twice, by `first` and by the one it forwards to).
 * Returns messages per second.
 */
async function pairRound(broker: Broker, first: string, payload: Uint8Array, count: number): Promise<number> {
  const before = broker.stats().handled;
  const t0 = performance.now();
  for (let sent = 0; sent < count; sent += 1000) {
    for (let i = 0; i < 1000; i++) broker.send('host', first, payload);
    while (broker.stats().handled - before < (sent + 1000) * 2) await new Promise((r) => setImmediate(r));
  }
  return count / ((performance.now() - t0) / 1000);
}

/** One relay world ready for fire-and-forget rounds: `round()` returns messages per second. */
async function relayPair(secure: boolean, auditAllowed: boolean | 'first' = 'first') {
  const w = world(secure, auditAllowed);
  await w.system.spawn({ id: 'bench/relay', component: relay, imports: () => w.imports('bench/relay') });
  await w.system.spawn({ id: 'bench/sink', component: relay, imports: () => w.imports('bench/sink') });
  const payload = text('>0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde');
  return {
    round: (count: number) => pairRound(w.broker, 'bench/relay', payload, count),
    shutdown: () => w.system.shutdown(),
  };
}

/** The fire-and-forget variants measured round by round in turn, so drift hits them alike. */
async function fireAndForget(count: number): Promise<Record<'js' | 'bare' | 'secure' | 'auditAll', number>> {
  const variants = {
    js: jsPair(),
    bare: await relayPair(false),
    secure: await relayPair(true),
    auditAll: await relayPair(true, true),
  };
  const keys = Object.keys(variants) as (keyof typeof variants)[];
  const rates = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<
    keyof typeof variants,
    number[]
  >;
  for (let round = 0; round < 7; round++) {
    for (const key of keys) {
      const rate = await variants[key].round(count);
      if (round > 0) rates[key].push(rate);
    }
  }
  for (const v of Object.values(variants)) await v.shutdown();
  return {
    js: median(rates.js),
    bare: median(rates.bare),
    secure: median(rates.secure),
    auditAll: median(rates.auditAll),
  };
}

/** The same pair with plain JS handlers and no wasm: `round()` returns messages per second. */
function jsPair() {
  const broker = createBroker({ mailboxCapacity: 100_000 });
  broker.register('bench/a', (e) => void broker.send('bench/a', 'bench/b', e.payload));
  broker.register('bench/b', () => {});
  const payload = text('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
  return {
    round: (count: number) => pairRound(broker, 'bench/a', payload, count),
    shutdown: () => broker.close(),
  };
}

async function requestRoundTrip(isolation: 'inline' | 'worker', count: number): Promise<number> {
  const w = world(true);
  await w.system.spawn({
    id: 'bench/echo',
    component: relay,
    instance: { isolation },
    imports: () => w.imports('bench/echo'),
  });
  const payload = text('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
  for (let i = 0; i < 500; i++) await w.broker.request('host', 'bench/echo', payload).reply;
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await w.broker.request('host', 'bench/echo', payload).reply;
    samples.push(Number(process.hrtime.bigint() - t0));
  }
  await w.system.shutdown();
  return median(samples);
}

/** Spawns per second of `count` actors that all stay alive, each round in a fresh system; median of rounds. */
async function spawnRate(component: LoadedComponent, count: number, rounds: number): Promise<number> {
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const w = world(true);
    const t0 = performance.now();
    for (let i = 0; i < count; i++)
      await w.system.spawn({ id: `bench/a${i}`, component, imports: () => w.imports(`bench/a${i}`) });
    rates.push(count / ((performance.now() - t0) / 1000));
    await w.system.shutdown();
  }
  return median(rates.slice(1));
}

/** Spawn-then-stop pairs per second: short-lived actors, whose memories the runtime recycles. */
async function churnRate(count: number): Promise<number> {
  const w = world(true);
  const rates: number[] = [];
  for (let round = 0; round < 4; round++) {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const id = `bench/c${round}-${i}`;
      await w.system.spawn({ id, component: relay, imports: () => w.imports(id) });
      await w.system.stop(id);
    }
    rates.push(count / ((performance.now() - t0) / 1000));
  }
  await w.system.shutdown();
  return median(rates.slice(1));
}

/** `instantiate()` per second, `count` instances kept open, as spawn keeps its actors. */
async function instantiateRate(component: LoadedComponent, count: number, rounds: number): Promise<number> {
  const imports = { 'airssys:core/host-messaging@1.0.0': { send: () => {} } };
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    const open = [];
    for (let i = 0; i < count; i++) open.push(await component.instantiate({ imports }));
    rates.push(count / ((performance.now() - t0) / 1000));
    await Promise.all(open.map((o) => o.dispose()));
  }
  return median(rates.slice(1));
}

/**
 * The floor under any of these: V8 alone instantiating the relay's main core module, which brings a fresh
 * one-page memory (no glue, no shim modules, nothing of airssys). Read from the runtime's disk cache.
 */
function v8FloorRate(count: number, rounds: number): number {
  const entry = readdirSync(cacheDir).find((d) => existsSync(join(cacheDir, d, 'component.core3.wasm')))!;
  const module = new WebAssembly.Module(readFileSync(join(cacheDir, entry, 'component.core.wasm')));
  const imports = { 'cm32p2|airssys:core/host-messaging@1': { send: () => {} } };
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    const open = [];
    for (let i = 0; i < count; i++) open.push(new WebAssembly.Instance(module, imports));
    rates.push(count / ((performance.now() - t0) / 1000));
  }
  return median(rates.slice(1));
}

async function restartRate(count: number): Promise<number> {
  const w = world(true);
  const actor = await w.system.spawn({
    id: 'bench/phoenix',
    component: relay,
    imports: () => w.imports('bench/phoenix'),
  });
  const rates: number[] = [];
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const restarted = new Promise((r) => w.system.once('restarted', r));
      actor.emit('failed', { id: actor.id, error: new Error('bench') });
      await restarted;
    }
    rates.push(count / ((performance.now() - t0) / 1000));
  }
  await w.system.shutdown();
  return median(rates.slice(1));
}

const FF = 20_000;
const { js: base, bare, secure, auditAll } = await fireAndForget(FF);
const ff =
  'fire-and-forget, component → component through the broker, wasm (WAT relay) on both sides, inline';
const rt = 'request/response round trip, host → component (WAT) → reply';
const sp = 'spawning and restarting component actors (WAT relay, warm cache, inline)';
const rows: Row[] = [
  { group: ff, case: 'JS handlers only, no wasm (baseline)', value: base, unit: 'ops/s' },
  {
    group: ff,
    case: 'wasm both sides, host imports without checks',
    value: bare,
    unit: 'ops/s',
    baseline: 'JS handlers only, no wasm (baseline)',
  },
  {
    group: ff,
    case: 'wasm both sides, capability + quota + audit (host default: each allowance audited when first decided)',
    value: secure,
    unit: 'ops/s',
    baseline: 'JS handlers only, no wasm (baseline)',
    target: '≥ 250 000 msg/s',
  },
  {
    group: ff,
    case: "wasm both sides, capability + quota + audit of every allowed send (`auditAllowed: 'all'`)",
    value: auditAll,
    unit: 'ops/s',
    baseline: 'JS handlers only, no wasm (baseline)',
  },
  {
    group: ff,
    case: `security path share of a message's cost: ${(((1 / secure - 1 / bare) / (1 / secure)) * 100).toFixed(1)} %`,
    value: 1e9 / secure - 1e9 / bare,
    unit: 'ns',
  },
  { group: rt, case: 'inline', value: await requestRoundTrip('inline', 5000), unit: 'ns', target: '≤ 15 µs' },
  { group: rt, case: 'worker', value: await requestRoundTrip('worker', 5000), unit: 'ns', target: '≤ 50 µs' },
  {
    group: sp,
    case: 'V8 alone: `new WebAssembly.Instance` of the main core module, fresh memory (floor)',
    value: v8FloorRate(1000, 4),
    unit: 'ops/s',
  },
  {
    group: sp,
    case: 'bare `instantiate()` of the same component, fresh memories (baseline)',
    value: await instantiateRate(freshRelay, 1000, 4),
    unit: 'ops/s',
  },
  {
    group: sp,
    case: '`system.spawn()` of actors that stay alive, fresh memories: instance + initialize + mailbox + supervisor + grants',
    value: await spawnRate(freshRelay, 1000, 4),
    unit: 'ops/s',
    baseline: 'bare `instantiate()` of the same component, fresh memories (baseline)',
    target: '≥ 10 000/s',
  },
  {
    group: sp,
    case: '`system.spawn()` + `system.stop()` of short-lived actors (recycled memories)',
    value: await churnRate(1000),
    unit: 'ops/s',
    baseline: 'bare `instantiate()` of the same component, fresh memories (baseline)',
  },
  {
    group: sp,
    case: 'supervised restart (fresh instance, same id and mailbox)',
    value: await restartRate(1000),
    unit: 'ops/s',
    baseline: 'bare `instantiate()` of the same component, fresh memories (baseline)',
    target: '≥ 5 000/s',
  },
];
emit(rows);
