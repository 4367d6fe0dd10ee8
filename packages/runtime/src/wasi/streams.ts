// wasi:io/error and wasi:io/streams. A stream wraps a byte source or sink; every source and sink here is
// synchronous, so blocking and non-blocking calls behave alike and every stream pollable is ready.

import { fail } from './errors.js';
import { type Pollable, readyPollable } from './poll.js';
import type { ErrorCode } from './wit-types.js';

/** Most bytes one read returns, and what `check-write` permits. */
export const STREAM_CHUNK = 1 << 20;

/** `wasi:io/error.error`: what went wrong, with a filesystem code when it came from a file. */
export class IoError {
  readonly #message: string;
  readonly #code: ErrorCode | undefined;

  /** @internal Built by the host only. */
  constructor(message: string, code?: ErrorCode) {
    this.#message = message;
    this.#code = code;
  }

  /** A human-readable description, for debugging only. */
  toDebugString(): string {
    return this.#message;
  }

  /** The filesystem error code behind this error, if any (`filesystem-error-code`). */
  static codeOf(error: unknown): ErrorCode | undefined {
    return error instanceof IoError ? error.#code : undefined;
  }

  [Symbol.dispose](): void {}
}

/** Returns `err(closed)` from a stream method. */
export function streamClosed(): never {
  return fail({ tag: 'closed' });
}

/** Returns `err(last-operation-failed(error))` from a stream method. */
export function streamFailed(message: string, code?: ErrorCode): never {
  return fail({ tag: 'last-operation-failed', val: new IoError(message, code) });
}

/** Where an input stream's bytes come from. */
export interface ByteSource {
  /** Up to `max` bytes (`max` > 0); `undefined` at end of stream. Throws stream errors. */
  read(max: number): Uint8Array | undefined;
  /** Called once when the stream is dropped. */
  release?(): void;
}

/** Where an output stream's bytes go. */
export interface ByteSink {
  /** Writes all of `bytes`. Throws stream errors. */
  write(bytes: Uint8Array): void;
  /** Called once when the stream is dropped. */
  release?(): void;
}

function toLength(len: bigint | number): number {
  const n = typeof len === 'bigint' ? len : BigInt(len);
  if (n < 0n) throw new RangeError(`Expected a stream length of 0 or more, got ${n}.`);
  return n > BigInt(STREAM_CHUNK) ? STREAM_CHUNK : Number(n);
}

/** `wasi:io/streams.input-stream`. */
export class InputStream {
  #source: ByteSource | undefined;

  /** @internal Built by the host only. */
  constructor(source: ByteSource) {
    this.#source = source;
  }

  /** Reads up to `len` bytes; `err(closed)` at end of stream. */
  read(len: bigint): Uint8Array {
    const source = this.#source ?? streamClosed();
    const max = toLength(len);
    if (max === 0) return new Uint8Array(0);
    return source.read(max) ?? streamClosed();
  }

  /** Same as `read`: every source here answers at once. */
  blockingRead(len: bigint): Uint8Array {
    return this.read(len);
  }

  /** Skips up to `len` bytes and returns how many were skipped. */
  skip(len: bigint): bigint {
    return BigInt(this.read(len).byteLength);
  }

  /** Same as `skip`. */
  blockingSkip(len: bigint): bigint {
    return this.skip(len);
  }

  /** A pollable that is ready (data or end of stream is always available at once). */
  subscribe(): Pollable {
    return readyPollable();
  }

  /** Reads from `stream` on behalf of `splice`. */
  static readFrom(stream: unknown, len: bigint): Uint8Array {
    if (!(stream instanceof InputStream))
      throw new TypeError('Expected an `input-stream` made by this host.');
    return stream.read(len);
  }

  [Symbol.dispose](): void {
    const source = this.#source;
    this.#source = undefined;
    source?.release?.();
  }
}

/** `wasi:io/streams.output-stream`. */
export class OutputStream {
  #sink: ByteSink | undefined;

  /** @internal Built by the host only. */
  constructor(sink: ByteSink) {
    this.#sink = sink;
  }

  /** How many bytes the next `write` may carry. */
  checkWrite(): bigint {
    this.#open();
    return BigInt(STREAM_CHUNK);
  }

  /** Writes `contents`; the sink takes them at once. */
  write(contents: Uint8Array): void {
    this.#open().write(contents);
  }

  /** Writes and flushes `contents`. */
  blockingWriteAndFlush(contents: Uint8Array): void {
    this.#open().write(contents);
  }

  /** Nothing is buffered here, so a flush only checks the stream is open. */
  flush(): void {
    this.#open();
  }

  /** Same as `flush`. */
  blockingFlush(): void {
    this.#open();
  }

  /** A pollable that is ready: this stream can always take `check-write` bytes. (jco issue 550.) */
  subscribe(): Pollable {
    return readyPollable();
  }

  /** Writes `len` zero bytes; traps if `len` exceeds what `check-write` permits. */
  writeZeroes(len: bigint): void {
    const sink = this.#open();
    if (len > BigInt(STREAM_CHUNK)) throw new RangeError(`write-zeroes of ${len} bytes exceeds check-write.`);
    sink.write(new Uint8Array(Number(len)));
  }

  /** Same as `writeZeroes`. */
  blockingWriteZeroesAndFlush(len: bigint): void {
    this.writeZeroes(len);
  }

  /** Moves up to `len` bytes from `src` to this stream and returns how many moved. */
  splice(src: InputStream, len: bigint): bigint {
    const sink = this.#open();
    const bytes = InputStream.readFrom(src, len);
    if (bytes.byteLength > 0) sink.write(bytes);
    return BigInt(bytes.byteLength);
  }

  /** Same as `splice`. */
  blockingSplice(src: InputStream, len: bigint): bigint {
    return this.splice(src, len);
  }

  #open(): ByteSink {
    return this.#sink ?? streamClosed();
  }

  [Symbol.dispose](): void {
    const sink = this.#sink;
    this.#sink = undefined;
    sink?.release?.();
  }
}

/** The `wasi:io/error` and `wasi:io/streams` interface objects handed to the glue. */
export function createStreamInterfaces(): Record<string, Record<string, unknown>> {
  return {
    'wasi:io/error': { Error: IoError },
    'wasi:io/streams': { InputStream, OutputStream },
  };
}
