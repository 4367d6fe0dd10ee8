import { describe, expect, it } from 'vitest';
import { isMessagingError, type MessagingError, type RequestOutcome } from '../src/index.js';
import { bytes, flush, setup } from './helpers.js';

const failure = (promise: Promise<unknown>): Promise<MessagingError> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => {
      if (!isMessagingError(error)) throw error;
      return error;
    },
  );

describe('request', () => {
  it('closes the loop: the handler result is the reply, under the request correlation id', async () => {
    const { broker } = setup();
    broker.register('acme/b', (m) => {
      expect(m.kind).toBe('request');
      expect(m.correlationId).toBeDefined();
      return bytes(...m.payload, 9);
    });
    const pending = broker.request('acme/a', 'acme/b', bytes(1), { timeoutMs: 100 });
    expect(pending.correlationId).toMatch(/\S/);
    expect(Array.from(await pending.reply)).toEqual([1, 9]);
    expect(broker.stats().pendingRequests).toBe(0);
  });

  it('waits for an async handler reply', async () => {
    const { broker } = setup();
    broker.register('acme/b', async () => bytes(7));
    expect(Array.from(await broker.request('acme/a', 'acme/b', bytes()).reply)).toEqual([7]);
  });

  it('times out on the injected clock and ignores the late reply', async () => {
    const { broker, clock } = setup();
    let answer: (value: Uint8Array) => void = () => {};
    broker.register('acme/slow', () => new Promise<Uint8Array>((resolve) => (answer = resolve)));
    const late: string[] = [];
    broker.on('late-reply', (e) => void late.push(e.correlationId ?? ''));
    const { correlationId, reply } = broker.request('acme/a', 'acme/slow', bytes(), { timeoutMs: 50 });
    const outcome = failure(reply);
    await flush();
    clock.advance(49);
    expect(broker.stats().pendingRequests).toBe(1);
    clock.advance(1);
    const error = await outcome;
    expect(error.kind).toBe('timeout');
    expect(error.correlationId).toBe(correlationId);
    expect(error.toWit()).toEqual({ tag: 'timeout' });
    answer(bytes(1));
    await flush();
    expect(late).toEqual([correlationId]);
    expect(broker.stats().lateReplies).toBe(1);
  });

  it('uses defaultTimeoutMs when the request names none', async () => {
    const { broker, clock } = setup({ defaultTimeoutMs: 10 });
    broker.register('acme/b', () => new Promise<undefined>(() => {}));
    const outcome = failure(broker.request('acme/a', 'acme/b', bytes()).reply);
    clock.advance(10);
    expect((await outcome).kind).toBe('timeout');
  });

  it('cancels by correlation id, and a second cancel is not-found', async () => {
    const { broker, clock } = setup();
    broker.register('acme/b', () => new Promise<undefined>(() => {}));
    const { correlationId, reply } = broker.request('acme/a', 'acme/b', bytes(), { timeoutMs: 50 });
    expect(broker.cancel(correlationId)).toEqual({ ok: true });
    expect((await failure(reply)).toWit()).toEqual({ tag: 'cancelled' });
    const again = broker.cancel(correlationId);
    expect(again.ok || again.error.kind).toBe('not-found');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('cancels through an AbortSignal, before or after sending', async () => {
    const { broker } = setup();
    broker.register('acme/b', () => new Promise<undefined>(() => {}));
    const controller = new AbortController();
    const { reply } = broker.request('acme/a', 'acme/b', bytes(), { signal: controller.signal });
    controller.abort();
    expect((await failure(reply)).kind).toBe('cancelled');
    const early = broker.request('acme/a', 'acme/b', bytes(), { signal: AbortSignal.abort() });
    expect((await failure(early.reply)).kind).toBe('cancelled');
    expect(broker.stats()).toMatchObject({ accepted: 1, pendingRequests: 0 });
  });

  it('answers target-crashed when the handler throws or rejects, naming the target', async () => {
    const { broker, errors } = setup();
    broker.register('acme/throws', () => {
      throw new Error('kaput');
    });
    broker.register('acme/rejects', () => Promise.reject(new Error('sunk')));
    const thrown = await failure(broker.request('acme/a', 'acme/throws', bytes()).reply);
    const rejected = await failure(broker.request('acme/a', 'acme/rejects', bytes()).reply);
    expect(thrown.toWit()).toEqual({ tag: 'target-crashed', val: expect.stringContaining('kaput') });
    expect(thrown.detail).toContain('`acme/throws`');
    expect(rejected.kind).toBe('target-crashed');
    expect(errors).toHaveLength(2);
  });

  it('answers target-crashed when the handler returns no reply, invalid-payload for a non-byte reply', async () => {
    const { broker } = setup();
    broker.register('acme/mute', () => undefined);
    broker.register('acme/text', (() => 'hello') as never);
    expect((await failure(broker.request('acme/a', 'acme/mute', bytes()).reply)).kind).toBe('target-crashed');
    expect((await failure(broker.request('acme/a', 'acme/text', bytes()).reply)).kind).toBe(
      'invalid-payload',
    );
  });

  it('rejects at once with not-found or queue-full', async () => {
    const { broker, clock } = setup();
    broker.register('acme/b', () => new Promise<undefined>(() => {}), { capacity: 1 });
    expect((await failure(broker.request('acme/a', 'acme/none', bytes()).reply)).kind).toBe('not-found');
    void broker.request('acme/a', 'acme/b', bytes(), { timeoutMs: 5 }).reply.catch(() => {});
    const full = await failure(broker.request('acme/a', 'acme/b', bytes(), { timeoutMs: 5 }).reply);
    expect(full.kind).toBe('queue-full');
    expect(broker.stats().pendingRequests).toBe(1);
    clock.advance(5);
  });

  it('gives the outcome to a callback once, and returns a refusal instead of calling it', async () => {
    const { broker } = setup();
    broker.register('acme/b', (m) => m.payload);
    const outcomes: [string, RequestOutcome][] = [];
    const callback = (id: string, outcome: RequestOutcome) => void outcomes.push([id, outcome]);
    const start = broker.requestWithCallback('acme/a', 'acme/b', bytes(3), callback, { timeoutMs: 10 });
    expect(start.ok).toBe(true);
    const refused = broker.requestWithCallback('acme/a', 'acme/none', bytes(), callback);
    expect(refused.ok || refused.error.kind).toBe('not-found');
    await flush();
    expect(outcomes).toEqual([[start.correlationId, { ok: true, payload: bytes(3) }]]);
  });
});

describe('request callbacks', () => {
  it('hands an error thrown by a callback to onError, not to the broker', async () => {
    const caught: unknown[] = [];
    const { broker } = setup({ onError: (error) => caught.push(error) });
    broker.register('acme/b', (m) => m.payload);
    broker.requestWithCallback('acme/a', 'acme/b', bytes(), () => {
      throw new Error('callback bug');
    });
    await flush();
    expect(caught.map((e) => (e as Error).message)).toEqual(['callback bug']);
    expect(broker.send('acme/a', 'acme/b', bytes()).ok).toBe(true);
  });
});
