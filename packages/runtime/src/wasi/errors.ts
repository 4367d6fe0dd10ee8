import type { ErrorCode } from './wit-types.js';

/** Thrown by `wasi:cli/exit.exit` to unwind the guest; the runtime catches it and reads `code`. */
export class WasiExit extends Error {
  /** The exit status the guest asked for: 0 for `ok`, 1 for `err`, or the code given to `exit-with-code`. */
  readonly code: number;

  constructor(code: number) {
    super(`The component exited with status ${code}.`);
    this.name = 'WasiExit';
    this.code = code;
  }
}

/**
 * Thrown by a host function to return the `err` arm of its WIT `result`.
 *
 * jco glue takes an own `payload` property as the error value; an `Error` instance without one would trap the
 * guest instead. Not an `Error` itself, so guests that probe many missing files pay no stack capture.
 */
export class ResultError {
  readonly payload: unknown;

  constructor(payload: unknown) {
    this.payload = payload;
  }
}

/** Returns `err(payload)` to the guest from inside a host function. */
export function fail(payload: unknown): never {
  throw new ResultError(payload);
}

/** The payload of a `ResultError`, or `undefined` for anything else (test and debug helper). */
export function errorPayload(error: unknown): unknown {
  return error instanceof ResultError ? error.payload : undefined;
}

const ERRNO_CODES: Readonly<Record<string, ErrorCode>> = {
  EACCES: 'access',
  EAGAIN: 'would-block',
  EWOULDBLOCK: 'would-block',
  EALREADY: 'already',
  EBADF: 'bad-descriptor',
  EBUSY: 'busy',
  EDEADLK: 'deadlock',
  EDQUOT: 'quota',
  EEXIST: 'exist',
  EFBIG: 'file-too-large',
  EILSEQ: 'illegal-byte-sequence',
  EINPROGRESS: 'in-progress',
  EINTR: 'interrupted',
  EINVAL: 'invalid',
  EIO: 'io',
  EISDIR: 'is-directory',
  ERR_FS_EISDIR: 'is-directory',
  ELOOP: 'loop',
  EMLINK: 'too-many-links',
  EMSGSIZE: 'message-size',
  ENAMETOOLONG: 'name-too-long',
  ENODEV: 'no-device',
  ENOENT: 'no-entry',
  ENOLCK: 'no-lock',
  ENOMEM: 'insufficient-memory',
  ENOSPC: 'insufficient-space',
  ENOTDIR: 'not-directory',
  ENOTEMPTY: 'not-empty',
  ENOTRECOVERABLE: 'not-recoverable',
  ENOTSUP: 'unsupported',
  EOPNOTSUPP: 'unsupported',
  ENOTTY: 'no-tty',
  ENXIO: 'no-such-device',
  EOVERFLOW: 'overflow',
  EPERM: 'not-permitted',
  EPIPE: 'pipe',
  EROFS: 'read-only',
  ESPIPE: 'invalid-seek',
  ETXTBSY: 'text-file-busy',
  EXDEV: 'cross-device',
};

/** Maps a Node fs error to a WASI error code (unknown errno codes: `io`); `undefined` for other errors. */
export function fsErrorCode(error: unknown): ErrorCode | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  return ERRNO_CODES[code] ?? (code.startsWith('E') ? 'io' : undefined);
}

/**
 * Runs a host fs call and turns a Node fs error into `err(error-code)` for the guest.
 * Host messages (which carry host paths) never reach the guest; other exceptions propagate and trap.
 */
export function hostCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    return rethrowAsResult(error);
  }
}

/** Rethrows a Node fs error as `err(error-code)`; anything else is rethrown unchanged. */
export function rethrowAsResult(error: unknown): never {
  if (error instanceof ResultError) throw error;
  const code = fsErrorCode(error);
  if (code === undefined) throw error;
  return fail(code);
}
