import type { MessageEnvelope } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { AddressInUseError } from '../src/index.js';
import { bytes, flush, recorder, setup } from './helpers.js';

describe('send', () => {
  it('delivers a message to the registered address, after send returns', async () => {
    const { broker, clock } = setup();
    const { seen, handler } = recorder();
    broker.register('acme/b', handler);
    expect(broker.send('acme/a', 'acme/b', bytes(1, 2))).toEqual({ ok: true });
    expect(seen).toEqual([]);
    await flush();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: 'send', from: 'acme/a', to: 'acme/b', timestamp: clock.now() });
    expect(Array.from(seen[0]!.payload)).toEqual([1, 2]);
  });

  it('keeps the order of messages from one sender', async () => {
    const { broker } = setup();
    const { seen, handler } = recorder();
    broker.register('acme/b', handler);
    for (let i = 0; i < 2000; i++) {
      broker.send('acme/a', 'acme/b', bytes(i & 0xff, i >> 8));
      if (i % 300 === 0) await flush();
    }
    await flush();
    expect(seen.map((m) => m.payload[0]! | (m.payload[1]! << 8))).toEqual(
      Array.from({ length: 2000 }, (_, i) => i),
    );
  });

  it('handles one message at a time, waiting for an async handler', async () => {
    const { broker } = setup();
    let active = 0;
    let most = 0;
    broker.register('acme/b', async () => {
      active += 1;
      most = Math.max(most, active);
      await Promise.resolve();
      active -= 1;
    });
    for (let i = 0; i < 10; i++) broker.send('acme/a', 'acme/b', bytes(i));
    await flush();
    expect(most).toBe(1);
    expect(broker.stats().handled).toBe(10);
  });

  it('accepts capacity N, refuses N+1 with queue-full, and handles every accepted message', async () => {
    const { broker } = setup();
    const { seen, handler } = recorder();
    broker.register('acme/b', handler, { capacity: 3 });
    const results = [1, 2, 3, 4].map((i) => broker.send('acme/a', 'acme/b', bytes(i)));
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    const refused = results[3]!;
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.kind).toBe('queue-full');
      expect(refused.error.detail).toContain('`acme/b`');
    }
    await flush();
    expect(seen.map((m) => m.payload[0])).toEqual([1, 2, 3]);
    expect(broker.send('acme/a', 'acme/b', bytes(5)).ok).toBe(true);
    expect(broker.stats()).toMatchObject({ accepted: 4, handled: 3, queued: 1 });
    expect(broker.stats().rejected['queue-full']).toBe(1);
  });

  it('answers not-found for an address nobody registered', () => {
    const { broker } = setup();
    const result = broker.send('acme/a', 'acme/nobody', bytes());
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.toWit()).toEqual({ tag: 'not-found', val: expect.stringContaining('acme/nobody') });
  });

  it('reaches a mailbox by any spelling of its component id', async () => {
    const { broker } = setup();
    const { seen, handler } = recorder();
    expect(broker.register('local/b#0', handler).address).toBe('local/b');
    expect(broker.send('x', 'b', bytes()).ok).toBe(true);
    expect(broker.has('local/b#0')).toBe(true);
    await flush();
    expect(seen).toHaveLength(1);
  });

  it('refuses a second registration of one address', () => {
    const { broker } = setup();
    broker.register('acme/b', () => undefined);
    expect(() => broker.register('acme/b', () => undefined)).toThrow(AddressInUseError);
  });

  it('refuses a payload over maxPayloadBytes with invalid-payload', () => {
    const { broker } = setup({ maxPayloadBytes: 4 });
    broker.register('acme/b', () => undefined);
    const result = broker.send('acme/a', 'acme/b', new Uint8Array(5));
    expect(result.ok || result.error.kind).toBe('invalid-payload');
  });

  it('reports a throwing handler as a handler-error event and keeps going', async () => {
    const { broker, errors } = setup();
    const seen: MessageEnvelope[] = [];
    broker.register('acme/b', (m) => {
      if (m.payload[0] === 1) throw new Error('boom');
      seen.push(m);
    });
    broker.send('acme/a', 'acme/b', bytes(1));
    broker.send('acme/a', 'acme/b', bytes(2));
    await flush();
    expect(errors.map((e) => [e.address, (e.error as Error).message])).toEqual([['acme/b', 'boom']]);
    expect(seen).toHaveLength(1);
    expect(broker.stats().handlerErrors).toBe(1);
  });

  it('unregister stops new messages and resolves after the accepted ones are handled', async () => {
    const { broker } = setup();
    const { seen, handler } = recorder();
    const registration = broker.register('acme/b', handler);
    broker.subscribe('acme/b', 'orders.#');
    broker.send('acme/a', 'acme/b', bytes(1));
    const done = registration.unregister();
    expect(broker.send('acme/a', 'acme/b', bytes(2)).ok).toBe(false);
    await done;
    expect(seen).toHaveLength(1);
    expect(broker.stats().subscriptions).toBe(0);
  });
});

describe('register', () => {
  it('refuses a capacity that is not a positive whole number', () => {
    const { broker } = setup();
    expect(() => broker.register('acme/b', () => undefined, { capacity: 0 })).toThrow('`capacity`');
    expect(() => broker.register('acme/b', () => undefined, { capacity: 1.5 })).toThrow(
      'positive whole number',
    );
  });

  it('refuses an address that is not a component id', () => {
    const { broker } = setup();
    expect(() => broker.register('Not An Id', () => undefined)).toThrow('component id');
  });
});
