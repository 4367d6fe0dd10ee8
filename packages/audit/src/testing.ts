import type { AuditEvent, AuditSink } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import type { SyncAuditSink } from './types.js';

/** What {@link testAuditSink} needs of a sink under test: the sink and a way to read back what it stored. */
export interface AuditSinkFixture {
  readonly sink: AuditSink & Partial<Pick<SyncAuditSink, 'writeSync'>>;
  /** Every event the sink has stored, oldest first, without any fields the sink adds of its own. */
  read(): readonly AuditEvent[] | Promise<readonly AuditEvent[]>;
}

/** A varied event for conformance tests; `n` makes each one distinct. */
export function sampleEvent(n: number): AuditEvent {
  return {
    time: 1_700_000_000_000 + n,
    component: n % 2 === 0 ? 'acme/a' : 'acme/b',
    category: (['capability', 'quota', 'messaging'] as const)[n % 3]!,
    action: `action-${n}`,
    resource: n % 4 === 0 ? undefined : `res/ü/${n}`,
    decision: n % 5 === 0 ? 'denied' : 'allowed',
    reason: n % 3 === 0 ? `reason with "quotes", a\nnewline and a \u2028 separator ${n}` : undefined,
    trustLevel: n % 2 === 0 ? 'trusted' : undefined,
    correlationId: n % 7 === 0 ? `c-${n}` : undefined,
    details: n % 6 === 0 ? { n, nested: { list: [1, 'two', null] } } : undefined,
  };
}

async function write(fixture: AuditSinkFixture, events: readonly AuditEvent[], sync: boolean): Promise<void> {
  if (sync && fixture.sink.writeSync !== undefined) fixture.sink.writeSync(events);
  else await fixture.sink.write(events);
}

/**
 * The conformance suite every audit sink passes: order, every field, many batches, empty batches, and
 * dispose. `create` is called once per test and must return an empty sink.
 * @example testAuditSink('memory', () => { const sink = createMemorySink(); return { sink, read: () => sink.events() }; });
 */
export function testAuditSink(
  name: string,
  create: () => AuditSinkFixture | Promise<AuditSinkFixture>,
): void {
  describe(`audit sink conformance: ${name}`, () => {
    it('stores a batch in order with every field intact', async () => {
      const fixture = await create();
      const events = Array.from({ length: 12 }, (_, i) => sampleEvent(i));
      await write(fixture, events, false);
      await fixture.sink.flush?.();
      expect(await fixture.read()).toEqual(events);
      await fixture.sink.dispose?.();
    });

    it('keeps the order across many batches, written through both write and writeSync', async () => {
      const fixture = await create();
      const events = Array.from({ length: 1_000 }, (_, i) => sampleEvent(i));
      for (let i = 0; i < events.length; i += 100)
        await write(fixture, events.slice(i, i + 100), i % 200 === 0);
      await fixture.sink.flush?.();
      expect(await fixture.read()).toEqual(events);
      await fixture.sink.dispose?.();
    });

    it('stores nothing for an empty batch', async () => {
      const fixture = await create();
      await write(fixture, [], false);
      await write(fixture, [], true);
      await fixture.sink.flush?.();
      expect(await fixture.read()).toEqual([]);
      await fixture.sink.dispose?.();
    });

    it('has a name and survives dispose being called twice', async () => {
      const fixture = await create();
      expect(typeof fixture.sink.name).toBe('string');
      expect(fixture.sink.name).not.toBe('');
      await fixture.sink.dispose?.();
      await fixture.sink.dispose?.();
    });
  });
}
