import type { AuditEvent, AuditSink, LogFields, Logger } from '@airssys/core';

/** An audit sink that keeps every event in an array. */
export function createRecordingSink(): AuditSink & { events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  return { name: 'recording', events, write: (batch) => void events.push(...batch) };
}

/** A logger that keeps every record in an array. */
export function createRecordingLogger(): Logger & {
  records: { level: string; message: string; fields?: LogFields }[];
} {
  const records: { level: string; message: string; fields?: LogFields }[] = [];
  const logger: Logger & { records: typeof records } = {
    name: 'recording',
    records,
    debug: (message, fields) => void records.push({ level: 'debug', message, ...(fields ? { fields } : {}) }),
    info: (message, fields) => void records.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
    warn: (message, fields) => void records.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
    error: (message, fields) => void records.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
    child: () => logger,
  };
  return logger;
}

/** Catches what `fn` throws, for asserting on error fields. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the function to throw.');
}

/** Sample wasm and manifest bytes. */
export const WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 1, 2, 3, 4]);
export const MANIFEST = '[component]\nname = "order-intake"\nversion = "1.2.0"\n';
