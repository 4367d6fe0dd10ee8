// Storage hot paths for both drivers, each against a baseline measured in the same run: a plain `Map` for the
// memory driver, a raw better-sqlite3 prepared statement on the same kind of file for the SQLite driver.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStorage, createSqliteStorage, scopeStorage } from '@airssys/storage';
import Database from 'better-sqlite3';
import { emit } from './common.js';
import { type Row, timeSync } from './harness.js';

const NS = 'bench/app';
const dir = mkdtempSync(join(tmpdir(), 'airssys-bench-storage-'));
const value = new Uint8Array(64).fill(7);
const LISTED = Array.from({ length: 1000 }, (_, i) => `item/${String(i).padStart(4, '0')}`);
const rows: Row[] = [];
let sink = 0;

const memory = createMemoryStorage();
const sqlite = createSqliteStorage({ dataDir: dir });
const raw = new Database(join(dir, 'raw.sqlite'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');
raw.exec(`CREATE TABLE kv (namespace TEXT, key TEXT, value BLOB, PRIMARY KEY (namespace, key)) WITHOUT ROWID;
  CREATE TABLE usage (namespace TEXT PRIMARY KEY, keys INTEGER, bytes INTEGER) WITHOUT ROWID;
  INSERT INTO usage VALUES ('${NS}', 0, 0);`);
const rawGet = raw.prepare('SELECT value FROM kv WHERE namespace = ? AND key = ?').pluck();
const rawSet = raw.prepare(
  'INSERT INTO kv VALUES (?, ?, ?) ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value',
);
const rawOld = raw.prepare('SELECT length(value) FROM kv WHERE namespace = ? AND key = ?').pluck();
const rawBump = raw.prepare('UPDATE usage SET bytes = bytes + ? WHERE namespace = ?');
// The alternative to computing usage by SQL: keep a usage row up to date in the same transaction as each write.
const rawSetTracked = raw.transaction((key: string, bytes: Uint8Array) => {
  const old = rawOld.get(NS, key) as number | undefined;
  rawSet.run(NS, key, bytes);
  rawBump.run(bytes.byteLength - (old ?? 0), NS);
});

const map = new Map<string, Uint8Array>();
for (const key of LISTED) {
  memory.set(NS, key, value);
  sqlite.set(NS, key, value);
  rawSet.run(NS, key, value);
  map.set(key, value);
}

// A quota that always allows, so the row shows what charging costs the scoped view (it reads the old size first).
let charged = 0;
const quota = {
  tryConsume: (_kind: 'storage', amount: number) => (charged += amount),
  release: (_kind: 'storage', amount: number) => {
    charged -= amount;
  },
};
const scoped = scopeStorage(sqlite, NS, { quota });

const add = (
  group: string,
  base: string,
  baseValue: number,
  cases: [string, number][],
  unit: Row['unit'],
) => {
  rows.push({ group, case: base, value: baseValue, unit });
  for (const [name, figure] of cases) rows.push({ group, case: name, value: figure, unit, baseline: base });
};

{
  const group = 'storage `get` (hit, 64 B)';
  const mapBase = '`Map.get` (baseline)';
  const rawBase = 'raw better-sqlite3 `SELECT` (baseline)';
  add(
    group,
    mapBase,
    timeSync(() => (sink += map.get('item/0500')?.byteLength ?? 0), 200_000),
    [['memory driver', timeSync(() => (sink += memory.get(NS, 'item/0500')?.byteLength ?? 0), 200_000)]],
    'ns',
  );
  add(
    group,
    rawBase,
    timeSync(() => (sink += (rawGet.get(NS, 'item/0500') as Buffer).length), 50_000),
    [
      [
        'sqlite driver (WAL file)',
        timeSync(() => (sink += sqlite.get(NS, 'item/0500')?.byteLength ?? 0), 50_000),
      ],
    ],
    'ns',
  );
}

{
  const group = 'storage `set` (64 B, overwrite)';
  const mapBase = '`Map.set` (baseline)';
  const rawBase = 'raw better-sqlite3 upsert (baseline)';
  add(
    group,
    mapBase,
    timeSync(() => map.set('item/0500', value), 200_000),
    [['memory driver', timeSync(() => memory.set(NS, 'item/0500', value), 200_000)]],
    'ns',
  );
  add(
    group,
    rawBase,
    timeSync(() => rawSet.run(NS, 'item/0500', value), 10_000),
    [
      ['sqlite driver (WAL file)', timeSync(() => sqlite.set(NS, 'item/0500', value), 10_000)],
      [
        'sqlite driver through `scopeStorage` with a quota',
        timeSync(() => scoped.set('item/0500', value), 10_000),
      ],
      [
        'raw upsert + usage row in one transaction (rejected design)',
        timeSync(() => rawSetTracked('item/0500', value), 10_000),
      ],
    ],
    'ns',
  );
}

{
  const group = 'storage `keys(prefix)` (1000 of 1000 keys)';
  const mapBase = '`Map` keys filtered by `startsWith` and sorted (baseline)';
  const rawBase = 'raw better-sqlite3 range `SELECT` (baseline)';
  const rawRange = raw
    .prepare('SELECT key FROM kv WHERE namespace = ? AND key >= ? AND key < ? ORDER BY key')
    .pluck();
  const mapKeys = () => [...map.keys()].filter((k) => k.startsWith('item/')).sort();
  add(
    group,
    mapBase,
    timeSync(() => (sink += mapKeys().length), 500) / 1000,
    [['memory driver', timeSync(() => (sink += memory.keys(NS, 'item/').length), 500) / 1000]],
    'µs',
  );
  add(
    group,
    rawBase,
    timeSync(() => (sink += rawRange.all(NS, 'item/', 'item/\u{10FFFF}').length), 500) / 1000,
    [['sqlite driver (WAL file)', timeSync(() => (sink += sqlite.keys(NS, 'item/').length), 500) / 1000]],
    'µs',
  );
}

{
  const group = 'storage `usage()` (1000 keys)';
  const rawBase = 'raw read of a maintained usage row (baseline)';
  const rawUsage = raw.prepare('SELECT keys, bytes FROM usage WHERE namespace = ?');
  add(
    group,
    rawBase,
    timeSync(() => rawUsage.get(NS), 20_000) / 1000,
    [
      ['sqlite driver, computed by SQL', timeSync(() => (sink += sqlite.usage(NS).bytes), 2_000) / 1000],
      [
        'memory driver (maintained counters)',
        timeSync(() => (sink += memory.usage(NS).bytes), 200_000) / 1000,
      ],
    ],
    'µs',
  );
}

sqlite.close();
raw.close();
rmSync(dir, { recursive: true, force: true });
if (sink === 0 || charged !== 0) throw new Error('the benchmark read nothing or left a quota charge');
emit(rows);
