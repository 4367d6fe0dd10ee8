// wasi:filesystem/types.directory-entry-stream over a snapshot of a directory's entries.

import type { DirectoryEntry } from './wit-types.js';

/** `wasi:filesystem/types.directory-entry-stream`, over a snapshot taken by `read-directory`. */
export class DirectoryEntryStream {
  readonly #entries: readonly DirectoryEntry[];
  #next = 0;

  /** @internal Built by the host only. */
  constructor(entries: readonly DirectoryEntry[]) {
    this.#entries = entries;
  }

  /** The next entry, or `undefined` after the last. */
  readDirectoryEntry(): DirectoryEntry | undefined {
    const entry = this.#entries[this.#next];
    if (entry !== undefined) this.#next++;
    return entry === undefined ? undefined : { ...entry };
  }

  [Symbol.dispose](): void {}
}
