import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Descriptor } from '../src/wasi/descriptor.js';
import type { DirectoryEntryStream } from '../src/wasi/directory-entry-stream.js';
import { errorPayload } from '../src/wasi/errors.js';
import { createWasi, type WasiHost } from '../src/wasi/index.js';
import type { IoError } from '../src/wasi/streams.js';

function outcome(fn: () => unknown): unknown {
  try {
    fn();
    return 'ok';
  } catch (error) {
    const payload = errorPayload(error);
    if (payload === undefined) throw error;
    return payload;
  }
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytes = (s: string) => new TextEncoder().encode(s);
const rw = { read: true, write: true };

function entries(stream: DirectoryEntryStream): string[] {
  const names: string[] = [];
  for (let entry = stream.readDirectoryEntry(); entry; entry = stream.readDirectoryEntry()) {
    names.push(`${entry.name}:${entry.type}`);
  }
  return names.sort();
}

let dir: string;
let host: WasiHost;
let root: Descriptor;
let filesystemErrorCode: (error: IoError) => string | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'airssys-wasi-fs-'));
  writeFileSync(join(dir, 'a.txt'), 'alpha');
  mkdirSync(join(dir, 'd'));
  host = createWasi({ preopens: { '.': dir } });
  const fs = host.imports['wasi:filesystem/preopens'] as {
    getDirectories: () => Array<[Descriptor, string]>;
  };
  root = fs.getDirectories()[0]![0];
  ({ filesystemErrorCode } = host.imports['wasi:filesystem/types'] as typeof fs & {
    filesystemErrorCode: (error: IoError) => string | undefined;
  });
});

