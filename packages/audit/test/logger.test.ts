import { type AuditEvent, type AuditSink, createManualClock } from '@airssys/core';
import { describe, expect, it, vi } from 'vitest';
import { AuditClosedError, createAuditLogger, createMemorySink } from '../src/index.js';

const event = (action: string) =>
  ({ component: 'acme/a', category: 'lifecycle', action, decision: 'info' }) as const;
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('logger', () => {
  it('queues appends and writes them as one batch on the next turn', async () => {
    const memory = createMemorySink();
    const writes = vi.spyOn(memory, 'writeSync');
    const logger = createAuditLogger({ sinks: [memory] });
    logger.append(event('a'));
    logger.append(event('b'));
    expect(memory.size).toBe(0);
    expect(logger.stats()).toMatchObject({ received: 2, pending: 2, written: 0 });
    await nextTick();
    expect(writes).toHaveBeenCalledTimes(1);
    expect(memory.events().map((e) => e.action)).toEqual(['a', 'b']);
    expect(logger.stats()).toMatchObject({ received: 2, written: 2, pending: 0, batches: 1 });
  });

  it('fills a missing time from the clock and keeps a given one', async () => {
    const clock = createManualClock(5_000);
    const memory = createMemorySink();
    const logger = createAuditLogger({ sinks: [memory], clock });
    logger.append(event('a'));
    logger.append({ ...event('b'), time: 42 });
    await logger.flush();
    expect(memory.events().map((e) => e.time)).toEqual([5_000, 42]);
  });

  it('writes synchronously at the high-water mark instead of dropping anything', () => {
    const memory = createMemorySink({ capacity: 100_000 });
    const logger = createAuditLogger({ sinks: [memory], highWaterMark: 1_000 });
    for (let i = 0; i < 25_500; i++) logger.append(event(`e${i}`));
    expect(memory.size).toBe(25_000);
    expect(logger.stats()).toMatchObject({
      received: 25_500,
      written: 25_000,
      pending: 500,
      syncFlushes: 25,
    });
    logger.flushSync();
    expect(memory.size).toBe(25_500);
  });

  it('hands batches to an asynchronous sink one at a time, in order', async () => {
    const seen: string[] = [];
    let active = 0;
    const slow: AuditSink = {
      name: 'slow',
      async write(events: readonly AuditEvent[]) {
        active += 1;
        expect(active).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 2));
        seen.push(...events.map((e) => e.action));
        active -= 1;
      },
    };
    const logger = createAuditLogger({ sinks: [slow], highWaterMark: 2 });
    for (let i = 0; i < 7; i++) logger.append(event(`e${i}`));
    expect(logger.stats().inFlight).toBe(6);
    await logger.flush();
    expect(seen).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    expect(logger.stats()).toMatchObject({ received: 7, written: 7, inFlight: 0 });
  });

  it('counts a failed write and rejects flush with it when there is no onError', async () => {
    const broken: AuditSink = {
      name: 'broken',
      write() {
        throw new Error('disk full');
      },
    };
    const memory = createMemorySink();
    const logger = createAuditLogger({ sinks: [memory, broken] });
    logger.append(event('a'));
    await expect(logger.flush()).rejects.toMatchObject({
      code: 'AUDIT_SINK_FAILED',
      sink: 'broken',
      events: 1,
      message: 'Expected audit sink `broken` to write 1 events, but it failed: disk full',
    });
    expect(logger.stats()).toMatchObject({ received: 1, written: 0, failed: 1 });
    expect(memory.size).toBe(1);
    await expect(logger.flush()).resolves.toBeUndefined();
  });

  it('hands failures to onError when given', async () => {
    const errors: unknown[] = [];
    const broken = {
      name: 'broken',
      write() {},
      writeSync() {
        throw new Error('nope');
      },
    };
    const logger = createAuditLogger({ sinks: [broken], onError: (e) => errors.push(e) });
    logger.append(event('a'));
    await logger.flush();
    expect(errors).toEqual([expect.objectContaining({ code: 'AUDIT_SINK_FAILED' })]);
  });

  it('flushes and disposes the sinks on close, then refuses appends', async () => {
    const memory = createMemorySink();
    const dispose = vi.fn();
    const logger = createAuditLogger({ sinks: [memory, { name: 'x', write() {}, dispose }] });
    logger.append(event('a'));
    await logger.close();
    await logger.close();
    expect(memory.size).toBe(1);
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(logger.closed).toBe(true);
    expect(() => logger.append(event('b'))).toThrow(AuditClosedError);
  });

  it('stands in as an AuditSink for other packages', async () => {
    const memory = createMemorySink();
    const sink: AuditSink = createAuditLogger({ sinks: [memory] });
    await sink.write([{ ...event('a'), time: 1 }]);
    await sink.flush?.();
    expect(memory.events()).toHaveLength(1);
  });

  it('rejects an invalid event at append, naming the field', () => {
    const logger = createAuditLogger({ sinks: [] });
    expect(() => logger.append({ ...event('a'), category: 'disk' as never })).toThrow(
      'Expected `event.category` to be one of `capability`, `trust`, `approval`, `quota`, `lifecycle`, `messaging`, got `disk`.',
    );
    expect(logger.stats().received).toBe(0);
  });

  it('rejects bad options', () => {
    expect(() => createAuditLogger({ sinks: [], highWaterMark: 0 })).toThrow(/`highWaterMark`/);
    expect(() => createAuditLogger({} as never)).toThrow(/`sinks`/);
  });
});
