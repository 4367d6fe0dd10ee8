import type { Scheduler } from '@airssys/core';
import { MessagingError } from './errors.js';
import type { RequestCallback, RequestOutcome } from './types.js';

interface Pending {
  readonly to: string;
  readonly callback: RequestCallback;
  cancelTimer: () => void;
  detach: (() => void) | undefined;
}

/** Requests waiting for their reply, each with a timeout timer and optionally an abort signal. */
export interface RequestTable {
  /** Starts waiting for `correlationId`; the timer and signal settle it unless a reply comes first. */
  open(
    correlationId: string,
    to: string,
    timeoutMs: number,
    callback: RequestCallback,
    signal?: AbortSignal,
  ): void;
  /** Forgets a request without calling its callback (it was refused before it left). */
  discard(correlationId: string): void;
  /** Ends a request with `outcome`; false when it was not pending. */
  settle(correlationId: string, outcome: RequestOutcome): boolean;
  /** Ends every pending request with `cancelled`. */
  cancelAll(detail: string): void;
  readonly size: number;
}

/** Creates a {@link RequestTable}; `onCallbackError` gets what a callback throws. */
export function createRequestTable(
  scheduler: Scheduler,
  onCallbackError: (error: unknown) => void,
): RequestTable {
  const pending = new Map<string, Pending>();

  const remove = (correlationId: string): Pending | undefined => {
    const entry = pending.get(correlationId);
    if (entry === undefined) return undefined;
    pending.delete(correlationId);
    entry.cancelTimer();
    entry.detach?.();
    return entry;
  };

  const settle = (correlationId: string, outcome: RequestOutcome): boolean => {
    const entry = remove(correlationId);
    if (entry === undefined) return false;
    try {
      entry.callback(correlationId, outcome);
    } catch (error) {
      onCallbackError(error);
    }
    return true;
  };

  const fail = (correlationId: string, error: MessagingError): boolean =>
    settle(correlationId, { ok: false, error });

  return {
    open(correlationId, to, timeoutMs, callback, signal) {
      const entry: Pending = { to, callback, cancelTimer: () => {}, detach: undefined };
      pending.set(correlationId, entry);
      entry.cancelTimer = scheduler.setTimer(timeoutMs, () => {
        const detail = `\`${to}\` did not reply within ${timeoutMs} ms`;
        fail(correlationId, new MessagingError('timeout', detail, { componentId: to, correlationId }));
      });
      if (signal !== undefined) {
        const onAbort = (): void => {
          const detail = `request to \`${to}\` was aborted`;
          fail(correlationId, new MessagingError('cancelled', detail, { componentId: to, correlationId }));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        entry.detach = () => signal.removeEventListener('abort', onAbort);
      }
    },
    discard(correlationId) {
      remove(correlationId);
    },
    settle,
    cancelAll(detail) {
      for (const [correlationId, entry] of [...pending]) {
        fail(
          correlationId,
          new MessagingError('cancelled', detail, { componentId: entry.to, correlationId }),
        );
      }
    },
    get size() {
      return pending.size;
    },
  };
}
