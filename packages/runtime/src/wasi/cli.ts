// wasi:cli/{environment, exit, stdin, stdout, stderr, terminal-*}.

import { WasiExit } from './errors.js';
import { type ByteSink, type ByteSource, InputStream, OutputStream, streamFailed } from './streams.js';
import type { ExitStatus } from './wit-types.js';

/** What the cli interfaces expose; every field defaults to nothing. */
export interface CliOptions {
  env?: Record<string, string> | undefined;
  args?: string[] | undefined;
  cwd?: string | undefined;
  stdin?: Uint8Array | undefined;
  stdout?: ((bytes: Uint8Array) => void) | undefined;
  stderr?: ((bytes: Uint8Array) => void) | undefined;
}

/** `wasi:cli/terminal-input.terminal-input`: never handed out (no guest runs on a terminal). */
export class TerminalInput {
  [Symbol.dispose](): void {}
}

/** `wasi:cli/terminal-output.terminal-output`: never handed out. */
export class TerminalOutput {
  [Symbol.dispose](): void {}
}

/** A source over fixed bytes (stdin); each stream made from it shares the read position. */
export function memorySource(bytes: Uint8Array): ByteSource {
  let position = 0;
  return {
    read(max) {
      if (position >= bytes.byteLength) return undefined;
      const chunk = bytes.slice(position, position + max);
      position += chunk.byteLength;
      return chunk;
    },
  };
}

/**
 * A sink that hands each write to `callback` (or drops it). A throwing callback fails the write with a fixed
 * message: the host's error text stays on the host.
 */
export function callbackSink(name: string, callback: ((bytes: Uint8Array) => void) | undefined): ByteSink {
  return {
    write(bytes) {
      if (callback === undefined) return;
      try {
        callback(bytes);
      } catch {
        streamFailed(`The host could not take this write to ${name}.`);
      }
    },
  };
}

function checkStrings(what: string, values: readonly unknown[]): void {
  for (const value of values) {
    if (typeof value !== 'string') {
      throw new TypeError(`Expected every value of \`${what}\` to be a string, got \`${String(value)}\`.`);
    }
  }
}

/** The `wasi:cli/*` interface objects handed to the glue; `onExit` records the status before the unwind. */
export function createCliInterfaces(
  options: CliOptions,
  onExit: (code: number) => void,
): Record<string, Record<string, unknown>> {
  // Copied once: later changes to the caller's objects do not reach the guest.
  const env = Object.entries(options.env ?? {});
  const args = [...(options.args ?? [])];
  checkStrings('env', env.flat());
  checkStrings('args', args);
  const cwd = options.cwd;
  const stdinSource = memorySource(options.stdin?.slice() ?? new Uint8Array(0));
  const stdoutSink = callbackSink('stdout', options.stdout);
  const stderrSink = callbackSink('stderr', options.stderr);

  const exitWith = (code: number): never => {
    onExit(code);
    throw new WasiExit(code);
  };

  return {
    'wasi:cli/environment': {
      getEnvironment: (): Array<[string, string]> =>
        env.map(([key, value]): [string, string] => [key, value]),
      getArguments: (): string[] => [...args],
      initialCwd: (): string | undefined => cwd,
    },
    'wasi:cli/exit': {
      exit: (status: ExitStatus): never => exitWith(status.tag === 'ok' ? 0 : 1),
      exitWithCode: (code: number): never => exitWith(code & 0xff),
    },
    // A fresh stream object per call, over one shared source or sink: dropping one leaves the others usable.
    'wasi:cli/stdin': { getStdin: (): InputStream => new InputStream(stdinSource) },
    'wasi:cli/stdout': { getStdout: (): OutputStream => new OutputStream(stdoutSink) },
    'wasi:cli/stderr': { getStderr: (): OutputStream => new OutputStream(stderrSink) },
    'wasi:cli/terminal-input': { TerminalInput },
    'wasi:cli/terminal-output': { TerminalOutput },
    'wasi:cli/terminal-stdin': { getTerminalStdin: (): TerminalInput | undefined => undefined },
    'wasi:cli/terminal-stdout': { getTerminalStdout: (): TerminalOutput | undefined => undefined },
    'wasi:cli/terminal-stderr': { getTerminalStderr: (): TerminalOutput | undefined => undefined },
  };
}
