import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentWit, transpile } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const tempDirs: string[] = [];

/** Transpiles a built guest with jco 1.13.0 (sync instantiation) and returns a factory of fresh instances. */
async function loadGuest<T>(name: GuestName): Promise<(imports: Imports) => T> {
  const { files } = await transpile(readGuest(name), {
    name: 'g',
    instantiation: 'sync',
    nodejsCompat: false,
  });
  const dir = mkdtempSync(join(tmpdir(), `airssys-guest-${name}-`));
  tempDirs.push(dir);
  writeFileSync(join(dir, 'g.mjs'), files['g.js']!);
  const glue = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'g.mjs')).href)) as Glue<T>;
  const modules = new Map<string, object>();
  const getCoreModule = (file: string) =>
    modules.get(file) ?? modules.set(file, new WebAssembly.Module(files[file]!)).get(file)!;
  return (imports) => glue.instantiate(getCoreModule, imports);
}

/** Host imports of the airssys world, backed by plain arrays and a Map. */
function fakeHost() {
  const logs: [string, string][] = [];
  const store = new Map<string, Uint8Array>();
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
        store.set(key, value);
      },
      delete: (key: string) => store.delete(key),
      exists: (key: string) => store.has(key),
      listKeys: (prefix: string) => [...store.keys()].filter((k) => k.startsWith(prefix)).sort(),
      usage: () => ({ bytes: 0n, keys: BigInt(store.size) }),
    },
    'airssys:core/host-messaging': {
      send: () => undefined,
      request: () => 'corr-1',
      cancelRequest: () => undefined,
      broadcast: () => 0,
      publish: () => undefined,
      selfId: () => ({ namespace: 'local', name: 'guest', instance: '' }),
    },
  };
  return { logs, store, imports };
}

const message = (payload: string | Uint8Array, extra: Partial<Message> = {}): Message => ({
  sender: 'host',
  payload: typeof payload === 'string' ? enc.encode(payload) : payload,
  ...extra,
});

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

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
    tiny: { has: ['export ping: func() -> u32;'], lacks: ['import '] },
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
    const errOf = (text: string) => {
      try {
        lifecycle.handleMessage(message(text));
      } catch (e) {
        return (e as { payload?: unknown }).payload;
      }
      throw new Error(`expected \`${text}\` to fail`);
    };
    expect(errOf('fail')).toEqual({ tag: 'internal', val: 'asked to fail' });
    expect(errOf('store:secret/x=1')).toEqual({ tag: 'internal', val: 'storage denied: write:secret/x' });
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
