import { open } from 'node:fs/promises';

/** One line of a file, without its newline; `terminated` is false only for a last line cut short. */
export interface FileLine {
  readonly text: string;
  readonly terminated: boolean;
}

/** Reads a file line by line in 1 MiB chunks, keeping track of a missing final newline. */
export async function* readLines(path: string, chunkSize = 1 << 20): AsyncGenerator<FileLine> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(chunkSize);
    let carry: Buffer[] = [];
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkSize, null);
      if (bytesRead === 0) break;
      let from = 0;
      for (
        let nl = buffer.indexOf(0x0a, from);
        nl !== -1 && nl < bytesRead;
        nl = buffer.indexOf(0x0a, from)
      ) {
        const piece = buffer.subarray(from, nl);
        const text =
          carry.length === 0 ? piece.toString('utf8') : Buffer.concat([...carry, piece]).toString('utf8');
        carry = [];
        yield { text, terminated: true };
        from = nl + 1;
      }
      if (from < bytesRead) carry.push(Buffer.from(buffer.subarray(from, bytesRead)));
    }
    if (carry.length > 0) yield { text: Buffer.concat(carry).toString('utf8'), terminated: false };
  } finally {
    await handle.close();
  }
}
