import { existsSync, writeSync as fsWriteSync } from 'node:fs';
import { type AuditEvent, describeValue } from '@airssys/core';
import { type ChainSecret, digest, digestBytes, GENESIS_HASH, openRecord, recordBody } from '../chain.js';
import { AuditChainError, AuditClosedError, InvalidAuditOptionsError } from '../errors.js';
import { serializeEvent } from '../event.js';
import { closeFd, openAppend, readLastLine } from '../file.js';
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

/** Bytes of `,"hash":"<64 hex>"}\n` beyond the body's own `}`. */
const SEAL_BYTES = 76;
/** The batch buffer a sink starts with. */
const INITIAL_BYTES = 64 * 1024;
/** The batch buffer a sink keeps between writes; a larger one, grown for a big batch, is let go after it. */
const RETAINED_BYTES = 4 << 20;

/** A buffer of at least `need` bytes holding the first `used` bytes of `buffer`. */
function grow(buffer: Buffer, used: number, need: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(need, buffer.length * 2));
  buffer.copy(next, 0, 0, used);
  return next;
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
  let buffer: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);

  const writeSync = (events: readonly AuditEvent[]): void => {
    if (fd < 0)
      throw new AuditClosedError(`Expected an open audit log, got a disposed sink for \`${path}\`.`);
    if (failure !== undefined) {
      const message = `Expected to continue the chain of \`${path}\`, but an earlier write failed and may have left a partial record.`;
      throw new AuditChainError(message, { path, cause: failure });
    }
    if (events.length === 0) return;
    // Every record goes straight into one reusable buffer as UTF-8: its body is hashed in place (the exact bytes
    // written), then the body's closing `}` is overwritten by `,"hash":"…"}` and a newline; one write per batch.
    let { seq, hash } = head;
    let at = 0;
    for (const event of events) {
      seq += 1;
      const body = recordBody(seq, hash, serializeEvent(event));
      // A UTF-16 unit is at most 3 bytes of UTF-8; the seal adds 76.
      const need = at + body.length * 3 + SEAL_BYTES;
      if (need > buffer.length) buffer = grow(buffer, at, need);
      const end = at + buffer.write(body, at);
      hash = digestBytes(buffer.subarray(at, end), secret);
      at = end - 1;
      at += buffer.write(`,"hash":"${hash}"}\n`, at, 'latin1');
    }
    const bytes = buffer;
    if (buffer.length > RETAINED_BYTES) buffer = Buffer.allocUnsafe(INITIAL_BYTES);
    try {
      let offset = 0;
      while (offset < at) offset += fsWriteSync(fd, bytes, offset, at - offset);
    } catch (error) {
      failure = error;
      throw error;
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
