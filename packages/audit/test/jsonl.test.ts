import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditClosedError, createJsonlSink, readAuditLog, rotatedPath } from '../src/index.js';
import { sampleEvent, testAuditSink } from '../src/testing.js';
import { tempDirs } from './helpers.js';

const tempDir = tempDirs();

testAuditSink('jsonl', () => {
  const path = join(tempDir(), 'logs', 'audit.jsonl');
  return { sink: createJsonlSink({ path }), read: () => readAuditLog(path) };
});

describe('jsonl', () => {
  it('writes one JSON object per line', () => {
    const path = join(tempDir(), 'audit.jsonl');
    const sink = createJsonlSink({ path });
    sink.writeSync([sampleEvent(1), sampleEvent(2)]);
    sink.dispose();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toMatchObject({ action: 'action-1', component: 'acme/b' });
  });

  it('names rotated files before the extension', () => {
    expect(rotatedPath('/d/audit.jsonl', 1)).toBe('/d/audit.1.jsonl');
    expect(rotatedPath('/d/audit', 2)).toBe('/d/audit.2');
  });

  it('rotates by size, keeps maxFiles rotated files and loses nothing in between', async () => {
    const path = join(tempDir(), 'audit.jsonl');
    const sink = createJsonlSink({ path, maxBytes: 2_000, maxFiles: 3 });
    const events = Array.from({ length: 60 }, (_, i) => sampleEvent(i));
    for (let i = 0; i < events.length; i += 7) sink.writeSync(events.slice(i, i + 7));
    sink.dispose();
    const files = [3, 2, 1].map((i) => rotatedPath(path, i)).concat(path);
    for (const file of files) expect(statSync(file).size).toBeLessThanOrEqual(2_000);
    expect(existsSync(rotatedPath(path, 4))).toBe(false);
    const kept = (await Promise.all(files.map(readAuditLog))).flat();
    expect(kept).toEqual(events.slice(events.length - kept.length));
    expect(kept.length).toBeGreaterThan(20);
  });

  it('continues an existing file', async () => {
    const path = join(tempDir(), 'audit.jsonl');
    const first = createJsonlSink({ path });
    first.writeSync([sampleEvent(1)]);
    first.dispose();
    const second = createJsonlSink({ path });
    second.writeSync([sampleEvent(2)]);
    second.dispose();
    expect(await readAuditLog(path)).toEqual([sampleEvent(1), sampleEvent(2)]);
  });

  it('refuses writes after dispose', () => {
    const sink = createJsonlSink({ path: join(tempDir(), 'audit.jsonl') });
    sink.dispose();
    expect(() => sink.writeSync([sampleEvent(1)])).toThrow(AuditClosedError);
  });

  it('rejects bad options naming the value', () => {
    expect(() => createJsonlSink({ path: '' })).toThrow(/`path`/);
    expect(() => createJsonlSink({ path: join(tempDir(), 'a.jsonl'), maxBytes: -1 })).toThrow(
      'Expected `maxBytes` to be a whole number from `1`, got `-1`.',
    );
  });
});
