import { describe, expect, it } from 'vitest';
import { createMemorySink } from '../src/index.js';
import { sampleEvent, testAuditSink } from '../src/testing.js';

testAuditSink('memory', () => {
  const sink = createMemorySink({ capacity: 5_000 });
  return { sink, read: () => sink.events() };
});

describe('memory', () => {
  it('keeps the latest events once full and counts those overwritten', () => {
    const sink = createMemorySink({ capacity: 3 });
    sink.writeSync([0, 1, 2, 3, 4].map(sampleEvent));
    expect(sink.events().map((e) => e.action)).toEqual(['action-2', 'action-3', 'action-4']);
    expect([sink.size, sink.capacity, sink.overwritten]).toEqual([3, 3, 2]);
  });

  it('queries by component, category, decision and time, the most recent within the limit', () => {
    const sink = createMemorySink();
    sink.writeSync(Array.from({ length: 30 }, (_, i) => sampleEvent(i)));
    const denied = sink.query({ decision: 'denied' });
    expect(denied.map((e) => e.action)).toEqual([
      'action-0',
      'action-5',
      'action-10',
      'action-15',
      'action-20',
      'action-25',
    ]);
    expect(sink.query({ decision: 'denied', limit: 2 }).map((e) => e.action)).toEqual([
      'action-20',
      'action-25',
    ]);
    expect(sink.query({ component: 'acme/b', category: 'quota', since: sampleEvent(10).time })).toHaveLength(
      3,
    );
    expect(sink.query().length).toBe(30);
  });

  it('forgets everything on clear', () => {
    const sink = createMemorySink();
    sink.writeSync([sampleEvent(1)]);
    sink.clear();
    expect(sink.events()).toEqual([]);
  });

  it('rejects a capacity that is not a positive whole number', () => {
    expect(() => createMemorySink({ capacity: 0 })).toThrow(
      'Expected `capacity` to be a whole number of events from `1`, got `0`.',
    );
  });
});
