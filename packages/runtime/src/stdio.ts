/** A WASI stdout/stderr callback that logs whole lines with a prefix; `flush()` emits a trailing partial line. */
export interface LineSink {
  (bytes: Uint8Array): void;
  flush(): void;
}

/** Split a guest's output stream into lines for a logger. */
export function createLineSink(prefix: string, log: (line: string) => void): LineSink {
  const decoder = new TextDecoder();
  let pending = '';
  const sink = ((bytes: Uint8Array) => {
    pending += decoder.decode(bytes, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      log(`${prefix} ${pending.slice(0, newline)}`);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }) as LineSink;
  sink.flush = () => {
    if (pending) log(`${prefix} ${pending}`);
    pending = '';
  };
  return sink;
}
