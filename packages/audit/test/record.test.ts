import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { digest, GENESIS_HASH, recordBody, sealRecord } from '../src/chain.js';
import { createHashChainSink, serializeEvent, verifyAuditLog } from '../src/index.js';
import { sampleEvent } from '../src/testing.js';
import { tempDirs } from './helpers.js';

const tempDir = tempDirs();

/** The serialisation as it was before the fast paths: one `JSON.stringify` of the record. */
function reference(event: AuditEvent): string {
  const record = {
    time: event.time,
    component: event.component,
    category: event.category,
    action: event.action,
    resource: event.resource,
    decision: event.decision,
    reason: event.reason,
    trustLevel: event.trustLevel,
    correlationId: event.correlationId,
    details: event.details,
  };
  try {
    return JSON.stringify(record);
  } catch (error) {
    const note = error instanceof Error ? error.message : String(error);
    return JSON.stringify({ ...record, details: { unserializable: note } });
  }
}

/** The bytes of a chain of `events` as the original writer made them. */
function referenceChain(events: readonly AuditEvent[], secret?: string): string {
  let hash = GENESIS_HASH;
  let text = '';
  events.forEach((event, i) => {
    const body = recordBody(i + 1, hash, reference(event));
    hash = digest(body, secret);
    text += `${sealRecord(body, hash)}\n`;
  });
  return text;
}

const base = {
  time: 1,
  component: 'acme/a',
  category: 'trust',
  action: 'verify',
  decision: 'allowed',
} as const;
const cyclic: Record<string, unknown> = {};
cyclic.self = cyclic;

/** Events that take every path of the hand-built serialisations. */
const tricky: AuditEvent[] = [
  base,
  {
    ...base,
    time: 1_700_000_000_123,
    resource: 'r',
    reason: 'why',
    trustLevel: 'trusted',
    correlationId: 'c',
  },
  { ...base, time: -0 },
  { ...base, time: 1.5e-7 },
  { ...base, time: 1e21 },
  { ...base, time: Number.NaN },
  { ...base, time: undefined as unknown as number },
  { ...base, component: 'quote " and backslash \\' },
  { ...base, action: 'tab\there\u0000nul\u001funit' },
  { ...base, resource: 'del \u007f, é, €, 😀' },
  { ...base, reason: 'lone \ud800 surrogate and \udc00 another' },
  { ...base, correlationId: 'line\u2028separator' },
  { ...base, category: 'x"y' as never, decision: 'é' as never, trustLevel: 'd\\' as never },
  { ...base, resource: 5 as never },
  { ...base, details: { n: 1, s: 'ü "q"', list: [1, null, 'two'] } },
  { ...base, details: { toJSON: (key: string) => ({ key }) } },
  { ...base, details: (() => 1) as never },
  { ...base, details: { big: 1n } },
  { ...base, details: cyclic },
  { ...base, resource: undefined, reason: undefined, trustLevel: undefined, correlationId: 'only' },
  ...Array.from({ length: 24 }, (_, i) => sampleEvent(i)),
];

describe('record encoding', () => {
  it('serialises every event exactly as one JSON.stringify of the record did', () => {
    for (const event of tricky) expect(serializeEvent(event)).toBe(reference(event));
  });

  it('writes the hash chain byte for byte as before, in one batch or many', async () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.jsonl');
    const sink = createHashChainSink({ path: whole });
    sink.writeSync(tricky);
    sink.dispose();
    expect(readFileSync(whole, 'utf8')).toBe(referenceChain(tricky));

    const pieces = join(dir, 'pieces.jsonl');
    const again = createHashChainSink({ path: pieces });
    for (const event of tricky) again.writeSync([event]);
    again.dispose();
    expect(readFileSync(pieces, 'utf8')).toBe(referenceChain(tricky));
    expect(await verifyAuditLog(pieces)).toMatchObject({ ok: true, count: tricky.length });
  });

  it('writes the same bytes with a secret', () => {
    const path = join(tempDir(), 'secret.jsonl');
    const sink = createHashChainSink({ path, secret: 'k1' });
    sink.writeSync(tricky);
    sink.dispose();
    expect(readFileSync(path, 'utf8')).toBe(referenceChain(tricky, 'k1'));
  });

  it('grows its buffer for a large batch and keeps writing correctly after it', async () => {
    const path = join(tempDir(), 'large.jsonl');
    const sink = createHashChainSink({ path });
    const large = Array.from({ length: 20_000 }, (_, i) => ({
      ...sampleEvent(i),
      details: { pad: 'x'.repeat(i % 500) },
    }));
    sink.writeSync(large);
    sink.writeSync(tricky);
    sink.dispose();
    const all = [...large, ...tricky];
    expect(readFileSync(path, 'utf8')).toBe(referenceChain(all));
    expect(await verifyAuditLog(path, { head: sink.head() })).toMatchObject({ ok: true, count: all.length });
  });
});
