// The `*-at` operations of a directory descriptor. Each resolves its guest path(s) through the sandbox first
// and refuses every change under a read-only preopen.

import {
  closeSync,
  constants,
  fstatSync,
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
} from 'node:fs';
import { fail, hostCall } from './errors.js';
import { FileHandle, type FsContext } from './file-handle.js';
import { descriptorType, metadataHash, newTimes, toDescriptorStat } from './fs-stat.js';
import {
  checkSymlinkTarget,
  lastGuestSegment,
  lstatOrUndefined,
  type Resolved,
  resolveAt,
  resolveDirectory,
  type SandboxRoot,
} from './sandbox.js';
import type {
  DescriptorFlags,
  DescriptorStat,
  DirectoryEntry,
  MetadataHashValue,
  NewTimestamp,
  OpenFlags,
  PathFlags,
} from './wit-types.js';

/** What a descriptor is: where it lives under which preopen, how it was opened, and its fd for a file. */
export interface DescriptorState {
  readonly ctx: FsContext;
  readonly root: SandboxRoot;
  readonly rel: readonly string[];
  readonly flags: DescriptorFlags;
  /** The open file, or `undefined` for a directory (directories are addressed by path). */
  readonly handle: FileHandle | undefined;
  readonly preopen: boolean;
  closed: boolean;
}

function writable(dir: DescriptorState): void {
  if (dir.root.readonly) fail('read-only');
}

/** Resolves a path that names an entry to change: never `.`/`..` as last segment, never the root itself. */
function target(dir: DescriptorState, path: string): Resolved {
  const last = lastGuestSegment(path);
  if (last === '.' || last === '..') fail('invalid');
  const resolved = resolveAt(dir.root, dir.rel, path, false);
  if (resolved.rel.length === 0) fail('not-permitted');
  return resolved;
}

function follows(flags: PathFlags | undefined): boolean {
  return flags?.symlinkFollow === true;
}

function openFlagsFor(open: OpenFlags, flags: DescriptorFlags): number {
  let mode = flags.write ? (flags.read ? constants.O_RDWR : constants.O_WRONLY) : constants.O_RDONLY;
  // The last component is already resolved; O_NOFOLLOW stops a symlink swapped in since. O_NONBLOCK keeps
  // a FIFO from blocking the open.
  mode |= constants.O_NOFOLLOW | constants.O_NONBLOCK;
  if (open.create) mode |= constants.O_CREAT;
  if (open.exclusive) mode |= constants.O_EXCL;
  if (open.truncate) mode |= constants.O_TRUNC;
  if (flags.fileIntegritySync) mode |= constants.O_SYNC;
  if (flags.dataIntegritySync) mode |= constants.O_DSYNC;
  return mode;
}

/** `open-at`: a new descriptor state for a file (with its fd) or a directory. */
export function openAt(
  dir: DescriptorState,
  pathFlags: PathFlags,
  path: string,
  open: OpenFlags,
  flags: DescriptorFlags,
): DescriptorState {
  if (flags.write || flags.mutateDirectory || open.create || open.truncate) writable(dir);
  if (flags.requestedWriteSync) fail('unsupported');
  const resolved = resolveAt(dir.root, dir.rel, path, follows(pathFlags));
  const child = (handle: FileHandle | undefined): DescriptorState => ({
    ctx: dir.ctx,
    root: dir.root,
    rel: resolved.rel,
    flags: { ...flags },
    handle,
    preopen: false,
    closed: false,
  });
  const existing = lstatOrUndefined(resolved.host);
  if (existing !== undefined) {
    if (open.create && open.exclusive) fail('exist');
    if (existing.isSymbolicLink()) fail(open.directory ? 'not-directory' : 'loop');
    if (existing.isDirectory()) {
      if (flags.write || open.truncate) fail('is-directory');
      return child(undefined);
    }
    if (open.directory) fail('not-directory');
  } else {
    if (!open.create) fail('no-entry');
    if (open.directory) fail('invalid');
  }
  const fd = hostCall(() => openSync(resolved.host, openFlagsFor(open, flags), 0o666));
  if (hostCall(() => fstatSync(fd)).isDirectory()) {
    closeSync(fd); // replaced by a directory in between: treat it as one
    if (flags.write) fail('is-directory');
    return child(undefined);
  }
  return child(new FileHandle(dir.ctx, fd));
}

