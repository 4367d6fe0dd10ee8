// wasi:filesystem/types and wasi:filesystem/preopens over the preopens a host was given, and nothing else.

import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Descriptor } from './descriptor.js';
import { DirectoryEntryStream } from './directory-entry-stream.js';
import type { FsContext } from './file-handle.js';
import { IoError } from './streams.js';
import type { WasiPreopen } from './types.js';
import type { ErrorCode } from './wit-types.js';

/** A checked preopen: the guest's name for it and the descriptor of its root. */
interface PreopenEntry {
  readonly guestPath: string;
  readonly descriptor: Descriptor;
}

function realDirectory(guestPath: string, hostPath: string): string {
  let real: string;
  try {
    real = realpathSync.native(resolve(hostPath));
  } catch (cause) {
    throw new Error(
      `Expected preopen \`${guestPath}\` to name an existing host directory, got \`${hostPath}\`.`,
      {
        cause,
      },
    );
  }
  if (!statSync(real).isDirectory()) {
    throw new Error(
      `Expected preopen \`${guestPath}\` to name a host directory, got the file \`${hostPath}\`.`,
    );
  }
  return real;
}

/** Checks the preopen options and opens a root descriptor for each (relative host paths: from the cwd). */
export function openPreopens(
  ctx: FsContext,
  preopens: Record<string, string | WasiPreopen> | undefined,
): PreopenEntry[] {
  return Object.entries(preopens ?? {}).map(([guestPath, spec]) => {
    const { hostPath, readonly = false } = typeof spec === 'string' ? { hostPath: spec } : spec;
    if (guestPath === '' || guestPath.includes('\0')) {
      throw new Error(`Expected a preopen guest path like \`/data\`, got \`${guestPath}\`.`);
    }
    if (typeof hostPath !== 'string' || hostPath === '') {
      throw new Error(`Expected preopen \`${guestPath}\` to have a host path, got \`${String(hostPath)}\`.`);
    }
    const root = { realRoot: realDirectory(guestPath, hostPath), readonly: readonly === true };
    const flags = readonly ? { read: true } : { read: true, mutateDirectory: true };
    const descriptor = new Descriptor({
      ctx,
      root,
      rel: [],
      flags,
      handle: undefined,
      preopen: true,
      closed: false,
    });
    return { guestPath, descriptor };
  });
}

/** `filesystem-error-code`: the code behind a stream error that came from a file, else `undefined`. */
export function filesystemErrorCode(error: unknown): ErrorCode | undefined {
  return IoError.codeOf(error);
}

/** The `wasi:filesystem/*` interface objects handed to the glue. */
export function createFilesystemInterfaces(
  entries: readonly PreopenEntry[],
): Record<string, Record<string, unknown>> {
  return {
    'wasi:filesystem/types': { Descriptor, DirectoryEntryStream, filesystemErrorCode },
    'wasi:filesystem/preopens': {
      // The same descriptor objects every call: a guest dropping one handle leaves the preopen usable.
      getDirectories: (): Array<[Descriptor, string]> =>
        entries.map((entry) => [entry.descriptor, entry.guestPath]),
    },
  };
}
