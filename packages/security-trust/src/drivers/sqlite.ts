import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { ApprovalFilter, ApprovalRecord, ApprovalStore } from '../types.js';

/** File name of the approval database inside the data directory. */
export const DEFAULT_APPROVALS_FILE = 'approvals.sqlite';

/** Options of {@link createSqliteApprovalStore}. */
export interface SqliteApprovalStoreOptions {
  /** Database file, or `:memory:` for tests. @default `<dataDir>/approvals.sqlite` */
  path?: string | undefined;
  /** Data directory used when `path` is not given. @default `.airssys` under the working directory */
  dataDir?: string | undefined;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS approvals (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  wasm_hash TEXT NOT NULL,
  capability_hash TEXT NOT NULL,
  state TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS approvals_key ON approvals (name, wasm_hash, capability_hash);
CREATE INDEX IF NOT EXISTS approvals_state ON approvals (state);
`;

const UPSERT = `
INSERT INTO approvals (id, name, wasm_hash, capability_hash, state, record)
VALUES (@id, @name, @wasmHash, @capabilityHash, @state, @record)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, wasm_hash = excluded.wasm_hash,
  capability_hash = excluded.capability_hash, state = excluded.state, record = excluded.record`;

/** Keeps approval records in a SQLite file (WAL); parent folders are created on first use. */
export function createSqliteApprovalStore(options: SqliteApprovalStoreOptions = {}): ApprovalStore {
  const path =
    options.path ?? join(resolve(options.dataDir ?? join(process.cwd(), '.airssys')), DEFAULT_APPROVALS_FILE);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  // Loaded here so that importing the package never loads the native module.
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const upsert = db.prepare(UPSERT);
  const byId = db.prepare<[string], { record: string }>('SELECT record FROM approvals WHERE id = ?');
  const statements = new Map<string, BetterSqlite3.Statement<unknown[], { record: string }>>();

  const select = (filter: ApprovalFilter): ApprovalRecord[] => {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.state !== undefined) {
      const states = ([] as string[]).concat(filter.state);
      where.push(states.length === 0 ? '0' : `state IN (${states.map(() => '?').join(', ')})`);
      params.push(...states);
    }
    for (const [column, value] of [
      ['name', filter.name],
      ['wasm_hash', filter.wasmHash],
      ['capability_hash', filter.capabilityHash],
    ] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    const sql = `SELECT record FROM approvals${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} ORDER BY seq`;
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare<unknown[], { record: string }>(sql);
      statements.set(sql, statement);
    }
    return statement.all(...params).map((row) => JSON.parse(row.record) as ApprovalRecord);
  };

  return {
    name: 'sqlite',
    put(record) {
      upsert.run({
        id: record.id,
        name: record.name,
        wasmHash: record.wasmHash,
        capabilityHash: record.capabilityHash,
        state: record.state,
        record: JSON.stringify(record),
      });
    },
    get(id) {
      const row = byId.get(id);
      return row === undefined ? undefined : (JSON.parse(row.record) as ApprovalRecord);
    },
    list: (filter = {}) => select(filter),
    dispose() {
      if (db.open) db.close();
    },
  };
}
