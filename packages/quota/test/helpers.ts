import { type AuditEvent, type AuditSink, createManualClock } from '@airssys/core';
import { createQuotaLedger, type QuotaLedgerOptions, type QuotaThresholdEvent } from '../src/index.js';

/** A ledger on a manual clock with an audit sink and a threshold listener that record everything. */
export function setup(options: QuotaLedgerOptions = {}) {
  const clock = createManualClock(1_000);
  const records: AuditEvent[] = [];
  const audit: AuditSink = { name: 'recorder', write: (events) => void records.push(...events) };
  const ledger = createQuotaLedger({ clock, audit, ...options });
  const thresholds: QuotaThresholdEvent[] = [];
  ledger.on('threshold', (event) => thresholds.push(event));
  return { clock, ledger, records, thresholds };
}
