import { type ChainSecret, digest, GENESIS_HASH, openRecord } from './chain.js';
import { readLines } from './lines.js';
import type { AuditTamperReason, AuditVerifyResult, ChainHead } from './types.js';

/** Options of {@link verifyAuditLog}. */
export interface VerifyAuditLogOptions {
  /** The secret the log was written with, if any. */
  secret?: ChainSecret | undefined;
  /** The head the writer last reported (`sink.head()`), kept elsewhere: catches truncation and appended records. */
  head?: ChainHead | undefined;
}

const WHY: Readonly<Record<AuditTamperReason, string>> = {
  edited: 'was edited (its content or hash no longer match the chain)',
  removed: 'follows removed records',
  reordered: 'is out of order',
  truncated: 'is missing or cut short',
  appended: 'was appended after the known head',
  malformed: 'is not a hash-chain record',
};

function bad(line: number, seq: number | undefined, reason: AuditTamperReason): AuditVerifyResult {
  const which = seq === undefined ? `line ${line}` : `line ${line} (seq ${seq})`;
  return { ok: false, line, seq, reason, message: `The audit record at ${which} ${WHY[reason]}.` };
}

/**
 * Checks a hash-chained log from its first record and reports the first bad one: `edited` (content changed, or
 * rewritten with a recomputed hash that the next record no longer links to), `removed`, `reordered`,
 * `truncated` (a cut-short last line, or fewer records than `head`), `appended` (past `head`) or `malformed`.
 * A forger who recomputes every later hash is only caught with a `secret` or a `head` kept elsewhere.
 * @example const result = await verifyAuditLog('data/audit.chain.jsonl'); if (!result.ok) console.error(result.message);
 */
export async function verifyAuditLog(
  path: string,
  options: VerifyAuditLogOptions = {},
): Promise<AuditVerifyResult> {
  const { secret, head } = options;
  let line = 0;
  let last: ChainHead = { seq: 0, hash: GENESIS_HASH };
  // A record whose seq skips ahead: `removed`, unless the missing seq turns up later (then `reordered`).
  let gap: { line: number; seq: number; missing: number } | undefined;

  for await (const { text, terminated } of readLines(path)) {
    line += 1;
    if (gap !== undefined) {
      if (openRecord(text)?.seq === gap.missing) return bad(gap.line, gap.seq, 'reordered');
      continue;
    }
    if (!terminated) return bad(line, undefined, 'truncated');
    const record = openRecord(text);
    if (record === undefined) return bad(line, undefined, 'malformed');
    if (digest(record.body, secret) !== record.hash) return bad(line, record.seq, 'edited');
    const expected = last.seq + 1;
    if (record.seq < expected) return bad(line, record.seq, 'reordered');
    if (record.seq > expected) {
      gap = { line, seq: record.seq, missing: expected };
      continue;
    }
    // Seq is right but the link is not: the previous record was rewritten with a fresh hash.
    if (record.prev !== last.hash)
      return line === 1 ? bad(1, 1, 'edited') : bad(line - 1, last.seq, 'edited');
    if (head !== undefined && record.seq > head.seq) return bad(line, record.seq, 'appended');
    if (head !== undefined && record.seq === head.seq && record.hash !== head.hash) {
      return bad(line, record.seq, 'edited');
    }
    last = { seq: record.seq, hash: record.hash };
  }
  if (gap !== undefined) return bad(gap.line, gap.seq, 'removed');
  if (head !== undefined && last.seq < head.seq) return bad(line + 1, last.seq + 1, 'truncated');
  return { ok: true, count: last.seq, head: last };
}
