import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../src/index.js';
import { readLines } from '../src/lines.js';
import { tempDirs } from './helpers.js';

const tempDir = tempDirs();

async function collect(path: string, chunkSize: number) {
  const out = [];
  for await (const line of readLines(path, chunkSize)) out.push(line);
  return out;
}

describe('lines', () => {
  it('splits lines across chunk boundaries, multi-byte characters included', async () => {
    const path = join(tempDir(), 'x.jsonl');
    writeFileSync(path, 'ab€cd\n\nlong-line-ü-€\nlast');
    expect(await collect(path, 3)).toEqual([
      { text: 'ab€cd', terminated: true },
      { text: '', terminated: true },
      { text: 'long-line-ü-€', terminated: true },
      { text: 'last', terminated: false },
    ]);
  });

  it('yields nothing for an empty file, which verifies as an empty chain', async () => {
    const path = join(tempDir(), 'empty.jsonl');
    writeFileSync(path, '');
    expect(await collect(path, 8)).toEqual([]);
    expect(await verifyAuditLog(path)).toEqual({
      ok: true,
      count: 0,
      head: { seq: 0, hash: '0'.repeat(64) },
    });
  });
});
