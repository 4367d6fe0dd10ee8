import { describe, expect, it } from 'vitest';
import { InvalidTopicError } from '../src/index.js';
import { bytes, flush, recorder, setup } from './helpers.js';

describe('publish', () => {
  it('delivers to every matching subscriber with the topic on the envelope', async () => {
    const { broker } = setup();
    const exact = recorder();
    const star = recorder();
    const rest = recorder();
    const other = recorder();
    broker.register('acme/exact', exact.handler);
    broker.register('acme/star', star.handler);
    broker.register('acme/rest', rest.handler);
    broker.register('acme/other', other.handler);
    broker.subscribe('acme/exact', 'orders.eu.created');
    broker.subscribe('acme/star', 'orders.*.created');
    broker.subscribe('acme/rest', 'orders.#');
    broker.subscribe('acme/other', 'billing.*');
    expect(broker.publish('acme/a', 'orders.eu.created', bytes(1))).toEqual({ delivered: 3, rejected: [] });
    expect(broker.publish('acme/a', 'orders.created', bytes(2))).toEqual({ delivered: 1, rejected: [] });
    await flush();
    expect(exact.seen.map((m) => m.topic)).toEqual(['orders.eu.created']);
    expect(star.seen).toHaveLength(1);
    expect(rest.seen.map((m) => [m.kind, m.topic, m.from])).toEqual([
      ['publish', 'orders.eu.created', 'acme/a'],
      ['publish', 'orders.created', 'acme/a'],
    ]);
    expect(other.seen).toEqual([]);
  });

  it('delivers nothing when nobody subscribed, and stops after unsubscribe', () => {
    const { broker } = setup();
    broker.register('acme/b', () => undefined);
    expect(broker.publish('acme/a', 'x.y', bytes())).toEqual({ delivered: 0, rejected: [] });
    expect(broker.subscribe('acme/b', 'x.*')).toBe(true);
    expect(broker.unsubscribe('acme/b', 'x.*')).toBe(true);
    expect(broker.publish('acme/a', 'x.y', bytes()).delivered).toBe(0);
  });

  it('reports a subscriber whose queue is full instead of skipping it', async () => {
    const { broker } = setup();
    const full = recorder();
    const open = recorder();
    broker.register('acme/full', full.handler, { capacity: 1 });
    broker.register('acme/open', open.handler);
    broker.subscribe('acme/full', 'news.#');
    broker.subscribe('acme/open', 'news.#');
    broker.publish('acme/a', 'news.one', bytes(1));
    const result = broker.publish('acme/a', 'news.two', bytes(2));
    expect(result.delivered).toBe(1);
    expect(result.rejected.map((r) => [r.address, r.error.kind])).toEqual([['acme/full', 'queue-full']]);
    await flush();
    expect(full.seen).toHaveLength(1);
    expect(open.seen).toHaveLength(2);
  });

  it('refuses an invalid topic or pattern with INVALID_TOPIC', () => {
    const { broker } = setup();
    expect(() => broker.publish('acme/a', 'orders.*', bytes())).toThrow(InvalidTopicError);
    expect(() => broker.subscribe('acme/b', 'orders.#.x')).toThrow('`#` must be the last segment');
    expect(() => broker.subscribe('acme/b', 'orders..x')).toThrow('segment 2 is empty');
  });
});

describe('broadcast', () => {
  it('sends to each target and returns one result per target', async () => {
    const { broker } = setup();
    const b = recorder();
    const c = recorder();
    broker.register('acme/b', b.handler);
    broker.register('acme/c', c.handler, { capacity: 1 });
    broker.send('acme/a', 'acme/c', bytes(0));
    const result = broker.broadcast('acme/a', ['acme/b', 'acme/c', 'acme/none'], bytes(5));
    expect(result.delivered).toBe(1);
    expect(result.results.map((r) => r.ok || r.error.kind)).toEqual([true, 'queue-full', 'not-found']);
    expect(result.rejected.map((r) => r.address)).toEqual(['acme/c', 'acme/none']);
    await flush();
    expect(b.seen.map((m) => [m.kind, m.to, Array.from(m.payload)])).toEqual([['broadcast', undefined, [5]]]);
  });
});
