import type { AuditEvent, AuditSink, Logger } from '@airssys/core';

/** Hands one event to the sink without letting a failing or slow sink break the decision being audited. */
export function writeAudit(sink: AuditSink | undefined, event: AuditEvent, logger: Logger): void {
  if (sink === undefined) return;
  const report = (error: unknown): void =>
    logger.error(`Audit sink \`${sink.name}\` failed to write a \`${event.category}\` event.`, { error });
  try {
    const pending = sink.write([event]);
    if (pending instanceof Promise) pending.catch(report);
  } catch (error) {
    report(error);
  }
}
