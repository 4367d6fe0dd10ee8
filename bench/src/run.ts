// `npm run bench`: runs every `*.bench.ts` in its own process, one after another, and writes docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Row } from './harness.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const output = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const rows: Row[] = [];
for (const file of files) {
  const started = performance.now();
  process.stderr.write(`bench ${file} … `);
  const out = execFileSync(tsx, [`${here}${file}`], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = out.trim().split('\n').pop()!;
  rows.push(...(JSON.parse(line) as Row[]));
  process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

function format(value: number, unit: Row['unit']): string {
  if (unit === 'ops/s') return `${Math.round(value).toLocaleString('en-US')} ops/s`;
  if (unit === 'ns' && value >= 10_000) return `${(value / 1000).toFixed(1)} µs`;
  if (unit === 'ns') return `${Math.round(value)} ns`;
  return `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ${unit}`;
}

const groups = new Map<string, Row[]>();
for (const row of rows) groups.set(row.group, [...(groups.get(row.group) ?? []), row]);
const lines = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loadavg()[0]!.toFixed(2)} when it finished.`,
  'Every figure is a median; each group is measured in one process with its baseline beside it, so read the ratios',
  'rather than the absolute numbers (the shared 2-core VM is noisy, ±15 % between runs and more). The packages are',
  'measured as built (`dist/`), as users run them. Benchmarks never fail a build.',
  '',
];
for (const [group, list] of groups) {
  lines.push(`## ${group}`, '', '| case | median | vs baseline | target |', '|---|---|---|---|');
  for (const row of list) {
    const base = row.baseline ? list.find((r) => r.case === row.baseline) : undefined;
    const isBase = list.some((r) => r.baseline === row.case);
    const ratio = base ? `${(row.value / base.value).toFixed(2)}×` : isBase ? '(baseline)' : '';
    lines.push(`| ${row.case} | ${format(row.value, row.unit)} | ${ratio} | ${row.target ?? ''} |`);
  }
  lines.push('');
}
writeFileSync(output, `${lines.join('\n')}\n`);
process.stderr.write(`wrote ${output}\n`);
