import type { AuditEvent, AuditSink, Clock, QuotaKind } from '@airssys/core';
import type { QuotaThresholdEvent, QuotaThresholdListener } from './types.js';

/** Fields of a quota audit record; the rest is filled by {@link createNotifier}. */
export interface QuotaAuditInput {
  readonly componentId: string;
  readonly action: 'consume' | 'release' | 'threshold';
  readonly kind: QuotaKind | undefined;
  readonly decision: 'denied' | 'info';
  readonly reason: string;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** Delivers threshold events to listeners and records to the audit sink, isolating the caller from their errors. */
export interface Notifier {
  on(listener: QuotaThresholdListener): () => void;
  threshold(event: QuotaThresholdEvent): void;
  audit(input: QuotaAuditInput): void;
  clear(): void;
}

/**
 * Default error handler: a listener or sink failure must neither undo nor fail the quota decision that
 * triggered it, and must not vanish either, so it is re-thrown on its own where uncaught-error handling sees it.
 */
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

/** Creates the {@link Notifier} of a ledger. */
export function createNotifier(
  clock: Clock,
  sink: AuditSink | undefined,
  onError: (error: unknown) => void = rethrowLater,
): Notifier {
  let listeners: QuotaThresholdListener[] = [];

  const audit = (input: QuotaAuditInput): void => {
    if (sink === undefined) return;
    const event: AuditEvent = {
      time: clock.now(),
      component: input.componentId,
      category: 'quota',
      action: input.action,
      resource: input.kind,
      decision: input.decision,
      reason: input.reason,
      details: input.details,
    };
    try {
      const pending = sink.write([event]);
      if (pending !== undefined) pending.catch(onError);
    } catch (error) {
      onError(error);
    }
  };

  return {
    on(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
    threshold(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onError(error);
        }
      }
      audit({
        componentId: event.componentId,
        action: 'threshold',
        kind: event.kind,
        decision: 'info',
        reason: `\`${event.kind}\` usage is ${event.level}: \`${event.used}\` of \`${event.limit}\`.`,
        details: { level: event.level, used: event.used, limit: event.limit },
      });
    },
    audit,
    clear() {
      listeners = [];
    },
  };
}
