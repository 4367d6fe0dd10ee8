import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { StorageBackend, StorageUsage } from '@airssys/core';
import type Database from 'better-sqlite3';
import { StorageBackendError, type StorageErrorOptions } from '../errors.js';
import { prefixUpperBound } from '../order.js';
import type { SqliteStorageOptions, StorageLimits } from '../types.js';
import { checkKey, checkNamespace, checkPrefix, checkValue, resolveLimits } from '../validate.js';

/** The SQLite driver: a {@link StorageBackend} plus its file, its limits and `close()`. */
export interface SqliteStorage extends StorageBackend {
  readonly name: 'sqlite';
  /** Absolute path of the database file, or `:memory:`. */
  readonly path: string;
  readonly limits: StorageLimits;
  /** Closes the connection (checkpointing the WAL); later calls fail with `STORAGE_BACKEND`. Safe to repeat. */
  close(): void;
  /** Same as {@link SqliteStorage.close}. */
  dispose(): void;
}

/** Default data folder, relative to the working directory. */
export const DEFAULT_DATA_DIR = './.airssys';

/** File name of the database inside the data folder. */
export const SQLITE_FILE_NAME = 'storage.sqlite';

const SCHEMA_VERSION = 1;
const SCHEMA = `CREATE TABLE IF NOT EXISTS storage (
  namespace TEXT NOT NULL,
  key TEXT NOT NULL,
  value BLOB NOT NULL,
  PRIMARY KEY (namespace, key)
) WITHOUT ROWID`;

type Row = { keys: number; bytes: number };

function prepare(db: Database.Database) {
  const where = 'WHERE namespace = ? AND key = ?';
  return {
    get: db.prepare<[string, string], Buffer>(`SELECT value FROM storage ${where}`).pluck(),
    has: db.prepare<[string, string], number>(`SELECT 1 FROM storage ${where}`).pluck(),
    set: db.prepare<[string, string, Uint8Array]>(
      'INSERT INTO storage (namespace, key, value) VALUES (?, ?, ?) ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value',
    ),
    delete: db.prepare<[string, string]>(`DELETE FROM storage ${where}`),
    all: db.prepare<[string], string>('SELECT key FROM storage WHERE namespace = ? ORDER BY key').pluck(),
    // A range scan on the primary key; user text is only ever a bound parameter, never a LIKE pattern.
    range: db
      .prepare<[string, string, string], string>(
        'SELECT key FROM storage WHERE namespace = ? AND key >= ? AND key < ? ORDER BY key',
      )
      .pluck(),
    // Computed, not maintained: one pass over the namespace's slice of the primary key (see README).
    usage: db.prepare<[string], Row>(
      'SELECT COUNT(*) AS keys, COALESCE(SUM(octet_length(key) + length(value)), 0) AS bytes FROM storage WHERE namespace = ?',
    ),
  };
}

function reason(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Creates the embedded default storage: one SQLite file in WAL mode (`synchronous=NORMAL`), so data survives a
 * host restart. Loads `better-sqlite3` on first call. Throws `STORAGE_BACKEND` naming the file when it cannot be
 * opened or is not a database.
 * @example const storage = createSqliteStorage({ dataDir: '.airssys' }); // .airssys/storage.sqlite
 */
export function createSqliteStorage(options: SqliteStorageOptions = {}): SqliteStorage {
  const limits = resolveLimits(options);
  const given = options.path ?? join(options.dataDir ?? DEFAULT_DATA_DIR, SQLITE_FILE_NAME);
  const path = given === ':memory:' ? given : resolve(given);

  const fail = (what: string, cause: unknown, extra: StorageErrorOptions = {}): never => {
    throw new StorageBackendError(`Storage at \`${path}\` failed to ${what}: ${reason(cause)}.`, {
      ...extra,
      path,
      cause,
    });
  };

  let db: Database.Database | undefined;
  let sql: ReturnType<typeof prepare>;
  try {
    const require = createRequire(import.meta.url);
    const Sqlite = require('better-sqlite3') as typeof Database;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Sqlite(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`schema version ${version} is newer than the ${SCHEMA_VERSION} this package knows`);
    }
    db.exec(SCHEMA);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    sql = prepare(db);
  } catch (cause) {
    db?.close();
    throw new StorageBackendError(
      `Expected \`${path}\` to be a writable SQLite database file (or a path where one can be created), but opening it failed: ${reason(cause)}.`,
      { path, cause },
    );
  }
  const connection = db;

  const close = (): void => {
    if (connection.open) connection.close();
  };

  return {
    name: 'sqlite',
    path,
    limits,
    get(namespace, key) {
      checkNamespace(namespace);
      checkKey(namespace, key, limits);
      let value: Buffer | undefined;
      try {
        value = sql.get.get(namespace, key);
      } catch (cause) {
        fail('read a value', cause, { namespace, key });
      }
      return value === undefined
        ? undefined
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    },
    set(namespace, key, value) {
      checkNamespace(namespace);
      checkKey(namespace, key, limits);
      checkValue(namespace, key, value, limits);
      try {
        sql.set.run(namespace, key, value);
      } catch (cause) {
        fail('write a value', cause, { namespace, key });
      }
    },
    delete(namespace, key) {
      checkNamespace(namespace);
      checkKey(namespace, key, limits);
      try {
        return sql.delete.run(namespace, key).changes > 0;
      } catch (cause) {
        return fail('delete a value', cause, { namespace, key });
      }
    },
    has(namespace, key) {
      checkNamespace(namespace);
      checkKey(namespace, key, limits);
      try {
        return sql.has.get(namespace, key) !== undefined;
      } catch (cause) {
        return fail('look up a key', cause, { namespace, key });
      }
    },
    keys(namespace, prefix = '') {
      checkNamespace(namespace);
      checkPrefix(namespace, prefix, limits);
      try {
        return prefix === ''
          ? sql.all.all(namespace)
          : sql.range.all(namespace, prefix, prefixUpperBound(prefix));
      } catch (cause) {
        return fail('list keys', cause, { namespace });
      }
    },
    usage(namespace): StorageUsage {
      checkNamespace(namespace);
      try {
        const row = sql.usage.get(namespace) as Row;
        return { keys: row.keys, bytes: row.bytes };
      } catch (cause) {
        return fail('measure usage', cause, { namespace });
      }
    },
    close,
    dispose: close,
  };
}
