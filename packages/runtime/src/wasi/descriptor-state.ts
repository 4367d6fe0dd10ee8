// What a descriptor is, and the permission checks every operation on one shares.

import { fail } from './errors.js';
import type { FileHandle, FsContext } from './file-handle.js';
import type { SandboxRoot } from './sandbox.js';
import type { DescriptorFlags, PathFlags } from './wit-types.js';

/** Where a descriptor lives under which preopen, how it was opened, and its fd when it is a file. */
export interface DescriptorState {
  readonly ctx: FsContext;
  readonly root: SandboxRoot;
  /** Real path segments under the preopen's root (empty for the root itself). */
  readonly rel: readonly string[];
  readonly flags: DescriptorFlags;
  /** The open file, or `undefined` for a directory (directories are addressed by path). */
  readonly handle: FileHandle | undefined;
  /** Preopens are shared by every `get-directories` call, so dropping one never closes it. */
  readonly preopen: boolean;
  closed: boolean;
}

/** Fails with `read-only` under a read-only preopen. */
export function requireWritable(state: DescriptorState): void {
  if (state.root.readonly) fail('read-only');
}

/** Whether path flags ask to follow a symlink in the last component. */
export function follows(flags: PathFlags | undefined): boolean {
  return flags?.symlinkFollow === true;
}
