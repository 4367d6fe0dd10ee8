// Loading a component in a fresh process: cold (transpile with jco) against a warm disk cache.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guestPath } from '@airssys/test-guests';
import { emit } from './common.js';
import { median, type Row } from './harness.js';

const probe = fileURLToPath(new URL('./load-probe.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

function loadOnce(cacheDir: string, path: string): { ms: number; transpiled: number } {
  const out = execFileSync(tsx, ['--conditions=@airssys/source', probe, cacheDir, path], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const rows: Row[] = [];
for (const name of ['echo', 'ts-echo'] as const) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'bench-load-'));
    const first = loadOnce(cacheDir, guestPath(name));
    if (first.transpiled !== 1) throw new Error('cold load did not transpile');
    cold.push(first.ms);
    const second = loadOnce(cacheDir, guestPath(name));
    if (second.transpiled !== 0) throw new Error('warm load transpiled again');
    warm.push(second.ms);
  }
  const group = `load \`${name}\` in a fresh process`;
  rows.push({ group, case: 'cold: transpile with jco 1.13.0 (baseline)', value: median(cold), unit: 'ms' });
  rows.push({
    group,
    case: 'warm: disk cache hit',
    value: median(warm),
    unit: 'ms',
    baseline: 'cold: transpile with jco 1.13.0 (baseline)',
  });
}
emit(rows);
