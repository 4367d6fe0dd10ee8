import { describe, expect, it } from 'vitest';
import { BrokerClosedError } from '../src/index.js';
import { bytes, flush, recorder, setup } from './helpers.js';

describe('close', () => {
  it('rejects pending requests with cancelled, then resolves once accepted messages are handled', async () => {
    const { broker, clock } = setup();
    const { seen, handler } = recorder();
    let answer: (value: Uint8Array) => void = () => {};
    broker.register('acme/slow', () => new Promise<Uint8Array>((resolve) => (answer = resolve)));
    broker.register('acme/b', handler);
    const pending = broker.request('acme/a', 'acme/slow', bytes(), { timeoutMs: 100 });
    const outcome = pending.reply.catch((error: unknown) => error);
    broker.send('acme/a', 'acme/b', bytes(1));
    await flush();
    let closed = false;
    const closing = broker.close().then(() => (closed = true));
    expect(await outcome).toMatchObject({ kind: 'cancelled', correlationId: pending.correlationId });
    expect(clock.pendingTimers()).toBe(0);
    await flush();
    expect(closed).toBe(false);
    answer(bytes(1));
    await closing;
    expect(seen).toHaveLength(1);
    expect(broker.stats().lateReplies).toBe(1);
  });

  it('returns the same promise when called twice', () => {
    const { broker } = setup();
    expect(broker.close()).toBe(broker.close());
  });

  it('refuses messages and registrations after close', async () => {
    const { broker } = setup();
    broker.register('acme/b', () => undefined);
    await broker.close();
    const sent = broker.send('acme/a', 'acme/b', bytes());
    expect(sent.ok || sent.error.kind).toBe('cancelled');
    const published = broker.broadcast('acme/a', ['acme/b'], bytes());
    expect(published.rejected.map((r) => r.error.kind)).toEqual(['cancelled']);
    await expect(broker.request('acme/a', 'acme/b', bytes()).reply).rejects.toMatchObject({
      kind: 'cancelled',
    });
    expect(() => broker.register('acme/c', () => undefined)).toThrow(BrokerClosedError);
  });
});
