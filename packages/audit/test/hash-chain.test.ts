import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHashChainSink, GENESIS_HASH, readAuditLog, verifyAuditLog } from '../src/index.js';
import { sampleEvent, testAuditSink } from '../src/testing.js';
import { tempDirs } from './helpers.js';

const tempDir = tempDirs();

testAuditSink('hash-chain', () => {
  const path = join(tempDir(), 'audit.chain.jsonl');
  return { sink: createHashChainSink({ path }), read: () => readAuditLog(path) };
});

describe('hash-chain', () => {
  it('numbers records from 1 and links each to the previous hash, the first to 64 zeros', () => {
    const path = join(tempDir(), 'audit.jsonl');
    const sink = createHashChainSink({ path });
    sink.writeSync([sampleEvent(1), sampleEvent(2)]);
    const [a, b] = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(a).toMatchObject({ seq: 1, prev: GENESIS_HASH, action: 'action-1' });
    expect(b).toMatchObject({ seq: 2, prev: a.hash });
    expect(sink.head()).toEqual({ seq: 2, hash: b.hash });
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('continues the chain of an existing file', async () => {
    const path = join(tempDir(), 'audit.jsonl');
    const first = createHashChainSink({ path });
    first.writeSync([sampleEvent(1), sampleEvent(2)]);
    first.dispose();
    const second = createHashChainSink({ path });
    expect(second.head()).toEqual(first.head());
    second.writeSync([sampleEvent(3)]);
    second.dispose();
    expect(await verifyAuditLog(path)).toEqual({ ok: true, count: 3, head: second.head() });
  });

  it('refuses to continue a file whose last record is cut short or edited', () => {
    const dir = tempDir();
    const cut = join(dir, 'cut.jsonl');
    createHashChainSink({ path: cut }).writeSync([sampleEvent(1)]);
    appendFileSync(cut, '{"seq":2,"prev":"');
    expect(() => createHashChainSink({ path: cut })).toThrow(
      expect.objectContaining({ code: 'AUDIT_CHAIN_BROKEN' }),
    );
    const edited = join(dir, 'edited.jsonl');
    createHashChainSink({ path: edited }).writeSync([sampleEvent(1)]);
    appendFileSync(
      edited,
      readFileSync(edited, 'utf8').replace('"seq":1', '"seq":2').replace('action-1', 'forged'),
    );
    expect(() => createHashChainSink({ path: edited })).toThrow(/does not match its hash/);
  });

  it('chains with an HMAC when given a secret', async () => {
    const path = join(tempDir(), 'audit.jsonl');
    createHashChainSink({ path, secret: 'k1' }).writeSync([sampleEvent(1)]);
    expect((await verifyAuditLog(path, { secret: 'k1' })).ok).toBe(true);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 1, reason: 'edited' });
  });
});
