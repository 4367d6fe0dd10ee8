// Audit logging: amortised append cost, and sustained throughput into the hash-chained JSONL sink with a count
// of the lines written (nothing may be lost), against plain `fs.writeSync` of the same bytes without hashing.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AuditEventInput,
  createAuditLogger,
  createHashChainSink,
  createMemorySink,
  verifyAuditLog,
} from '@airssys/audit';
import { emit } from './common.js';
import { type Row, timeSync } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
const SUSTAINED = 1_000_000;
const BATCH = 10_000;

function input(i: number): AuditEventInput {
  return {
    component: `acme/c${i % 16}`,
    category: i % 3 === 0 ? 'capability' : 'messaging',
    action: i % 3 === 0 ? 'read' : 'send',
    resource: `cache/key-${i}`,
    decision: i % 10 === 0 ? 'denied' : 'allowed',
    trustLevel: 'trusted',
    correlationId: `c-${i}`,
  };
}

function countLines(path: string): number {
  const bytes = readFileSync(path);
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines += 1;
  return lines;
}

function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const rows: Row[] = [];

// Amortised append: appends run synchronously, so every 10 000th one writes the batch; the cost is shared.
{
  const group = 'audit `append`, amortised per event';
  const BASELINE = 'push onto an array (baseline)';
  const events = Array.from({ length: 1_024 }, (_, i) => input(i));
  let n = 0;
  let array: AuditEventInput[] = [];
  const baseline = timeSync(() => {
    array.push(events[n++ & 1023]!);
    if (array.length === BATCH) array = [];
  }, 200_000);
  const memoryLogger = createAuditLogger({ sinks: [createMemorySink({ capacity: 50_000 })] });
  const memory = timeSync(() => memoryLogger.append(events[n++ & 1023]!), 200_000);
  const chainLogger = createAuditLogger({
    sinks: [createHashChainSink({ path: join(dir, 'append.jsonl') })],
  });
  const chain = timeSync(() => chainLogger.append(events[n++ & 1023]!), 200_000);
  await Promise.all([memoryLogger.close(), chainLogger.close()]);
  const target = '≤ 1 µs';
  rows.push({ group, case: BASELINE, value: baseline / 1e3, unit: 'µs' });
  rows.push({
    group,
    case: 'into the memory ring',
    value: memory / 1e3,
    unit: 'µs',
    baseline: BASELINE,
    target,
  });
  rows.push({
    group,
    case: 'into the hash-chained JSONL sink (serialise + sha-256 + write included)',
    value: chain / 1e3,
    unit: 'µs',
    baseline: BASELINE,
    target: '≤ 5 µs (200 000 events/s)',
  });
}

// Sustained throughput with a lost-record check.
{
  const group = `audit throughput, ${SUSTAINED.toLocaleString('en')} events`;
  const BASELINE = '`fs.writeSync` of the same bytes, no hashing (baseline)';
  const path = join(dir, 'sustained.jsonl');
  const sink = createHashChainSink({ path });
  const logger = createAuditLogger({ sinks: [sink] });
  const inputs = Array.from({ length: 4_096 }, (_, i) => input(i));
  const elapsed = seconds(() => {
    for (let i = 0; i < SUSTAINED; i++) logger.append(inputs[i & 4095]!);
    logger.flushSync();
  });
  await logger.close();
  const stats = logger.stats();
  const lines = countLines(path);
  if (lines !== SUSTAINED || stats.written !== SUSTAINED || stats.failed !== 0) {
    throw new Error(`lost events: appended ${SUSTAINED}, written ${stats.written}, lines ${lines}`);
  }
  const verifyStart = process.hrtime.bigint();
  const verdict = await verifyAuditLog(path);
  const verifySeconds = Number(process.hrtime.bigint() - verifyStart) / 1e9;
  if (!verdict.ok || verdict.count !== SUSTAINED)
    throw new Error(`chain does not verify: ${JSON.stringify(verdict)}`);

  // The same bytes, pre-built, written in the same batch size by plain writeSync: the floor of the file system.
  const records = readFileSync(path, 'utf8').split('\n').slice(0, -1);
  const chunks: string[] = [];
  for (let i = 0; i < records.length; i += BATCH) chunks.push(`${records.slice(i, i + BATCH).join('\n')}\n`);
  const fd = openSync(join(dir, 'baseline.jsonl'), 'a');
  const baselineElapsed = seconds(() => {
    for (const chunk of chunks) writeSync(fd, chunk);
  });
  closeSync(fd);

  rows.push({ group, case: BASELINE, value: SUSTAINED / baselineElapsed, unit: 'ops/s' });
  rows.push({
    group,
    case: 'logger → hash-chained JSONL (all lines counted, chain verified)',
    value: SUSTAINED / elapsed,
    unit: 'ops/s',
    baseline: BASELINE,
    target: '≥ 200 000 events/s, none lost',
  });
  rows.push({
    group,
    case: '`verifyAuditLog` of that file',
    value: SUSTAINED / verifySeconds,
    unit: 'ops/s',
  });
}

rmSync(dir, { recursive: true, force: true });
emit(rows);
