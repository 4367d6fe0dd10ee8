import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { componentWit, print, transpile } from '@bytecodealliance/jco';
import { beforeAll, describe, expect, it } from 'vitest';
import { GUESTS, type GuestName, guestPath, readGuest } from '../src/index.js';

// Node has WebAssembly; lib ES2023 without DOM does not declare it.
declare const WebAssembly: { Module: new (bytes: Uint8Array) => object; RuntimeError: new () => Error };

type Imports = Record<string, Record<string, (...args: never[]) => unknown>>;
interface Message {
  sender: string;
  payload: Uint8Array;
  correlationId?: string;
  topic?: string;
}
/** The `component-lifecycle` exports as jco 1.13.0 glue presents them (`err` arrives as a thrown `payload`). */
interface Lifecycle {
  initialize(config: [string, string][]): void;
  handleMessage(msg: Message): Uint8Array | undefined;
  handleCallback(correlationId: string, outcome: { tag: 'ok' | 'err'; val: unknown }): void;
  metadata(): { name: string; version: string; description: string };
  health(): string;
  shutdown(): void;
}
interface AirssysGuest {
  componentLifecycle: Lifecycle;
}
interface HostileGuest {
  boom(): void;
  recurse(depth: number): number;
  add(a: number, b: number): number;
  echo(bytes: Uint8Array): Uint8Array;
}
interface TinyGuest {
  ping(): number;
}
interface Glue<T> {
  instantiate(getCoreModule: (name: string) => object, imports: Imports): T;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
/** jco's own package.json (its `exports` map hides it), found from its entry point `src/api.js`. */
const JCO_PACKAGE = join(
  createRequire(import.meta.url).resolve('@bytecodealliance/jco'),
  '../../package.json',
);
const JCO_VERSION = (JSON.parse(readFileSync(JCO_PACKAGE, 'utf8')) as { version: string }).version;
const TRANSPILED = fileURLToPath(new URL('../.cache/transpiled/', import.meta.url));
mkdirSync(TRANSPILED, { recursive: true });

/**
 * Transpiles a built guest with jco 1.13.0 (sync instantiation) and returns a factory of fresh instances.
 * The output is kept in `.cache/transpiled/<name>-<hash>/` (older builds of the guest are removed): a 12 MB
 * guest takes 6–15 s to transpile.
 */
async function loadGuest<T>(name: GuestName): Promise<(imports: Imports) => T> {
  const bytes = readGuest(name);
  const hash = createHash('sha256').update(bytes).update(`jco@${JCO_VERSION}/sync`).digest('hex');
  const dir = join(TRANSPILED, `${name}-${hash.slice(0, 32)}`);
  if (!existsSync(join(dir, 'g.mjs'))) {
    const { files } = await transpile(bytes, { name: 'g', instantiation: 'sync', nodejsCompat: false });
    const tmp = mkdtempSync(`${dir}.tmp-`);
    for (const [file, content] of Object.entries(files)) {
      if (!file.includes('/')) writeFileSync(join(tmp, file.replace(/\.js$/, '.mjs')), content);
    }
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another run got there first
    }
    for (const old of readdirSync(TRANSPILED)) {
      if (new RegExp(`^${name}-[0-9a-f]{32}$`).test(old) && join(TRANSPILED, old) !== dir) {
        rmSync(join(TRANSPILED, old), { recursive: true, force: true });
      }
    }
  }
  const glue = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'g.mjs')).href)) as Glue<T>;
  const modules = new Map<string, object>();
  const getCoreModule = (file: string) =>
    modules.get(file) ?? modules.set(file, new WebAssembly.Module(readFileSync(join(dir, file)))).get(file)!;
  return (imports) => glue.instantiate(getCoreModule, imports);
}

