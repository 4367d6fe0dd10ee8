import { existsSync, renameSync, rmSync } from 'node:fs';
import { extname } from 'node:path';
import { type AuditEvent, describeValue } from '@airssys/core';
import { AuditClosedError, InvalidAuditOptionsError } from '../errors.js';
import { serializeEvent } from '../event.js';
import { closeFd, openAppend, writeText } from '../file.js';
import type { SyncAuditSink } from '../types.js';

/** Options of {@link createJsonlSink}. */
export interface JsonlSinkOptions {
  /** The live log, for example `data/audit.jsonl`; its directory is created. */
  path: string;
  /** Size at which the log rotates; a single record larger than this still goes whole into one file. @default no rotation */
  maxBytes?: number | undefined;
  /** Rotated files kept (`audit.1.jsonl` newest … `audit.<maxFiles>.jsonl`); older ones are deleted. @default 5 */
  maxFiles?: number | undefined;
}

/** A JSON-lines file sink; one `write` system call per batch. */
export interface JsonlAuditSink extends SyncAuditSink {
  readonly path: string;
  /** Closes the file; later writes throw `AuditClosedError`. */
  dispose(): void;
}

/** The name of rotated file `index`: `audit.jsonl` → `audit.2.jsonl`, `audit` → `audit.2`. */
export function rotatedPath(path: string, index: number): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}.${index}${ext}`;
}

function positive(key: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (n === Number.POSITIVE_INFINITY || (Number.isSafeInteger(n) && n >= 1)) return n;
  const message = `Expected \`${key}\` to be a whole number from \`1\`, got \`${describeValue(value)}\`.`;
  throw new InvalidAuditOptionsError(message, { key, value });
}

/**
 * Creates a sink appending one JSON line per event to `path`, rotating by size when `maxBytes` is set.
 * @example createJsonlSink({ path: 'data/audit.jsonl', maxBytes: 64 * 2 ** 20, maxFiles: 10 })
 */
export function createJsonlSink(options: JsonlSinkOptions): JsonlAuditSink {
  const path = options.path;
  if (typeof path !== 'string' || path === '') {
    const message = `Expected \`path\` to be a file path like \`data/audit.jsonl\`, got \`${describeValue(path)}\`.`;
    throw new InvalidAuditOptionsError(message, { key: 'path', value: path });
  }
  const maxBytes = positive('maxBytes', options.maxBytes, Number.POSITIVE_INFINITY);
  const maxFiles = positive('maxFiles', options.maxFiles, 5);
  let { fd, size } = openAppend(path);

  const rotate = (): void => {
    fd = closeFd(fd);
    rmSync(rotatedPath(path, maxFiles), { force: true });
    for (let i = maxFiles - 1; i >= 1; i--) {
      if (existsSync(rotatedPath(path, i))) renameSync(rotatedPath(path, i), rotatedPath(path, i + 1));
    }
    renameSync(path, rotatedPath(path, 1));
    ({ fd, size } = openAppend(path));
  };

  const writeLines = (lines: readonly string[]): void => {
    let chunk = '';
    let chunkBytes = 0;
    for (const line of lines) {
      const bytes = Buffer.byteLength(line);
      if (size + chunkBytes > 0 && size + chunkBytes + bytes > maxBytes) {
        if (chunk !== '') size += writeText(fd, chunk);
        chunk = '';
        chunkBytes = 0;
        rotate();
      }
      chunk += line;
      chunkBytes += bytes;
    }
    if (chunk !== '') size += writeText(fd, chunk);
  };

  const writeSync = (events: readonly AuditEvent[]): void => {
    if (fd < 0)
      throw new AuditClosedError(`Expected an open audit log, got a disposed sink for \`${path}\`.`);
    if (events.length === 0) return;
    if (maxBytes === Number.POSITIVE_INFINITY) {
      let text = '';
      for (const event of events) text += `${serializeEvent(event)}\n`;
      size += writeText(fd, text);
      return;
    }
    writeLines(events.map((event) => `${serializeEvent(event)}\n`));
  };

  return {
    name: 'jsonl',
    path,
    writeSync,
    write: writeSync,
    dispose() {
      fd = closeFd(fd);
    },
  };
}