afterEach(() => {
  host.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('wasi filesystem descriptors', () => {
  it('creates, writes, reads back, truncates and appends a file', () => {
    const file = root.openAt({}, 'new.txt', { create: true, exclusive: true }, rw);
    expect(file.write(bytes('hello world'), 0n)).toBe(11n);
    expect(file.read(5n, 0n)).toEqual([bytes('hello'), false]);
    expect(file.read(100n, 6n)).toEqual([bytes('world'), true]);
    expect(file.read(0n, 0n)).toEqual([new Uint8Array(0), false]);
    expect(file.stat()).toMatchObject({ type: 'regular-file', size: 11n, linkCount: 1n });
    file.setSize(5n);
    const out = file.appendViaStream();
    out.blockingWriteAndFlush(bytes('!'));
    expect(readFileSync(join(dir, 'new.txt'), 'utf8')).toBe('hello!');
    expect(file.getType()).toBe('regular-file');
    expect(file.getFlags()).toEqual(rw);
  });

  it('streams a file in and out from an offset', () => {
    const file = root.openAt({}, 'a.txt', {}, rw);
    const input = file.readViaStream(2n);
    expect(text(input.blockingRead(2n))).toBe('ph');
    expect(input.skip(10n)).toBe(1n);
    expect(outcome(() => input.read(1n))).toEqual({ tag: 'closed' });
    const output = file.writeViaStream(5n);
    expect(output.checkWrite()).toBeGreaterThan(0n);
    output.write(bytes('-beta'));
    output.blockingFlush();
    expect(output.subscribe().ready()).toBe(true);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('alpha-beta');
  });

  it('keeps a stream usable after its descriptor is dropped, then closes the file', () => {
    const file = root.openAt({}, 'a.txt', {}, { read: true });
    const input = file.readViaStream(0n);
    file[Symbol.dispose]();
    expect(outcome(() => file.read(1n, 0n))).toBe('bad-descriptor');
    expect(text(input.read(5n))).toBe('alpha');
    input[Symbol.dispose]();
    expect(outcome(() => input.read(1n))).toEqual({ tag: 'closed' });
  });

  it('makes, lists, renames and removes entries', () => {
    root.createDirectoryAt('d/e');
    root.symlinkAt('a.txt', 'link');
    root.linkAt({}, 'a.txt', root, 'd/hard.txt');
    expect(entries(root.readDirectory())).toEqual([
      'a.txt:regular-file',
      'd:directory',
      'link:symbolic-link',
    ]);
    expect(root.readlinkAt('link')).toBe('a.txt');
    expect(root.statAt({}, 'link').type).toBe('symbolic-link');
    expect(root.statAt({ symlinkFollow: true }, 'link').type).toBe('regular-file');
    root.renameAt('d/hard.txt', root, 'moved.txt');
    const sub = root.openAt({}, 'd', { directory: true }, { read: true });
    expect(entries(sub.readDirectory())).toEqual(['e:directory']);
    sub.removeDirectoryAt('e');
    root.unlinkFileAt('link');
    root.unlinkFileAt('moved.txt');
    expect(existsSync(join(dir, 'd', 'e'))).toBe(false);
    expect(existsSync(join(dir, 'moved.txt'))).toBe(false);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('alpha');
  });

  it('maps host errors to WASI error codes', () => {
    writeFileSync(join(dir, 'd', 'f'), '');
    expect(outcome(() => root.openAt({}, 'missing', {}, { read: true }))).toBe('no-entry');
    expect(outcome(() => root.openAt({}, 'a.txt', { create: true, exclusive: true }, rw))).toBe('exist');
    expect(outcome(() => root.openAt({}, 'a.txt', { directory: true }, { read: true }))).toBe(
      'not-directory',
    );
    expect(outcome(() => root.openAt({}, 'd', {}, rw))).toBe('is-directory');
    expect(outcome(() => root.openAt({}, 'd', { create: true }, { read: true }))).toBe('is-directory');
    expect(outcome(() => root.openAt({}, 'a.txt/x', {}, { read: true }))).toBe('not-directory');
    expect(outcome(() => root.removeDirectoryAt('d'))).toBe('not-empty');
    expect(outcome(() => root.unlinkFileAt('d'))).toBe('is-directory');
    expect(outcome(() => root.createDirectoryAt('d'))).toBe('exist');
    expect(outcome(() => root.readlinkAt('a.txt'))).toBe('invalid');
    expect(outcome(() => root.statAt({}, 'a.txt/'))).toBe('not-directory');
    const file = root.openAt({}, 'a.txt', {}, { read: true });
    expect(outcome(() => file.openAt({}, 'x', {}, { read: true }))).toBe('not-directory');
    expect(outcome(() => file.write(bytes('x'), 0n))).toBe('bad-descriptor');
    expect(outcome(() => root.read(1n, 0n))).toBe('is-directory');
    expect(outcome(() => root.readViaStream(0n))).toBe('is-directory');
  });

  it('tells whether two descriptors are the same file', () => {
    root.linkAt({}, 'a.txt', root, 'same.txt');
    const a = root.openAt({}, 'a.txt', {}, { read: true });
    const b = root.openAt({}, 'same.txt', {}, { read: true });
    const d = root.openAt({}, 'd', { directory: true }, { read: true });
    expect(a.isSameObject(b)).toBe(true);
    expect(a.isSameObject(d)).toBe(false);
    expect(a.metadataHash()).toEqual(root.metadataHashAt({}, 'same.txt'));
    expect(a.metadataHash()).not.toEqual(d.metadataHash());
  });

  it('sets times from a timestamp and leaves `no-change` alone', () => {
    root.setTimesAt(
      {},
      'a.txt',
      { tag: 'timestamp', val: { seconds: 1_000_000n, nanoseconds: 0 } },
      { tag: 'no-change' },
    );
    const stat = root.statAt({}, 'a.txt');
    expect(stat.dataAccessTimestamp?.seconds).toBe(1_000_000n);
    expect(stat.dataModificationTimestamp?.seconds).toBeGreaterThan(1_000_000n);
  });

  it('closes every open file on dispose and fails later calls with `bad-descriptor`', () => {
    const file = root.openAt({}, 'a.txt', {}, { read: true });
    const input = file.readViaStream(0n);
    host.dispose();
    expect(outcome(() => file.read(1n, 0n))).toBe('bad-descriptor');
    expect(outcome(() => root.openAt({}, 'a.txt', {}, { read: true }))).toBe('bad-descriptor');
    expect(outcome(() => input.read(1n))).toEqual({ tag: 'closed' });
  });

  it('keeps preopen descriptors usable after the guest drops one handle to them', () => {
    root[Symbol.dispose]();
    expect(root.statAt({}, 'a.txt').size).toBe(5n);
  });

  it('fails a write whose host callback throws, without passing the host error text to the guest', () => {
    const failure = { tag: 'last-operation-failed' as const };
    const stdout = (
      createWasi({
        stdout: () => {
          throw new Error('sink broke');
        },
      }).imports['wasi:cli/stdout'] as { getStdout: () => { write: (b: Uint8Array) => void } }
    ).getStdout();
    const error = outcome(() => stdout.write(bytes('x'))) as typeof failure & { val: IoError };
    expect(error.tag).toBe('last-operation-failed');
    expect(error.val.toDebugString()).toBe('The host could not take this write to stdout.');
    expect(filesystemErrorCode(error.val)).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')(
    'opens a FIFO without blocking and reports its read error with a code',
    () => {
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      const writer = openSync(join(dir, 'pipe'), constants.O_RDWR | constants.O_NONBLOCK);
      try {
        const input = root.openAt({}, 'pipe', {}, { read: true }).readViaStream(0n);
        const error = outcome(() => input.read(1n)) as { tag: string; val: IoError };
        expect(error.tag).toBe('last-operation-failed');
        expect(filesystemErrorCode(error.val)).toBe('would-block');
      } finally {
        closeSync(writer);
      }
    },
  );
});