/** Host imports of the airssys world, backed by plain arrays and a Map; `self` is the `self-id`. */
function fakeHost(self = 'local/guest') {
  const logs: [string, string][] = [];
  const store = new Map<string, Uint8Array>();
  /** Every `host-messaging` call but `self-id`, payloads decoded as utf-8. */
  const calls: unknown[][] = [];
  /** Targets and topics the host refuses with `denied`. */
  const denied = new Set<string>();
  const refuse = (what: string) => {
    if (denied.has(what)) throw { tag: 'denied', val: what };
  };
  const [namespace, name] = self.split('/');
  const imports: Imports = {
    'airssys:core/host-services': {
      log: (level: string, message: string) => void logs.push([level, message]),
      currentTimeMs: () => 1_700_000_000_123n,
      listComponents: () => [],
      getComponentMetadata: () => undefined,
    },
    'airssys:core/storage': {
      get: (key: string) => store.get(key),
      set: (key: string, value: Uint8Array) => {
        if (key.startsWith('secret/')) throw { tag: 'denied', val: `write:${key}` };
        if (store.size >= 4 && !store.has(key)) throw { tag: 'quota-exceeded', val: 'at most 4 keys' };
        store.set(key, value);
      },
      delete: (key: string) => store.delete(key),
      exists: (key: string) => store.has(key),
      listKeys: (prefix: string) => [...store.keys()].filter((k) => k.startsWith(prefix)).sort(),
      usage: () => ({
        bytes: BigInt([...store.values()].reduce((n, v) => n + v.length, 0)),
        keys: BigInt(store.size),
      }),
    },
    'airssys:core/host-messaging': {
      send: (target: string, payload: Uint8Array) => {
        calls.push(['send', target, dec.decode(payload)]);
        refuse(target);
      },
      request: (target: string, payload: Uint8Array, timeoutMs: number) => {
        calls.push(['request', target, dec.decode(payload), timeoutMs]);
        refuse(target);
        return `corr-${calls.length}`;
      },
      cancelRequest: (id: string) => void calls.push(['cancel-request', id]),
      broadcast: () => 0,
      publish: (topic: string, payload: Uint8Array) => {
        calls.push(['publish', topic, dec.decode(payload)]);
        refuse(topic);
      },
      selfId: () => ({ namespace, name, instance: '' }),
    },
  };
  return { logs, store, calls, denied, imports };
}

const message = (payload: string | Uint8Array, extra: Partial<Message> = {}): Message => ({
  sender: 'host',
  payload: typeof payload === 'string' ? enc.encode(payload) : payload,
  ...extra,
});

/** The `err` of a lifecycle call (jco throws it with `payload`); fails the test when the call succeeds. */
function errOf(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return (e as { payload?: unknown }).payload;
  }
  throw new Error('expected the call to return err');
}

