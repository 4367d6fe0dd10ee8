// wasi:filesystem/types.descriptor: one class for files and directories, because the glue checks `instanceof`
// against the class it was given. Files hold an fd; directories are addressed by their path under the
// preopen.

import {
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  futimesSync,
  readSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import type { DescriptorState } from './descriptor-state.js';
import { DirectoryEntryStream } from './directory-entry-stream.js';
import { fail, hostCall } from './errors.js';
import { type FileHandle, fileSink, fileSource, toPosition, track, untrack } from './file-handle.js';
import { descriptorType, metadataHash, newTimes, toDescriptorStat } from './fs-stat.js';
import { openAt } from './open-at.js';
import * as ops from './path-ops.js';
import { resolveDirectory } from './sandbox.js';
import { InputStream, OutputStream, STREAM_CHUNK } from './streams.js';
import type {
  Advice,
  DescriptorFlags,
  DescriptorStat,
  DescriptorType,
  MetadataHashValue,
  NewTimestamp,
  OpenFlags,
  PathFlags,
} from './wit-types.js';

const states = new WeakMap<object, DescriptorState>();

/** The state of a live descriptor made here; `bad-descriptor` for anything else or a dropped one. */
function stateOf(descriptor: unknown): DescriptorState {
  const state = typeof descriptor === 'object' && descriptor !== null ? states.get(descriptor) : undefined;
  if (state === undefined || state.closed || state.ctx.disposed) return fail('bad-descriptor');
  return state;
}

function dirOf(descriptor: unknown): DescriptorState {
  const state = stateOf(descriptor);
  if (state.handle !== undefined) fail('not-directory');
  return state;
}

function fileOf(descriptor: unknown, access?: 'read' | 'write'): FileHandle {
  const state = stateOf(descriptor);
  if (state.handle === undefined) return fail('is-directory');
  if (access === 'write' && state.root.readonly) fail('read-only');
  if (access !== undefined && !state.flags[access]) fail('bad-descriptor');
  return state.handle;
}

function statOf(descriptor: unknown) {
  const state = stateOf(descriptor);
  if (state.handle === undefined) {
    const host = resolveDirectory(state.root, state.rel);
    return hostCall(() => statSync(host, { bigint: true }));
  }
  const fd = state.handle.fd;
  return hostCall(() => fstatSync(fd, { bigint: true }));
}

/** `wasi:filesystem/types.descriptor`. */
export class Descriptor {
  /** @internal Built by the host only, from a state the sandbox produced. */
  constructor(state: DescriptorState) {
    states.set(this, state);
    if (state.handle !== undefined) track(this, state.handle);
  }

  readViaStream(offset: bigint): InputStream {
    return new InputStream(fileSource(fileOf(this, 'read'), offset));
  }

  writeViaStream(offset: bigint): OutputStream {
    return new OutputStream(fileSink(fileOf(this, 'write'), offset));
  }

  appendViaStream(): OutputStream {
    return new OutputStream(fileSink(fileOf(this, 'write'), 'append'));
  }

  advise(_offset: bigint, _length: bigint, _advice: Advice): void {
    if (stateOf(this).handle === undefined) fail('bad-descriptor');
  }

  syncData(): void {
    const handle = stateOf(this).handle;
    if (handle !== undefined) hostCall(() => fdatasyncSync(handle.fd));
  }

  sync(): void {
    const handle = stateOf(this).handle;
    if (handle !== undefined) hostCall(() => fsyncSync(handle.fd));
  }

  getFlags(): DescriptorFlags {
    return { ...stateOf(this).flags };
  }

  getType(): DescriptorType {
    return stateOf(this).handle === undefined ? 'directory' : descriptorType(statOf(this));
  }

  setSize(size: bigint): void {
    const handle = fileOf(this, 'write');
    const length = toPosition(size);
    hostCall(() => ftruncateSync(handle.fd, length));
  }

  setTimes(access: NewTimestamp, modification: NewTimestamp): void {
    const state = stateOf(this);
    if (state.root.readonly) fail('read-only');
    const [atime, mtime] = newTimes(access, modification, () => statOf(this));
    const handle = state.handle;
    if (handle !== undefined) hostCall(() => futimesSync(handle.fd, atime, mtime));
    else hostCall(() => utimesSync(resolveDirectory(state.root, state.rel), atime, mtime));
  }

  read(length: bigint, offset: bigint): [Uint8Array, boolean] {
    const handle = fileOf(this, 'read');
    const position = toPosition(offset);
    const max = length > BigInt(STREAM_CHUNK) ? STREAM_CHUNK : Number(length);
    const buffer = new Uint8Array(max);
    const count = hostCall(() => readSync(handle.fd, buffer, 0, max, position));
    return [count === max ? buffer : buffer.slice(0, count), max > 0 && count < max];
  }

  write(buffer: Uint8Array, offset: bigint): bigint {
    const handle = fileOf(this, 'write');
    const position = toPosition(offset);
    return BigInt(hostCall(() => writeSync(handle.fd, buffer, 0, buffer.byteLength, position)));
  }

  readDirectory(): DirectoryEntryStream {
    return new DirectoryEntryStream(ops.readDirectory(dirOf(this)));
  }

  stat(): DescriptorStat {
    return toDescriptorStat(statOf(this));
  }

  statAt(pathFlags: PathFlags, path: string): DescriptorStat {
    return ops.statAt(dirOf(this), pathFlags, path);
  }

  openAt(pathFlags: PathFlags, path: string, openFlags: OpenFlags, flags: DescriptorFlags): Descriptor {
    return new Descriptor(openAt(dirOf(this), pathFlags, path, openFlags, flags));
  }

  createDirectoryAt(path: string): void {
    ops.createDirectoryAt(dirOf(this), path);
  }

  removeDirectoryAt(path: string): void {
    ops.removeDirectoryAt(dirOf(this), path);
  }

  unlinkFileAt(path: string): void {
    ops.unlinkFileAt(dirOf(this), path);
  }

  readlinkAt(path: string): string {
    return ops.readlinkAt(dirOf(this), path);
  }

  symlinkAt(oldPath: string, newPath: string): void {
    ops.symlinkAt(dirOf(this), oldPath, newPath);
  }

  renameAt(oldPath: string, newDescriptor: Descriptor, newPath: string): void {
    ops.renameAt(dirOf(this), oldPath, dirOf(newDescriptor), newPath);
  }

  linkAt(oldPathFlags: PathFlags, oldPath: string, newDescriptor: Descriptor, newPath: string): void {
    ops.linkAt(dirOf(this), oldPathFlags, oldPath, dirOf(newDescriptor), newPath);
  }

  setTimesAt(pathFlags: PathFlags, path: string, access: NewTimestamp, modification: NewTimestamp): void {
    ops.setTimesAt(dirOf(this), pathFlags, path, access, modification);
  }

  isSameObject(other: Descriptor): boolean {
    const mine = statOf(this);
    const theirs = statOf(other);
    return mine.dev === theirs.dev && mine.ino === theirs.ino;
  }

  metadataHash(): MetadataHashValue {
    return metadataHash(stateOf(this).ctx, statOf(this));
  }

  metadataHashAt(pathFlags: PathFlags, path: string): MetadataHashValue {
    return ops.metadataHashAt(dirOf(this), pathFlags, path);
  }

  /** Dropped by the guest: closes the file once no stream uses it. Preopens are shared and stay open. */
  [Symbol.dispose](): void {
    const state = states.get(this);
    if (state === undefined || state.preopen || state.closed) return;
    state.closed = true;
    untrack(this);
    state.handle?.release();
  }
}
