// The `*-at` operations of a directory descriptor. Each resolves its guest path(s) through the sandbox first
// and refuses every change under a read-only preopen.

import {
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
} from 'node:fs';
import { type DescriptorState, follows, requireWritable } from './descriptor-state.js';
import { fail, hostCall } from './errors.js';
import { descriptorType, metadataHash, newTimes, toDescriptorStat } from './fs-stat.js';
import {
  checkSymlinkTarget,
  lastGuestSegment,
  type Resolved,
  resolveAt,
  resolveDirectory,
} from './sandbox.js';
import type {
  DescriptorStat,
  DirectoryEntry,
  MetadataHashValue,
  NewTimestamp,
  PathFlags,
} from './wit-types.js';

/** Resolves a path that names an entry to change: never `.`/`..` as last segment, never the root itself. */
function target(dir: DescriptorState, path: string): Resolved {
  const last = lastGuestSegment(path);
  if (last === '.' || last === '..') fail('invalid');
  const resolved = resolveAt(dir.root, dir.rel, path, false);
  if (resolved.rel.length === 0) fail('not-permitted');
  return resolved;
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
  requireWritable(dir);
  const follow = follows(pathFlags);
  const { host } = resolveAt(dir.root, dir.rel, path, follow);
  const [atime, mtime] = newTimes(access, modification, () =>
    hostCall(() => lstatSync(host, { bigint: true })),
  );
  hostCall(() => (follow ? utimesSync : lutimesSync)(host, atime, mtime));
}

/** `create-directory-at`. */
export function createDirectoryAt(dir: DescriptorState, path: string): void {
  requireWritable(dir);
  const { host, rel } = resolveAt(dir.root, dir.rel, path, false);
  if (rel.length === 0) fail('exist');
  hostCall(() => mkdirSync(host));
}

/** `remove-directory-at`. */
export function removeDirectoryAt(dir: DescriptorState, path: string): void {
  requireWritable(dir);
  const { host } = target(dir, path);
  hostCall(() => rmdirSync(host));
}

/** `unlink-file-at`. */
export function unlinkFileAt(dir: DescriptorState, path: string): void {
  requireWritable(dir);
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
  requireWritable(dir);
  const { host, rel } = target(dir, path);
  checkSymlinkTarget(rel, linkTarget);
  hostCall(() => symlinkSync(linkTarget, host));
}

/** `rename-at`: both ends must be writable (they may be different preopens). */
export function renameAt(from: DescriptorState, oldPath: string, to: DescriptorState, newPath: string): void {
  requireWritable(from);
  requireWritable(to);
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
  requireWritable(from);
  requireWritable(to);
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
