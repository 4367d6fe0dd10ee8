import { type AuditEvent, describeValue } from '@airssys/core';
import { InvalidAuditOptionsError } from '../errors.js';
import type { AuditQuery, SyncAuditSink } from '../types.js';

/** Options of {@link createMemorySink}. */
export interface MemorySinkOptions {
  /** Most events kept; the oldest are overwritten beyond it. @default 10000 */
  capacity?: number | undefined;
}

/** An in-memory ring of the most recent events, for tests and the playground. */
export interface MemoryAuditSink extends SyncAuditSink {
  /** Matching events, oldest first; with `limit`, the most recent `limit` of them. */
  query(filter?: AuditQuery): AuditEvent[];
  /** Every event held, oldest first. */
  events(): AuditEvent[];
  /** Forgets every event. */
  clear(): void;
  readonly size: number;
  readonly capacity: number;
  /** Events pushed out of the ring by newer ones since creation. */
  readonly overwritten: number;
}

function matches(event: AuditEvent, filter: AuditQuery): boolean {
  return (
    (filter.component === undefined || event.component === filter.component) &&
    (filter.category === undefined || event.category === filter.category) &&
    (filter.decision === undefined || event.decision === filter.decision) &&
    (filter.since === undefined || event.time >= filter.since)
  );
}

/**
 * Creates a ring-buffer sink holding the latest `capacity` events.
 * @example const sink = createMemorySink({ capacity: 1000 }); sink.query({ decision: 'denied', limit: 10 });
 */
export function createMemorySink(options: MemorySinkOptions = {}): MemoryAuditSink {
  const capacity = options.capacity ?? 10_000;
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    const message = `Expected \`capacity\` to be a whole number of events from \`1\`, got \`${describeValue(capacity)}\`.`;
    throw new InvalidAuditOptionsError(message, { key: 'capacity', value: capacity });
  }
  let ring: (AuditEvent | undefined)[] = [];
  let start = 0;
  let size = 0;
  let overwritten = 0;

  const at = (i: number): AuditEvent => ring[(start + i) % capacity]!;

  const writeSync = (events: readonly AuditEvent[]): void => {
    for (const event of events) {
      if (size < capacity) {
        ring[(start + size) % capacity] = event;
        size += 1;
      } else {
        ring[start] = event;
        start = (start + 1) % capacity;
        overwritten += 1;
      }
    }
  };

  return {
    name: 'memory',
    writeSync,
    write: writeSync,
    query(filter = {}) {
      const limit = filter.limit ?? Number.POSITIVE_INFINITY;
      const out: AuditEvent[] = [];
      for (let i = size - 1; i >= 0 && out.length < limit; i--) {
        const event = at(i);
        if (matches(event, filter)) out.push(event);
      }
      return out.reverse();
    },
    events: () => Array.from({ length: size }, (_, i) => at(i)),
    clear() {
      ring = [];
      start = 0;
      size = 0;
    },
    get size() {
      return size;
    },
    capacity,
    get overwritten() {
      return overwritten;
    },
  };
}