/** `stat-at`. */
export function statAt(dir: DescriptorState, pathFlags: PathFlags, path: string): DescriptorStat {
  const { host } = resolveAt(dir.root, dir.rel, path, follows(pathFlags));
  return toDescriptorStat(hostCall(() => lstatSync(host, { bigint: true })));
}

/** `metadata-hash-at`. */
export function metadataHashAt(dir: DescriptorState, pathFlags: PathFlags, path: string): MetadataHashValue {
  const { host } = resolveAt(dir.root, dir.rel, path, follows(pathFlags));
  return metadataHash(
    dir.ctx,
    hostCall(() => lstatSync(host, { bigint: true })),
  );
}

/** `set-times-at`. */
export function setTimesAt(
  dir: DescriptorState,
  pathFlags: PathFlags,
  path: string,
  access: NewTimestamp,
  modification: NewTimestamp,
): void {
  writable(dir);
  const follow = follows(pathFlags);
  const { host } = resolveAt(dir.root, dir.rel, path, follow);
  const [atime, mtime] = newTimes(access, modification, () =>
    hostCall(() => lstatSync(host, { bigint: true })),
  );
  hostCall(() => (follow ? utimesSync : lutimesSync)(host, atime, mtime));
}

/** `create-directory-at`. */
export function createDirectoryAt(dir: DescriptorState, path: string): void {
  writable(dir);
  const { host, rel } = resolveAt(dir.root, dir.rel, path, false);
  if (rel.length === 0) fail('exist');
  hostCall(() => mkdirSync(host));
}

/** `remove-directory-at`. */
export function removeDirectoryAt(dir: DescriptorState, path: string): void {
  writable(dir);
  const { host } = target(dir, path);
  hostCall(() => rmdirSync(host));
}

/** `unlink-file-at`. */
export function unlinkFileAt(dir: DescriptorState, path: string): void {
  writable(dir);
  const { host } = target(dir, path);
  hostCall(() => unlinkSync(host));
}

/** `readlink-at`: the link's text as stored. */
export function readlinkAt(dir: DescriptorState, path: string): string {
  const { host } = resolveAt(dir.root, dir.rel, path, false);
  return hostCall(() => readlinkSync(host));
}

/** `symlink-at`: only relative targets that stay inside the preopen. */
export function symlinkAt(dir: DescriptorState, linkTarget: string, path: string): void {
  writable(dir);
  const { host, rel } = target(dir, path);
  checkSymlinkTarget(rel, linkTarget);
  hostCall(() => symlinkSync(linkTarget, host));
}

/** `rename-at`: both ends must be writable (they may be different preopens). */
export function renameAt(from: DescriptorState, oldPath: string, to: DescriptorState, newPath: string): void {
  writable(from);
  writable(to);
  const source = target(from, oldPath);
  const destination = target(to, newPath);
  hostCall(() => renameSync(source.host, destination.host));
}

/**
 * `link-at`: both preopens must be writable, or a hard link would let the guest write, through a writable
 * preopen, a file it may only read.
 */
export function linkAt(
  from: DescriptorState,
  oldPathFlags: PathFlags,
  oldPath: string,
  to: DescriptorState,
  newPath: string,
): void {
  writable(from);
  writable(to);
  const source = resolveAt(from.root, from.rel, oldPath, follows(oldPathFlags));
  if (source.rel.length === 0) fail('not-permitted');
  const destination = target(to, newPath);
  hostCall(() => linkSync(source.host, destination.host));
}

/** `read-directory`: a snapshot of the entries (`.` and `..` are never listed). */
export function readDirectory(dir: DescriptorState): DirectoryEntry[] {
  const host = resolveDirectory(dir.root, dir.rel);
  const entries = hostCall(() => readdirSync(host, { withFileTypes: true }));
  return entries.map((entry) => ({ name: entry.name, type: descriptorType(entry) }));
}
