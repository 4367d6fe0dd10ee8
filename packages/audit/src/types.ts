import type { AuditEvent, AuditSink, Clock } from '@airssys/core';
import type { AuditSinkError } from './errors.js';

/** What `append` takes: an {@link AuditEvent} whose `time` may be left for the logger's clock to fill. */
export type AuditEventInput = Omit<AuditEvent, 'time'> & { readonly time?: number | undefined };

/** A sink that can also write synchronously; the logger uses `writeSync` for every batch when it exists. */
export interface SyncAuditSink extends AuditSink {
  /** Writes a batch before returning; throws when it could not. */
  writeSync(events: readonly AuditEvent[]): void;
}

/** Options of {@link createAuditLogger}. */
export interface AuditLoggerOptions {
  /** Where every batch goes; sinks with `writeSync` are written synchronously, others one batch at a time. */
  sinks: readonly AuditSink[];
  /** Fills `time` when an event has none. @default systemClock */
  clock?: Clock | undefined;
  /** Pending events at which `append` writes the batch synchronously instead of waiting. @default 10000 */
  highWaterMark?: number | undefined;
  /** Receives each failed write; without it failures are kept and thrown by the next `flush()` or `close()`. */
  onError?: ((error: AuditSinkError) => void) | undefined;
}

/** Counters of a logger; `received` always equals `written + failed + pending + inFlight`. */
export interface AuditStats {
  /** Events appended. */
  readonly received: number;
  /** Events every sink accepted. */
  readonly written: number;
  /** Events at least one sink failed to write (each reported as an `AuditSinkError`). */
  readonly failed: number;
  /** Events appended and not yet handed to the sinks. */
  readonly pending: number;
  /** Events handed to an asynchronous sink that has not answered yet. */
  readonly inFlight: number;
  /** Batches handed to the sinks. */
  readonly batches: number;
  /** Batches written synchronously because `highWaterMark` was reached. */
  readonly syncFlushes: number;
}

/** Batches audit events to sinks without blocking the caller, and never drops one silently. */
export interface AuditLogger extends AuditSink {
  /** Queues one event (filling `time`); cheap; writes synchronously when the queue reaches the high-water mark. */
  append(event: AuditEventInput): void;
  /** Appends each event; lets the logger stand where an `AuditSink` is expected. */
  write(events: readonly AuditEventInput[]): void;
  /** Writes everything pending, waits for every sink, and rejects with the sink failures not yet reported. */
  flush(): Promise<void>;
  /** Hands everything pending to the sinks now, for exit handlers; asynchronous sinks still finish later. */
  flushSync(): void;
  /** Flushes, disposes every sink, and makes later appends throw `AuditClosedError`. */
  close(): Promise<void>;
  /** Same as `close()`. */
  dispose(): Promise<void>;
  stats(): AuditStats;
  readonly closed: boolean;
}

/** Filter of {@link MemoryAuditSink.query}; every given field must match. */
export interface AuditQuery {
  component?: string | undefined;
  category?: AuditEvent['category'] | undefined;
  decision?: AuditEvent['decision'] | undefined;
  /** Only events with `time >= since`. */
  since?: number | undefined;
  /** At most this many, the most recent ones. */
  limit?: number | undefined;
}

/** Position of the last record of a hash chain; keep it elsewhere to detect truncation and appended forgeries. */
export interface ChainHead {
  /** Sequence number of the last record, 0 for an empty log. */
  readonly seq: number;
  /** Hash of the last record, 64 zeros for an empty log. */
  readonly hash: string;
}

/** How a record of a hash-chained log was found to be bad. */
export type AuditTamperReason = 'edited' | 'removed' | 'reordered' | 'truncated' | 'appended' | 'malformed';

/** Outcome of {@link verifyAuditLog}: the count and head of a sound log, or the first bad record (1-based line). */
export type AuditVerifyResult =
  | { readonly ok: true; readonly count: number; readonly head: ChainHead }
  | {
      readonly ok: false;
      readonly line: number;
      readonly seq?: number | undefined;
      readonly reason: AuditTamperReason;
      readonly message: string;
    };
