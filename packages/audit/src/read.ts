import type { AuditEvent } from '@airssys/core';
import { eventFromRecord } from './event.js';
import { readLines } from './lines.js';

/**
 * Reads the events of a JSONL or hash-chained log, oldest first, without the chain fields. Throws a
 * `SyntaxError` naming the line for a line that is not JSON; a cut-short last line is skipped.
 */
export async function readAuditLog(path: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let line = 0;
  for await (const { text, terminated } of readLines(path)) {
    line += 1;
    if (!terminated) break;
    try {
      events.push(eventFromRecord(JSON.parse(text) as Record<string, unknown>));
    } catch (error) {
      throw new SyntaxError(`Expected line ${line} of \`${path}\` to be a JSON audit record.`, {
        cause: error,
      });
    }
  }
  return events;
}
