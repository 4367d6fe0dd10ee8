// Open host files: a reference-counted fd shared by a descriptor and the streams made from it, so a stream
// that outlives its descriptor never reads an fd number the process has since reused for something else.

import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, readSync, writeSync } from 'node:fs';
import { fail, fsErrorCode, hostCall } from './errors.js';
import { type ByteSink, type ByteSource, streamClosed, streamFailed } from './streams.js';

/** Per-host filesystem state: the files it holds open and the key of its metadata hashes. */
export interface FsContext {
  readonly handles: Set<FileHandle>;
  readonly hashKey: Uint8Array;
  disposed: boolean;
}

/** A fresh context for one host. */
export function createFsContext(): FsContext {
  return { handles: new Set(), hashKey: new Uint8Array(randomBytes(16)), disposed: false };
}

/** An fd owned by the host, closed when its last user lets go (or when the host is disposed). */
export class FileHandle {
  #fd: number | undefined;
  #refs = 1;
  readonly #ctx: FsContext;

  constructor(ctx: FsContext, fd: number) {
    this.#ctx = ctx;
    this.#fd = fd;
    ctx.handles.add(this);
  }

  /** The fd; `bad-descriptor` once closed. */
  get fd(): number {
    return this.#fd ?? fail('bad-descriptor');
  }

  /** True while the fd is open. */
  get open(): boolean {
    return this.#fd !== undefined;
  }

  /** One more user. */
  retain(): void {
    this.#refs++;
  }

  /** One user fewer; the last one closes the fd. */
  release(): void {
    if (--this.#refs <= 0) this.close();
  }

  /** Closes the fd now, whoever still uses it. */
  close(): void {
    const fd = this.#fd;
    this.#fd = undefined;
    this.#ctx.handles.delete(this);
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Already closed or never valid: nothing left to release.
      }
    }
  }
}

let registry: FinalizationRegistry<FileHandle> | undefined;

/** Releases `handle` if `owner` is garbage collected without being dropped (a guest that trapped, say). */
export function track(owner: object, handle: FileHandle): void {
  registry ??= new FinalizationRegistry((held) => held.release());
  registry.register(owner, handle, owner);
}

/** Stops watching `owner` (it released its handle itself). */
export function untrack(owner: object): void {
  registry?.unregister(owner);
}

/** Converts a WASI file offset to a Node position; beyond 2^53 is refused. */
export function toPosition(offset: bigint): number {
  if (offset < 0n || offset > BigInt(Number.MAX_SAFE_INTEGER)) return fail('invalid');
  return Number(offset);
}

function ioFailure(error: unknown): never {
  const code = fsErrorCode(error);
  if (code === undefined) throw error;
  return streamFailed(`File operation failed (${code}).`, code);
}

/** Pipes, sockets and character devices have no offsets: their streams read and write in sequence. */
function seekable(handle: FileHandle): boolean {
  const stats = hostCall(() => fstatSync(handle.fd));
  return stats.isFile() || stats.isBlockDevice();
}

/** A byte source that reads the file from `offset` on. */
export function fileSource(handle: FileHandle, offset: bigint): ByteSource {
  let position: number | null = seekable(handle) ? toPosition(offset) : null;
  handle.retain();
  const source: ByteSource = {
    read(max) {
      if (!handle.open) return streamClosed();
      const buffer = new Uint8Array(max);
      let count: number;
      try {
        count = readSync(handle.fd, buffer, 0, max, position);
      } catch (error) {
        return ioFailure(error);
      }
      if (count === 0) return undefined;
      if (position !== null) position += count;
      return count === max ? buffer : buffer.slice(0, count);
    },
    release() {
      untrack(source);
      handle.release();
    },
  };
  track(source, handle);
  return source;
}

/** A byte sink that writes the file from `offset` on, or always at its end when `offset` is `'append'`. */
export function fileSink(handle: FileHandle, offset: bigint | 'append'): ByteSink {
  const sequential = !seekable(handle);
  let position = offset === 'append' || sequential ? 0 : toPosition(offset);
  handle.retain();
  const sink: ByteSink = {
    write(bytes) {
      if (!handle.open) return streamClosed();
      try {
        if (offset === 'append' && !sequential) position = fstatSync(handle.fd).size;
        for (let done = 0; done < bytes.byteLength; ) {
          const count = writeSync(
            handle.fd,
            bytes,
            done,
            bytes.byteLength - done,
            sequential ? null : position,
          );
          done += count;
          position += count;
        }
      } catch (error) {
        ioFailure(error);
      }
    },
    release() {
      untrack(sink);
      handle.release();
    },
  };
  track(sink, handle);
  return sink;
}
