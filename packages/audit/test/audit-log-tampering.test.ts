import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digest, recordBody, sealRecord } from '../src/chain.js';
import { createHashChainSink, verifyAuditLog } from '../src/index.js';
import { sampleEvent } from '../src/testing.js';
import { tempDirs } from './helpers.js';

// Attack cases: someone with write access to the log file edits, removes, reorders, truncates or forges
// records. verifyAuditLog must report the first bad record.

const tempDir = tempDirs();

function chain(count: number, secret?: string) {
  const path = join(tempDir(), 'audit.jsonl');
  const sink = createHashChainSink({ path, secret });
  sink.writeSync(Array.from({ length: count }, (_, i) => sampleEvent(i + 1)));
  sink.dispose();
  const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
  const save = (next: string[]) => writeFileSync(path, `${next.join('\n')}\n`);
  return { path, lines, save, head: sink.head() };
}

describe('audit log tampering', () => {
  it('accepts an untouched log', async () => {
    const { path, head } = chain(10);
    expect(await verifyAuditLog(path, { head })).toEqual({ ok: true, count: 10, head });
  });

  it('reports an edited record', async () => {
    const { path, lines, save } = chain(10);
    lines[3] = lines[3]!.replace('"decision":"allowed"', '"decision":"denied"');
    save(lines);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 4, seq: 4, reason: 'edited' });
  });

  it('reports an edited record whose hash was recomputed, through the broken link after it', async () => {
    const { path, lines, save } = chain(10);
    const record = JSON.parse(lines[3]!);
    const forgedEvent = { ...sampleEvent(4), decision: 'allowed', reason: 'nothing to see' };
    const body = recordBody(4, record.prev, JSON.stringify(forgedEvent));
    lines[3] = sealRecord(body, digest(body));
    save(lines);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 4, seq: 4, reason: 'edited' });
  });

  it('reports removed records at the first record after the gap', async () => {
    const { path, lines, save } = chain(10);
    lines.splice(4, 2);
    save(lines);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 5, seq: 7, reason: 'removed' });
  });

  it('reports a removed first record', async () => {
    const { path, lines, save } = chain(3);
    save(lines.slice(1));
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 1, seq: 2, reason: 'removed' });
  });

  it('reports swapped records as reordered', async () => {
    const { path, lines, save } = chain(10);
    [lines[6], lines[7]] = [lines[7]!, lines[6]!];
    save(lines);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 7, seq: 8, reason: 'reordered' });
  });

  it('reports a replayed copy of an earlier record as reordered', async () => {
    const { path, lines, save } = chain(5);
    save([...lines, lines[1]!]);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 6, seq: 2, reason: 'reordered' });
  });

  it('reports a log cut in the middle of a record as truncated', async () => {
    const { path } = chain(5);
    const size = readFileSync(path).length;
    truncateSync(path, size - 20);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 5, reason: 'truncated' });
  });

  it('reports whole records cut from the end as truncated when the head was kept', async () => {
    const { path, lines, save, head } = chain(5);
    save(lines.slice(0, 3));
    expect(await verifyAuditLog(path)).toMatchObject({ ok: true, count: 3 });
    expect(await verifyAuditLog(path, { head })).toMatchObject({
      ok: false,
      line: 4,
      seq: 4,
      reason: 'truncated',
    });
  });

  it('reports a naively forged record appended at the end', async () => {
    const { path, lines, save } = chain(5);
    const last = JSON.parse(lines[4]!);
    const forged = JSON.stringify({ ...last, seq: 6, prev: last.hash, action: 'grant-admin' });
    save([...lines, forged]);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 6, seq: 6, reason: 'edited' });
  });

  it('reports a well-computed forged record when the chain has a secret', async () => {
    const { path, lines, save, head } = chain(5, 'host-secret');
    const body = recordBody(6, head.hash, JSON.stringify({ ...sampleEvent(6), action: 'grant-admin' }));
    save([...lines, sealRecord(body, digest(body))]);
    expect(await verifyAuditLog(path, { secret: 'host-secret' })).toMatchObject({
      ok: false,
      line: 6,
      seq: 6,
      reason: 'edited',
    });
  });

  it('reports a well-computed forged record past the kept head as appended', async () => {
    const { path, lines, save, head } = chain(5);
    const body = recordBody(6, head.hash, JSON.stringify({ ...sampleEvent(6), action: 'grant-admin' }));
    save([...lines, sealRecord(body, digest(body))]);
    expect(await verifyAuditLog(path, { head })).toMatchObject({
      ok: false,
      line: 6,
      seq: 6,
      reason: 'appended',
    });
  });

  it('reports a line that is not a record as malformed', async () => {
    const { path, lines, save } = chain(5);
    lines[2] = '{"seq":3,"garbage":true}';
    save(lines);
    const result = await verifyAuditLog(path);
    expect(result).toMatchObject({ ok: false, line: 3, reason: 'malformed' });
    expect(result.ok === false && result.message).toBe(
      'The audit record at line 3 is not a hash-chain record.',
    );
  });
});
