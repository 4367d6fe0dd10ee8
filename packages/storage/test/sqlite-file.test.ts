import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStorage, type SqliteStorage } from '../src/index.js';
import { expectStorageError } from '../src/testing.js';

const NS = 'acme/app';

describe('sqlite driver on disk', () => {
  let dir: string;
  let open: SqliteStorage[];
  const make = (options: Parameters<typeof createSqliteStorage>[0]) => {
    const storage = createSqliteStorage(options);
    open.push(storage);
    return storage;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'airssys-storage-'));
    open = [];
  });
  afterEach(() => {
    for (const storage of open) storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates <dataDir>/storage.sqlite and its missing folders', () => {
    const storage = make({ dataDir: join(dir, 'a', 'b') });
    expect(storage.path).toBe(join(dir, 'a', 'b', 'storage.sqlite'));
    storage.set(NS, 'k', Uint8Array.of(1));
    expect(storage.get(NS, 'k')).toEqual(Uint8Array.of(1));
  });

  it('keeps data across closing and reopening the file (a host restart)', () => {
    const first = make({ dataDir: dir });
    first.set(NS, 'kept', Uint8Array.of(1, 2, 3));
    first.set(NS, 'gone', Uint8Array.of(4));
    first.delete(NS, 'gone');
    first.close();
    first.close();
    const second = make({ dataDir: dir });
    expect(second.get(NS, 'kept')).toEqual(Uint8Array.of(1, 2, 3));
    expect(second.keys(NS)).toEqual(['kept']);
    expect(second.usage(NS)).toEqual({ keys: 1, bytes: 7 });
  });

  it('lets a second connection see committed writes', () => {
    const writer = make({ dataDir: dir });
    const reader = make({ dataDir: dir });
    writer.set(NS, 'k', Uint8Array.of(9));
    expect(reader.get(NS, 'k')).toEqual(Uint8Array.of(9));
    reader.set(NS, 'k2', Uint8Array.of(8));
    expect(writer.keys(NS)).toEqual(['k', 'k2']);
  });

  it('fails with STORAGE_BACKEND naming the file when it is not a database', () => {
    const path = join(dir, 'corrupt.sqlite');
    writeFileSync(path, 'this is not an SQLite database, just some text that is long enough'.repeat(20));
    expectStorageError(() => make({ path }), 'STORAGE_BACKEND', path);
  });

  it('fails with STORAGE_BACKEND naming the file when its folder cannot be made', () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    const path = join(blocker, 'storage.sqlite');
    expectStorageError(() => make({ path }), 'STORAGE_BACKEND', path);
  });

  it('fails with STORAGE_BACKEND after close', () => {
    const storage = make({ path: ':memory:' });
    storage.close();
    expectStorageError(() => storage.get(NS, 'k'), 'STORAGE_BACKEND', ':memory:');
  });

  it('uses WAL on a file', () => {
    const storage = make({ dataDir: dir });
    storage.set(NS, 'k', Uint8Array.of(1));
    // The WAL file sits next to the database while a connection is open.
    expect(existsSync(`${storage.path}-wal`)).toBe(true);
  });
});
