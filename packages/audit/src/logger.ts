import { type AuditEvent, type AuditSink, describeValue, systemClock } from '@airssys/core';
import { AuditClosedError, AuditSinkError, InvalidAuditOptionsError } from './errors.js';
import { normalizeEvent } from './event.js';
import type { AuditEventInput, AuditLogger, AuditLoggerOptions, AuditStats, SyncAuditSink } from './types.js';

/** Pending events at which `append` stops waiting and writes synchronously. */
export const DEFAULT_HIGH_WATER_MARK = 10_000;

function hasWriteSync(sink: AuditSink): sink is SyncAuditSink {
  return typeof (sink as Partial<SyncAuditSink>).writeSync === 'function';
}

function checkOptions(options: AuditLoggerOptions): number {
  if (!Array.isArray(options?.sinks)) {
    const message = `Expected \`sinks\` to be an array of audit sinks, got \`${describeValue(options?.sinks)}\`.`;
    throw new InvalidAuditOptionsError(message, { key: 'sinks', value: options?.sinks });
  }
  const mark = options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK;
  if (!Number.isSafeInteger(mark) || mark < 1) {
    const message = `Expected \`highWaterMark\` to be a whole number of events from \`1\`, got \`${describeValue(mark)}\`.`;
    throw new InvalidAuditOptionsError(message, { key: 'highWaterMark', value: mark });
  }
  return mark;
}

/**
 * Creates an audit logger: `append` queues, a `setImmediate` hands the batch to every sink, and a queue that
 * reaches `highWaterMark` is written synchronously on the spot, so overload slows the caller instead of losing records.
 * @example const audit = createAuditLogger({ sinks: [createJsonlSink({ path: 'audit.jsonl' })] });
 */
export function createAuditLogger(options: AuditLoggerOptions): AuditLogger {
  const highWaterMark = checkOptions(options);
  const sinks = [...options.sinks];
  const clock = options.clock ?? systemClock;
  let pending: AuditEvent[] = [];
  let scheduled = false;
  let closing: Promise<void> | undefined;
  let received = 0;
  let written = 0;
  let failed = 0;
  let batches = 0;
  let syncFlushes = 0;
  const unreported: AuditSinkError[] = [];
  // Asynchronous sinks get one batch at a time, in order: the tail of each sink's chain of writes.
  const tails = new Map<AuditSink, Promise<void>>();

  const report = (sink: AuditSink, batch: readonly AuditEvent[], cause: unknown): void => {
    const why = cause instanceof Error ? cause.message : describeValue(cause);
    const message = `Expected audit sink \`${sink.name}\` to write ${batch.length} events, but it failed: ${why}`;
    const error = new AuditSinkError(message, { sink: sink.name, events: batch.length, cause });
    if (options.onError === undefined) unreported.push(error);
    else options.onError(error);
  };

  const dispatch = (batch: AuditEvent[]): void => {
    batches += 1;
    let outstanding = 0;
    let ok = true;
    const settle = () => {
      if (ok) written += batch.length;
      else failed += batch.length;
    };
    for (const sink of sinks) {
      if (hasWriteSync(sink)) {
        try {
          sink.writeSync(batch);
        } catch (error) {
          ok = false;
          report(sink, batch, error);
        }
        continue;
      }
      outstanding += 1;
      const tail = (tails.get(sink) ?? Promise.resolve())
        .then(() => sink.write(batch))
        .catch((error: unknown) => {
          ok = false;
          report(sink, batch, error);
        })
        .finally(() => {
          outstanding -= 1;
          if (outstanding === 0) settle();
        });
      tails.set(sink, tail);
    }
    if (outstanding === 0) settle();
  };

  const flushSync = (): void => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    dispatch(batch);
  };

  const tick = (): void => {
    scheduled = false;
    flushSync();
  };

  const append = (input: AuditEventInput): void => {
    if (closing !== undefined) {
      throw new AuditClosedError(
        `Expected an open audit logger, got a closed one (event \`${input?.action}\`).`,
      );
    }
    pending.push(normalizeEvent(input, clock.now()));
    received += 1;
    if (pending.length >= highWaterMark) {
      syncFlushes += 1;
      flushSync();
    } else if (!scheduled) {
      scheduled = true;
      setImmediate(tick);
    }
  };

  const flush = async (): Promise<void> => {
    flushSync();
    await Promise.all(tails.values());
    for (const sink of sinks) await sink.flush?.();
    const errors = unreported.splice(0);
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) {
      const events = errors.reduce((sum, e) => sum + e.events, 0);
      const message = `Expected every audit write to succeed, but ${errors.length} failed, the first: ${errors[0]!.message}`;
      throw new AuditSinkError(message, { sink: errors[0]!.sink, events, cause: new AggregateError(errors) });
    }
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      let failure: unknown;
      await flush().catch((error: unknown) => {
        failure = error;
      });
      for (const sink of sinks) await sink.dispose?.();
      if (failure !== undefined) throw failure;
    })();
    return closing;
  };

  const stats = (): AuditStats => ({
    received,
    written,
    failed,
    pending: pending.length,
    inFlight: received - written - failed - pending.length,
    batches,
    syncFlushes,
  });

  return {
    name: 'audit-logger',
    append,
    write(events) {
      for (const event of events) append(event);
    },
    flush,
    flushSync,
    close,
    dispose: close,
    stats,
    get closed() {
      return closing !== undefined;
    },
  };
}