describe('guests', () => {
  const expectedWit: Record<GuestName, { has: string[]; lacks: string[] }> = {
    echo: {
      has: ['import airssys:core/host-services@1.0.0;', 'export airssys:core/component-lifecycle@1.0.0;'],
      lacks: ['host-messaging', 'airssys:core/storage', 'wasi:'],
    },
    hostile: {
      has: [
        'export spin: func();',
        'export hog: func(pages-per-step: u32) -> u32;',
        'export hog-trap: func();',
        'export boom: func();',
        'export recurse: func(depth: u32) -> u32;',
        'export add: func(a: u32, b: u32) -> u32;',
        'export echo: func(bytes: list<u8>) -> list<u8>;',
      ],
      lacks: ['import '],
    },
    relay: {
      has: ['import airssys:core/host-messaging@1.0.0;', 'export airssys:core/component-lifecycle@1.0.0;'],
      lacks: ['host-services', 'airssys:core/storage', 'wasi:'],
    },
    tiny: { has: ['export ping: func() -> u32;'], lacks: ['import '] },
    'ts-actor': {
      has: [
        'import airssys:core/host-messaging@1.0.0;',
        'import airssys:core/host-services@1.0.0;',
        'import airssys:core/storage@1.0.0;',
        'export airssys:core/component-lifecycle@1.0.0;',
      ],
      lacks: ['wasi:'],
    },
    'ts-echo': {
      has: [
        'import airssys:core/host-messaging@1.0.0;',
        'import airssys:core/host-services@1.0.0;',
        'import airssys:core/storage@1.0.0;',
        'export airssys:core/component-lifecycle@1.0.0;',
      ],
      lacks: ['wasi:'],
    },
  };

  it.each(GUESTS)('builds %s as a component with its world', async (name) => {
    const bytes = readGuest(name);
    expect([...bytes.subarray(0, 8)]).toEqual([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);
    const wit = await componentWit(bytes);
    for (const line of expectedWit[name].has) expect(wit).toContain(line);
    for (const text of expectedWit[name].lacks) expect(wit).not.toContain(text);
  });

  it('names the build command when a guest is unknown', () => {
    expect(() => guestPath('nope' as GuestName)).toThrow(/Unknown guest `nope`/);
  });
});

describe('echo', () => {
  let create: (imports: Imports) => AirssysGuest;
  beforeAll(async () => {
    create = await loadGuest<AirssysGuest>('echo');
  });

  it('returns a copy of the payload and logs only for one-byte payloads', () => {
    const host = fakeHost();
    const lifecycle = create(host.imports).componentLifecycle;
    expect(lifecycle.initialize([['k', 'v']])).toBeUndefined();
    const big = Uint8Array.from({ length: 200_000 }, (_, i) => i & 0xff);
    const copy = lifecycle.handleMessage(message(big))!;
    // Compared as Buffers: a deep `toEqual` over 200k elements takes seconds.
    expect(copy.byteLength === big.byteLength && Buffer.from(copy).equals(big)).toBe(true);
    const withIds = message('hello', { correlationId: 'c-1', topic: 'a.b' });
    expect(dec.decode(lifecycle.handleMessage(withIds) as Uint8Array)).toBe('hello');
    expect(lifecycle.handleMessage(message(''))).toEqual(new Uint8Array());
    expect(host.logs).toEqual([]);
    expect(lifecycle.handleMessage(message('x'))).toEqual(enc.encode('x'));
    expect(host.logs).toEqual([['info', 'echo: one-byte payload']]);
  });

  it('answers the other lifecycle exports', () => {
    const lifecycle = create(fakeHost().imports).componentLifecycle;
    expect(lifecycle.metadata()).toEqual({
      name: 'echo',
      version: '1.0.0',
      description: 'Replies to every message with a copy of its payload',
    });
    expect(lifecycle.health()).toBe('healthy');
    expect(lifecycle.handleCallback('c-1', { tag: 'err', val: { tag: 'timeout' } })).toBeUndefined();
    expect(lifecycle.shutdown()).toBeUndefined();
  });
});

describe('hostile', () => {
  let create: (imports: Imports) => HostileGuest;
  beforeAll(async () => {
    create = await loadGuest<HostileGuest>('hostile');
  });

  it('adds, echoes and recurses when asked nicely', () => {
    const guest = create({});
    expect(guest.add(2, 40)).toBe(42);
    expect(guest.echo(Uint8Array.of(1, 2, 3))).toEqual(Uint8Array.of(1, 2, 3));
    expect(guest.recurse(1000)).toBe(1000);
  });

  it('traps with a RuntimeError on boom', () => {
    expect(() => create({}).boom()).toThrow(WebAssembly.RuntimeError);
  });

  it('overflows the stack on a huge recursion depth', () => {
    expect(() => create({}).recurse(100_000_000)).toThrow(/call stack/);
  });
});

describe('tiny', () => {
  it('answers ping with 42', async () => {
    const create = await loadGuest<TinyGuest>('tiny');
    expect(create({}).ping()).toBe(42);
  });
});

describe('ts-echo', () => {
  let create: (imports: Imports) => AirssysGuest;
  beforeAll(async () => {
    create = await loadGuest<AirssysGuest>('ts-echo');
  });

  it('answers ping, log, time and reverses anything else', () => {
    const host = fakeHost();
    const lifecycle = create(host.imports).componentLifecycle;
    const say = (text: string) => dec.decode(lifecycle.handleMessage(message(text)) as Uint8Array);
    expect(say('ping')).toBe('pong');
    expect(say('log:hello host')).toBe('logged');
    expect(host.logs).toEqual([['info', 'hello host']]);
    expect(say('time')).toBe('1700000000123');
    expect(say('héllo')).toBe('olléh');
  });

  it('stores and loads through the storage import', () => {
    const host = fakeHost();
    const lifecycle = create(host.imports).componentLifecycle;
    const say = (text: string) => dec.decode(lifecycle.handleMessage(message(text)) as Uint8Array);
    expect(say('store:color=blue')).toBe('ok');
    expect(dec.decode(host.store.get('color'))).toBe('blue');
    expect(say('load:color')).toBe('blue');
    expect(say('load:size')).toBe('missing');
  });

  it('returns err(component-error) for fail and for a storage error, and stays usable', () => {
    const lifecycle = create(fakeHost().imports).componentLifecycle;
    const say = (text: string) => errOf(() => lifecycle.handleMessage(message(text)));
    expect(say('fail')).toEqual({ tag: 'internal', val: 'asked to fail' });
    expect(say('store:secret/x=1')).toEqual({ tag: 'internal', val: 'storage denied: write:secret/x' });
    expect(dec.decode(lifecycle.handleMessage(message('ping')) as Uint8Array)).toBe('pong');
  });

  it('traps when the guest throws an Error', () => {
    const lifecycle = create(fakeHost().imports).componentLifecycle;
    expect(() => lifecycle.handleMessage(message('throw'))).toThrow(WebAssembly.RuntimeError);
  });

  it('describes itself', () => {
    const lifecycle = create(fakeHost().imports).componentLifecycle;
    expect(lifecycle.metadata()).toMatchObject({ name: 'ts-echo', version: '1.0.0' });
    expect(lifecycle.health()).toBe('healthy');
    expect(lifecycle.initialize([])).toBeUndefined();
    expect(lifecycle.shutdown()).toBeUndefined();
  });
});

describe('relay', () => {
  let create: (imports: Imports) => AirssysGuest;
  beforeAll(async () => {
    create = await loadGuest<AirssysGuest>('relay');
  });

  it('imports host-messaging with send as its only function', async () => {
    const text = await print(readGuest('relay'));
    const imported = text.slice(0, text.indexOf('(import "airssys:core/host-messaging@1.0.0"'));
    const messaging = imported.slice(imported.lastIndexOf('(instance'));
    expect(messaging.match(/\(export \(;\d+;\) "[a-z-]+" \(func/g)).toEqual(['(export (;0;) "send" (func']);
  });

  it('sends `>rest` on to bench/sink, echoes requests and answers nothing else', () => {
    const host = fakeHost();
    const lifecycle = create(host.imports).componentLifecycle;
    expect(lifecycle.handleMessage(message('>hello sink'))).toBeUndefined();
    expect(lifecycle.handleMessage(message('>', { correlationId: 'c-1' }))).toBeUndefined();
    expect(host.calls).toEqual([
      ['send', 'bench/sink', 'hello sink'],
      ['send', 'bench/sink', ''],
    ]);
    expect(dec.decode(lifecycle.handleMessage(message('ask', { correlationId: 'c-2' })))).toBe('ask');
    expect(lifecycle.handleMessage(message('', { correlationId: 'c-3' }))).toEqual(new Uint8Array());
    expect(lifecycle.handleMessage(message('count me'))).toBeUndefined();
    expect(lifecycle.handleMessage(message(''))).toBeUndefined();
    expect(host.calls).toHaveLength(2);
  });

  it('returns err(internal) when the host refuses the send, and stays usable', () => {
    const host = fakeHost();
    host.denied.add('bench/sink');
    const lifecycle = create(host.imports).componentLifecycle;
    expect(errOf(() => lifecycle.handleMessage(message('>x')))).toEqual({
      tag: 'internal',
      val: 'send refused',
    });
    expect(dec.decode(lifecycle.handleMessage(message('still here', { correlationId: 'c-1' })))).toBe(
      'still here',
    );
  });

  it('answers the other lifecycle exports', () => {
    const lifecycle = create(fakeHost().imports).componentLifecycle;
    expect(lifecycle.initialize([])).toBeUndefined();
    expect(lifecycle.metadata()).toMatchObject({ name: 'relay', version: '1.0.0' });
    expect(lifecycle.health()).toBe('healthy');
    expect(lifecycle.handleCallback('c-1', { tag: 'ok', val: enc.encode('x') })).toBeUndefined();
    expect(lifecycle.shutdown()).toBeUndefined();
  });
});

describe('ts-actor', () => {
  let create: (imports: Imports) => AirssysGuest;
  beforeAll(async () => {
    create = await loadGuest<AirssysGuest>('ts-actor');
  });

  /** A started instance named `self`, its fake host, and a helper that sends text and decodes the reply. */
  function actor(self: string) {
    const host = fakeHost(self);
    const lifecycle = create(host.imports).componentLifecycle;
    lifecycle.initialize([]);
    const say = (text: string, extra: Partial<Message> = {}) => {
      const reply = lifecycle.handleMessage(message(text, extra));
      return reply === undefined ? undefined : dec.decode(reply);
    };
    return { host, lifecycle, say };
  }

  it('plays the default role under an unknown name', () => {
    const { lifecycle, say } = actor('local/guest');
    expect(lifecycle.metadata()).toMatchObject({ name: 'default', version: '1.0.0' });
    expect(say('ping')).toBe('pong');
    expect(say('héllo')).toBe('olléh');
    expect(lifecycle.health()).toBe('healthy');
    expect(lifecycle.handleCallback('c-1', { tag: 'ok', val: enc.encode('x') })).toBeUndefined();
    expect(lifecycle.shutdown()).toBeUndefined();
  });

  it('prices requests as billing and stores plain orders under last-order', () => {
    for (const self of ['acme/billing', 'test/billing-2']) {
      const { host, lifecycle, say } = actor(self);
      expect(lifecycle.metadata().name).toBe('billing');
      expect(say('abc', { correlationId: 'c-1' })).toBe('price:300');
      expect(say('', { correlationId: 'c-2' })).toBe('price:0');
      expect(say('widget')).toBeUndefined();
      expect(dec.decode(host.store.get('last-order'))).toBe('widget');
    }
  });

  it('asks acme/billing as intake and publishes and stores the reply', () => {
    const { host, lifecycle, say } = actor('acme/order-intake');
    expect(lifecycle.metadata().name).toBe('intake');
    expect(say('order:widget')).toBeUndefined();
    expect(host.calls).toEqual([['request', 'acme/billing', 'widget', 1000]]);
    lifecycle.handleCallback('corr-1', { tag: 'ok', val: enc.encode('price:600') });
    expect(host.calls[1]).toEqual(['publish', 'orders.created', 'widget:price:600']);
    expect(dec.decode(host.store.get('order/widget'))).toBe('price:600');
  });

  it('records a failed request as intake and cancels a pending one', () => {
    const { host, lifecycle, say } = actor('acme/intake');
    say('order:gear');
    lifecycle.handleCallback('corr-1', { tag: 'err', val: { tag: 'timeout' } });
    expect(dec.decode(host.store.get('failed/gear'))).toBe('timeout');
    expect(host.logs).toEqual([['warn', 'order `gear` failed: timeout']]);
    say('request:acme/stock:bolt');
    expect(host.calls[1]).toEqual(['request', 'acme/stock', 'bolt', 1000]);
    say('cancel:bolt');
    expect(host.calls[2]).toEqual(['cancel-request', 'corr-2']);
    lifecycle.handleCallback('corr-2', { tag: 'err', val: { tag: 'cancelled' } });
    expect(dec.decode(host.store.get('failed/bolt'))).toBe('cancelled');
    expect(errOf(() => say('cancel:bolt'))).toEqual({ tag: 'invalid-input', val: 'no pending order `bolt`' });
  });

  it('returns err(internal(<tag>)) as intake when the host refuses a send or a request', () => {
    const { host, say } = actor('acme/intake');
    host.denied.add('acme/secret');
    expect(say('send:acme/audit:hi')).toBeUndefined();
    expect(errOf(() => say('send:acme/secret:hi'))).toEqual({ tag: 'internal', val: 'denied' });
    expect(errOf(() => say('request:acme/secret:key'))).toEqual({ tag: 'internal', val: 'denied' });
    expect(dec.decode(host.store.get('failed/key'))).toBe('denied');
    expect(host.calls[0]).toEqual(['send', 'acme/audit', 'hi']);
  });

  it('records topics as subscriber and counts them', () => {
    const { host, say } = actor('acme/subscriber');
    expect(say('a:1', { topic: 'orders.created' })).toBeUndefined();
    expect(say('b:2', { topic: 'orders.created' })).toBeUndefined();
    expect(dec.decode(host.store.get('seen/2'))).toBe('orders.created b:2');
    expect(say('count', { correlationId: 'c-1' })).toBe('2');
    expect(host.logs).toHaveLength(2);
  });

  it('answers alive and slow as crasher, and traps on crash', () => {
    const { lifecycle, say } = actor('acme/crasher');
    expect(say('hello')).toBe('alive');
    expect(say('slow')).toBe('done');
    expect(lifecycle.health()).toBe('healthy');
    expect(() => say('crash')).toThrow(WebAssembly.RuntimeError);
  });

  it('turns unhealthy as flaky-health after sick, and a fresh instance is healthy again', () => {
    const { lifecycle, say } = actor('acme/flaky-health');
    expect(lifecycle.health()).toBe('healthy');
    expect(say('sick')).toBe('ok');
    expect(lifecycle.health()).toBe('unhealthy');
    expect(actor('acme/flaky-health').lifecycle.health()).toBe('healthy');
  });

  it('puts, gets, fills and reports usage as storer until the host refuses', () => {
    const { host, say } = actor('acme/storer');
    expect(say('put:color=blue')).toBe('ok');
    expect(say('get:color')).toBe('blue');
    expect(say('get:size')).toBe('missing');
    expect(errOf(() => say('put:secret/x=1'))).toEqual({ tag: 'internal', val: 'denied: write:secret/x' });
    expect(say('fill:2')).toBe('filled 2');
    expect(say('usage')).toBe('2052 3');
    expect(say('fill:9')).toBe('stopped at 3: quota-exceeded');
    expect(host.store.get('blob/0')).toHaveLength(1024);
  });

  it('plays spinner under that name (spin itself is left to the runtime tests with a deadline)', () => {
    const { lifecycle, say } = actor('acme/spinner');
    expect(lifecycle.metadata().name).toBe('spinner');
    expect(say('ping')).toBe('pong');
  });
});
