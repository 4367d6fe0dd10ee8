// open-at: the one operation that turns a guest path into a new descriptor, file or directory.

import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { type DescriptorState, follows, requireWritable } from './descriptor-state.js';
import { fail, hostCall } from './errors.js';
import { FileHandle } from './file-handle.js';
import { lstatOrUndefined, resolveAt } from './sandbox.js';
import type { DescriptorFlags, OpenFlags, PathFlags } from './wit-types.js';

function nodeOpenFlags(open: OpenFlags, flags: DescriptorFlags): number {
  let mode = flags.write ? (flags.read ? constants.O_RDWR : constants.O_WRONLY) : constants.O_RDONLY;
  // The last component is already resolved: O_NOFOLLOW stops a symlink swapped in since. O_NONBLOCK keeps
  // a FIFO from blocking the open (it changes nothing for regular files).
  mode |= constants.O_NOFOLLOW | constants.O_NONBLOCK;
  if (open.create) mode |= constants.O_CREAT;
  if (open.exclusive) mode |= constants.O_EXCL;
  if (open.truncate) mode |= constants.O_TRUNC;
  if (flags.fileIntegritySync) mode |= constants.O_SYNC;
  if (flags.dataIntegritySync) mode |= constants.O_DSYNC;
  return mode;
}

/**
 * `open-at`: the state of a new descriptor for a file (with its own fd) or a directory, under the same
 * preopen as `dir`. Under a read-only preopen, any write, create, truncate or mutate flag is refused.
 */
export function openAt(
  dir: DescriptorState,
  pathFlags: PathFlags,
  path: string,
  open: OpenFlags,
  flags: DescriptorFlags,
): DescriptorState {
  if (flags.write || flags.mutateDirectory || open.create || open.truncate) requireWritable(dir);
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
      if (flags.write || open.truncate || open.create) fail('is-directory');
      return child(undefined);
    }
    if (open.directory) fail('not-directory');
  } else {
    if (!open.create) fail('no-entry');
    if (open.directory) fail('invalid');
  }

  const fd = hostCall(() => openSync(resolved.host, nodeOpenFlags(open, flags), 0o666));
  let isDirectory: boolean;
  try {
    isDirectory = hostCall(() => fstatSync(fd)).isDirectory();
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (!isDirectory) return child(new FileHandle(dir.ctx, fd));
  closeSync(fd); // replaced by a directory since the check: treat it as one
  if (flags.write) fail('is-directory');
  return child(undefined);
}
