import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

// Shared file plumbing of the file sinks: one append-mode descriptor, whole-buffer writes, tail reads.

/** Opens `path` for appending (creating its directory) and returns the descriptor and current size. */
export function openAppend(path: string): { fd: number; size: number } {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'a');
  return { fd, size: fstatSync(fd).size };
}

/** Writes all of `text` with as few `write` calls as the OS allows; returns the bytes written. */
export function writeText(fd: number, text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
  return bytes.length;
}

/** Closes a descriptor; returns -1 so callers can write `fd = closeFd(fd)`. */
export function closeFd(fd: number): number {
  if (fd >= 0) closeSync(fd);
  return -1;
}

/**
 * The last line of a file and whether it ends with a newline; `undefined` for an empty file.
 * Reads backwards in growing chunks, so a long log costs only its tail.
 */
export function readLastLine(path: string): { text: string; terminated: boolean } | undefined {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return undefined;
    let chunk = 64 * 1024;
    for (;;) {
      const start = Math.max(0, size - chunk);
      const buffer = Buffer.alloc(size - start);
      readSync(fd, buffer, 0, buffer.length, start);
      const terminated = buffer[buffer.length - 1] === 0x0a;
      const end = terminated ? buffer.length - 1 : buffer.length;
      const newline = buffer.lastIndexOf(0x0a, end - 1);
      if (newline >= 0 || start === 0) {
        return { text: buffer.toString('utf8', newline + 1, end), terminated };
      }
      chunk *= 4;
    }
  } finally {
    closeSync(fd);
  }
}
