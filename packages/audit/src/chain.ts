import * as crypto from 'node:crypto';

// The record format of the hash chain, as pure functions. A record is one JSON line:
//   {"seq":N,"prev":"<hash of record N-1>",<the event's fields>,"hash":"<hash of everything before it>"}
// `hash` is the sha-256 (or, with a secret, HMAC-sha-256) of the line with the `hash` member removed, that is
// the exact bytes of the "body" `{"seq":N,"prev":"...",...}`. Verification hashes the raw bytes it reads, never a
// re-serialisation, so key order and number formatting cannot hide or fake an edit.

/** `prev` of the first record: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

const SEAL = /,"hash":"([0-9a-f]{64})"\}$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** A secret turns the chain's sha-256 into HMAC-sha-256, so a forger without it cannot compute valid hashes. */
export type ChainSecret = string | Uint8Array;

// `crypto.hash` (Node >= 20.12) is the fastest one-shot digest; fall back to `createHash` before it.
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array) => string }).hash;

/** Hex digest of a record body. */
export function digest(body: string, secret?: ChainSecret): string {
  if (secret !== undefined) return crypto.createHmac('sha256', secret).update(body).digest('hex');
  return oneShot !== undefined
    ? oneShot('sha256', body)
    : crypto.createHash('sha256').update(body).digest('hex');
}

/** Hex digest of record body bytes, as {@link digest} of the same text (hashed as UTF-8). */
export function digestBytes(body: Uint8Array, secret?: ChainSecret): string {
  if (secret !== undefined) return crypto.createHmac('sha256', secret).update(body).digest('hex');
  return oneShot !== undefined
    ? oneShot('sha256', body)
    : crypto.createHash('sha256').update(body).digest('hex');
}

/** The body of record `seq` linking to `prev`, from the JSON of an event (which starts with `{`). */
export function recordBody(seq: number, prev: string, eventJson: string): string {
  return `{"seq":${seq},"prev":"${prev}",${eventJson.slice(1)}`;
}

/** The full line (without newline) of a body and its hash. */
export function sealRecord(body: string, hash: string): string {
  return `${body.slice(0, -1)},"hash":"${hash}"}`;
}

/** A record line taken apart; `fields` is the parsed body. */
export interface OpenedRecord {
  readonly body: string;
  readonly hash: string;
  readonly seq: number;
  readonly prev: string;
  readonly fields: Record<string, unknown>;
}

/** Takes a record line apart, or returns `undefined` when it is not a well-formed chain record. */
export function openRecord(line: string): OpenedRecord | undefined {
  const seal = SEAL.exec(line);
  if (seal === null) return undefined;
  const body = `${line.slice(0, seal.index)}}`;
  let fields: unknown;
  try {
    fields = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return undefined;
  const { seq, prev } = fields as Record<string, unknown>;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) return undefined;
  if (typeof prev !== 'string' || !HEX64.test(prev)) return undefined;
  return { body, hash: seal[1]!, seq: seq as number, prev, fields: fields as Record<string, unknown> };
}
