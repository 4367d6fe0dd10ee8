import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Descriptor } from '../src/wasi/descriptor.js';
import { errorPayload } from '../src/wasi/errors.js';
import { createWasi, type WasiOptions } from '../src/wasi/index.js';

/** The WASI error a host call returned to the guest, or `'ok'` when it succeeded. */
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

function preopens(options: WasiOptions): Array<[Descriptor, string]> {
  const { getDirectories } = createWasi(options).imports['wasi:filesystem/preopens'] as {
    getDirectories: () => Array<[Descriptor, string]>;
  };
  return getDirectories();
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const follow = { symlinkFollow: true };
const read = { read: true };

let base: string;
let box: string;
let outside: string;
let root: Descriptor;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'airssys-wasi-sandbox-'));
  box = join(base, 'box');
  outside = join(base, 'outside');
  mkdirSync(join(box, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(box, 'hello.txt'), 'hi');
  writeFileSync(join(box, 'sub', 'inner.txt'), 'inner');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync('../outside/secret.txt', join(box, 'out-file'));
  symlinkSync(outside, join(box, 'out-dir'));
  symlinkSync('../outside/new.txt', join(box, 'dangling-out'));
  symlinkSync('c2', join(box, 'c1'));
  symlinkSync('sub/inner.txt', join(box, 'c2'));
  symlinkSync('e2', join(box, 'e1'));
  symlinkSync('out-file', join(box, 'e2'));
  symlinkSync('loop2', join(box, 'loop1'));
  symlinkSync('loop1', join(box, 'loop2'));
  symlinkSync(join(box, 'hello.txt'), join(box, 'abs-inside'));
  symlinkSync('..', join(box, 'sub', 'up'));
  symlinkSync('../..', join(box, 'sub', 'escape'));
  const [first] = preopens({ preopens: { '/box': box } });
  root = first![0];
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('wasi filesystem sandbox', () => {
  it('reads files inside the preopen, through `..` that stays inside and symlinks that stay inside', () => {
    for (const path of ['hello.txt', './hello.txt', 'sub/../hello.txt', 'sub/up/hello.txt', 'abs-inside']) {
      const file = root.openAt(follow, path, {}, read);
      expect(text(file.read(100n, 0n)[0]), path).toBe('hi');
    }
    const chained = root.openAt(follow, 'c1', {}, read);
    expect(text(chained.read(100n, 0n)[0])).toBe('inner');
    expect(root.statAt({}, 'sub').type).toBe('directory');
  });

  it('rejects `..` beyond the preopen, absolute paths, backslashes and NUL', () => {
    for (const path of ['..', '../outside/secret.txt', 'a/../../x', 'sub/../../outside/secret.txt']) {
      expect(
        outcome(() => root.openAt({}, path, {}, read)),
        path,
      ).toBe('not-permitted');
      expect(
        outcome(() => root.statAt({}, path)),
        path,
      ).toBe('not-permitted');
    }
    for (const path of ['/etc/passwd', join(outside, 'secret.txt'), '..\\outside\\secret.txt']) {
      expect(
        outcome(() => root.openAt({}, path, {}, read)),
        path,
      ).toBe('not-permitted');
    }
    expect(outcome(() => root.openAt({}, 'hello.txt\0', {}, read))).toBe('invalid');
    expect(outcome(() => root.statAt({}, 'sub\0/../hello.txt'))).toBe('invalid');
  });

  it('denies a symlink that points outside, to a file or a directory, followed or as a parent', () => {
    expect(outcome(() => root.openAt(follow, 'out-file', {}, read))).toBe('not-permitted');
    expect(outcome(() => root.statAt(follow, 'out-file'))).toBe('not-permitted');
    expect(outcome(() => root.openAt({}, 'out-file', {}, read))).toBe('loop');
    expect(root.statAt({}, 'out-file').type).toBe('symbolic-link');
    expect(outcome(() => root.openAt(follow, 'out-dir', { directory: true }, read))).toBe('not-permitted');
    expect(outcome(() => root.openAt({}, 'out-dir/secret.txt', {}, read))).toBe('not-permitted');
    expect(outcome(() => root.statAt({}, 'out-dir/secret.txt'))).toBe('not-permitted');
    expect(outcome(() => root.openAt(follow, 'sub/escape/outside/secret.txt', {}, read))).toBe(
      'not-permitted',
    );
    expect(outcome(() => root.metadataHashAt(follow, 'out-file'))).toBe('not-permitted');
  });

  it('denies a symlink chain that ends outside and reports a loop as `loop`', () => {
    expect(outcome(() => root.openAt(follow, 'e1', {}, read))).toBe('not-permitted');
    expect(outcome(() => root.openAt(follow, 'loop1', {}, read))).toBe('loop');
  });

  it('never creates a file outside through a dangling symlink', () => {
    const create = () => root.openAt(follow, 'dangling-out', { create: true }, { read: true, write: true });
    expect(outcome(create)).toBe('not-permitted');
    expect(existsSync(join(outside, 'new.txt'))).toBe(false);
  });

  it('denies renaming or hard-linking out of the preopen, or hard-linking an outside file in', () => {
    writeFileSync(join(box, 'movable.txt'), 'm');
    expect(outcome(() => root.renameAt('movable.txt', root, '../stolen.txt'))).toBe('not-permitted');
    expect(outcome(() => root.renameAt('movable.txt', root, 'out-dir/stolen.txt'))).toBe('not-permitted');
    expect(outcome(() => root.renameAt('../outside/secret.txt', root, 'got.txt'))).toBe('not-permitted');
    expect(outcome(() => root.linkAt({}, 'movable.txt', root, '../linked.txt'))).toBe('not-permitted');
    expect(outcome(() => root.linkAt({}, 'movable.txt', root, 'out-dir/linked.txt'))).toBe('not-permitted');
    expect(outcome(() => root.linkAt(follow, 'out-file', root, 'pulled-in.txt'))).toBe('not-permitted');
    expect(existsSync(join(base, 'stolen.txt'))).toBe(false);
    expect(existsSync(join(outside, 'stolen.txt'))).toBe(false);
    expect(existsSync(join(outside, 'linked.txt'))).toBe(false);
    expect(existsSync(join(box, 'pulled-in.txt'))).toBe(false);
    expect(readFileSync(join(box, 'movable.txt'), 'utf8')).toBe('m');
  });

  it('refuses to create symlinks whose target is absolute or climbs out', () => {
    expect(outcome(() => root.symlinkAt('/etc/passwd', 'abs-link'))).toBe('not-permitted');
    expect(outcome(() => root.symlinkAt('../outside/secret.txt', 'rel-link'))).toBe('not-permitted');
    expect(outcome(() => root.symlinkAt('../../secret', 'sub/deep-link'))).toBe('not-permitted');
    expect(root.symlinkAt('../hello.txt', 'sub/ok-link')).toBeUndefined();
    expect(text(root.openAt(follow, 'sub/ok-link', {}, read).read(10n, 0n)[0])).toBe('hi');
  });

  it('refuses removing or replacing the preopen itself', () => {
    expect(outcome(() => root.removeDirectoryAt('.'))).toBe('invalid');
    expect(outcome(() => root.removeDirectoryAt('sub/..'))).toBe('invalid');
    expect(outcome(() => root.renameAt('sub/..', root, 'moved'))).toBe('invalid');
    expect(existsSync(box)).toBe(true);
  });

  it('keeps a directory opened inside the preopen confined to the preopen', () => {
    const sub = root.openAt({}, 'sub', { directory: true }, read);
    expect(text(sub.openAt({}, '../hello.txt', {}, read).read(10n, 0n)[0])).toBe('hi');
    expect(outcome(() => sub.openAt({}, '../../outside/secret.txt', {}, read))).toBe('not-permitted');
    expect(outcome(() => sub.openAt(follow, 'escape/outside/secret.txt', {}, read))).toBe('not-permitted');
  });
});

describe('wasi read-only preopen', () => {
  let ro: Descriptor;
  beforeAll(() => {
    mkdirSync(join(box, 'ro-dir'));
    writeFileSync(join(box, 'ro-dir', 'keep.txt'), 'keep');
    linkSync(join(box, 'hello.txt'), join(box, 'ro-dir', 'hard.txt'));
    const [first] = preopens({ preopens: { '/ro': { hostPath: join(box, 'ro-dir'), readonly: true } } });
    ro = first![0];
  });

  it('reads but refuses every change', () => {
    const file = ro.openAt({}, 'keep.txt', {}, read);
    expect(text(file.read(10n, 0n)[0])).toBe('keep');
    expect(ro.getFlags()).toEqual({ read: true });
    const refused: Record<string, () => unknown> = {
      'open for write': () => ro.openAt({}, 'keep.txt', {}, { read: true, write: true }),
      'open with create': () => ro.openAt({}, 'new.txt', { create: true }, read),
      'open with truncate': () => ro.openAt({}, 'keep.txt', { truncate: true }, read),
      'open with mutate-directory': () => ro.openAt({}, '.', { directory: true }, { mutateDirectory: true }),
      'create-directory-at': () => ro.createDirectoryAt('d'),
      'unlink-file-at': () => ro.unlinkFileAt('keep.txt'),
      'remove-directory-at': () => ro.removeDirectoryAt('x'),
      'rename-at': () => ro.renameAt('keep.txt', ro, 'moved.txt'),
      'symlink-at': () => ro.symlinkAt('keep.txt', 'l'),
      'link-at': () => ro.linkAt({}, 'keep.txt', ro, 'l2'),
      'set-times-at': () => ro.setTimesAt({}, 'keep.txt', { tag: 'now' }, { tag: 'now' }),
      'set-times': () => ro.setTimes({ tag: 'now' }, { tag: 'now' }),
      'write on a read file': () => file.write(new Uint8Array([1]), 0n),
      'write-via-stream on a read file': () => file.writeViaStream(0n),
      'set-size on a read file': () => file.setSize(0n),
    };
    for (const [what, fn] of Object.entries(refused)) expect(outcome(fn), what).toBe('read-only');
    expect(readFileSync(join(box, 'ro-dir', 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('refuses hard-linking a read-only file into a writable preopen', () => {
    const [[rw], [roRoot]] = preopens({
      preopens: { '/rw': join(box, 'sub'), '/ro': { hostPath: join(box, 'ro-dir'), readonly: true } },
    }) as [[Descriptor, string], [Descriptor, string]];
    expect(outcome(() => roRoot.linkAt({}, 'keep.txt', rw, 'writable-alias.txt'))).toBe('read-only');
    expect(outcome(() => rw.renameAt('inner.txt', roRoot, 'moved.txt'))).toBe('read-only');
  });
});

describe('wasi capabilities by default', () => {
  it('gives no preopens unless asked', () => {
    expect(preopens({})).toEqual([]);
    expect(preopens({ env: { A: 'b' } })).toEqual([]);
  });

  it('gives exactly the preopens asked for, under their guest paths', () => {
    const list = preopens({ preopens: { '/data': box, cache: { hostPath: join(box, 'sub') } } });
    expect(list.map(([, path]) => path)).toEqual(['/data', 'cache']);
  });

  it('refuses a preopen whose host directory does not exist', () => {
    expect(() => createWasi({ preopens: { '/x': join(base, 'missing') } })).toThrow(/`\/x`/);
    expect(() => createWasi({ preopens: { '/x': join(box, 'hello.txt') } })).toThrow(/file/);
  });

  it('exposes only the env given, never the host process environment', () => {
    process.env.AIRSSYS_WASI_TEST_SECRET = 'leak';
    try {
      const env = (options: WasiOptions) =>
        (
          createWasi(options).imports['wasi:cli/environment'] as { getEnvironment: () => [string, string][] }
        ).getEnvironment();
      expect(env({})).toEqual([]);
      expect(env({ env: { ONLY: 'this' } })).toEqual([['ONLY', 'this']]);
      expect(JSON.stringify(env({ env: { ONLY: 'this' } }))).not.toContain('leak');
    } finally {
      delete process.env.AIRSSYS_WASI_TEST_SECRET;
    }
  });
});
