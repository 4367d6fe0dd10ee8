import { componentWit, print } from '@bytecodealliance/jco';
import { beforeAll, describe, expect, it } from 'vitest';
import { GUESTS, type GuestName, guestPath, readGuest } from '../src/index.js';
import {
  type AirssysGuest,
  dec,
  enc,
  errOf,
  fakeHost,
  type HostileGuest,
  type Imports,
  loadGuest,
  type Message,
  message,
  type TinyGuest,
} from './harness.js';

// Node has WebAssembly; lib ES2023 without DOM does not declare it.
declare const WebAssembly: { RuntimeError: new () => Error };

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
