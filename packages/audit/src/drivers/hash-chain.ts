import { existsSync, writeSync as writeFileSync } from 'node:fs';
import { type AuditEvent, describeValue } from '@airssys/core';
import { type ChainSecret, digest, digestBytes, GENESIS_HASH, openRecord } from '../chain.js';
import { AuditChainError, AuditClosedError, InvalidAuditOptionsError } from '../errors.js';
import { closeFd, openAppend, readLastLine } from '../file.js';
import { RecordBuffer } from '../record.js';
import type { ChainHead, SyncAuditSink } from '../types.js';

/** Options of {@link createHashChainSink}. */
export interface HashChainSinkOptions {
  /** The log file; an existing one is continued from its last record. */
  path: string;
  /** Makes every hash an HMAC under this secret, so records cannot be forged without it. */
  secret?: ChainSecret | undefined;
}

/** A tamper-evident JSON-lines sink: each record carries `seq`, the previous record's hash and its own. */
export interface HashChainAuditSink extends SyncAuditSink {
  readonly path: string;
  /** The last record written; store it apart from the log to detect truncation and appended forgeries. */
  head(): ChainHead;
  /** Closes the file; later writes throw `AuditClosedError`. */
  dispose(): void;
}

/** The head of an existing log, checked enough to continue it safely: a whole, self-consistent last record. */
function resume(path: string, secret: ChainSecret | undefined): ChainHead {
  const last = existsSync(path) ? readLastLine(path) : undefined;
  if (last === undefined) return { seq: 0, hash: GENESIS_HASH };
  const broken = (why: string) =>
    new AuditChainError(
      `Expected the last record of \`${path}\` to be a whole hash-chain record, but it ${why}; run verifyAuditLog on it.`,
      { path },
    );
  if (!last.terminated) throw broken('is cut short (no newline)');
  const record = openRecord(last.text);
  if (record === undefined) throw broken('is malformed');
  if (digest(record.body, secret) !== record.hash) throw broken('does not match its hash');
  return { seq: record.seq, hash: record.hash };
}

/**
 * Creates a hash-chained JSONL sink at `path`: records are numbered from 1, the first links to 64 zeros.
 * @example const sink = createHashChainSink({ path: 'data/audit.chain.jsonl' }); // verifyAuditLog(sink.path)
 */
export function createHashChainSink(options: HashChainSinkOptions): HashChainAuditSink {
  const { path, secret } = options;
  if (typeof path !== 'string' || path === '') {
    const message = `Expected \`path\` to be a file path like \`data/audit.jsonl\`, got \`${describeValue(path)}\`.`;
    throw new InvalidAuditOptionsError(message, { key: 'path', value: path });
  }
  let head = resume(path, secret);
  let { fd } = openAppend(path);
  let failure: unknown;
  const records = new RecordBuffer();

  const writeSync = (events: readonly AuditEvent[]): void => {
    if (fd < 0)
      throw new AuditClosedError(`Expected an open audit log, got a disposed sink for \`${path}\`.`);
    if (failure !== undefined) {
      const message = `Expected to continue the chain of \`${path}\`, but an earlier write failed and may have left a partial record.`;
      throw new AuditChainError(message, { path, cause: failure });
    }
    if (events.length === 0) return;
    // Each record is encoded into one reusable buffer, its body hashed in place (the exact bytes written) and
    // sealed with the hash; one write per batch.
    let { seq, hash } = head;
    try {
      for (const event of events) {
        seq += 1;
        const start = records.appendBody(seq, hash, event);
        hash = digestBytes(records.bytes.subarray(start, records.length), secret);
        records.seal(hash);
      }
      const { bytes, length } = records;
      try {
        let offset = 0;
        while (offset < length) offset += writeFileSync(fd, bytes, offset, length - offset);
      } catch (error) {
        failure = error;
        throw error;
      }
    } finally {
      records.reset();
    }
    head = { seq, hash };
  };

  return {
    name: 'hash-chain',
    path,
    writeSync,
    write: writeSync,
    head: () => head,
    dispose() {
      fd = closeFd(fd);
    },
  };
}
