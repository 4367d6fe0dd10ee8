import { describe, expect, it } from 'vitest';
import { errorPayload } from '../src/wasi/errors.js';
import {
  createWasi,
  isWasiInterface,
  WASI_INTERFACES,
  WasiExit,
  type WasiOptions,
} from '../src/wasi/index.js';
import type { Pollable } from '../src/wasi/poll.js';
import type { InputStream, OutputStream } from '../src/wasi/streams.js';

type Fn = (...args: never[]) => unknown;

/** One interface of a fresh host, with its members typed loosely for calling. */
function iface<T extends Record<string, Fn | (abstract new (...args: never[]) => unknown)>>(
  name: string,
  options: WasiOptions = {},
): T {
  return createWasi(options).imports[name] as T;
}

function outcome(fn: () => unknown): unknown {
  try {
    fn();
    return 'ok';
  } catch (error) {
    const payload = errorPayload(error);
    if (payload === undefined) throw error;
    return payload;
  }
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('wasi imports object', () => {
  it('provides every listed interface under its name without version', () => {
    const { imports } = createWasi();
    expect(Object.keys(imports).sort()).toEqual([...WASI_INTERFACES].sort());
    expect(isWasiInterface('wasi:cli/stdout@0.2.3')).toBe(true);
    expect(isWasiInterface('wasi:sockets/tcp@0.2.0')).toBe(false);
  });
});

describe('wasi cli', () => {
  it('hands stdout and stderr writes to their callbacks, and drops them by default', () => {
    const out: string[] = [];
    const err: string[] = [];
    const host = createWasi({
      stdout: (b) => out.push(`o:${new TextDecoder().decode(b)}`),
      stderr: (b) => err.push(`e:${b.length}`),
    });
    const stdout = (host.imports['wasi:cli/stdout'] as { getStdout: () => OutputStream }).getStdout();
    const stderr = (host.imports['wasi:cli/stderr'] as { getStderr: () => OutputStream }).getStderr();
    stdout.blockingWriteAndFlush(bytes('hi\n'));
    stdout.write(bytes('more'));
    stderr.writeZeroes(3n);
    expect(out).toEqual(['o:hi\n', 'o:more']);
    expect(err).toEqual(['e:3']);
    const silent = iface<{ getStdout: () => OutputStream }>('wasi:cli/stdout').getStdout();
    expect(() => silent.blockingWriteAndFlush(bytes('dropped'))).not.toThrow();
  });

  it('has a stdout pollable that is ready at once (jco issue 550)', () => {
    const stdout = iface<{ getStdout: () => OutputStream }>('wasi:cli/stdout').getStdout();
    const pollable = stdout.subscribe();
    expect(pollable.ready()).toBe(true);
    pollable.block();
  });

  it('reads stdin to its end, shared by every stream, then reports `closed`', () => {
    const { getStdin } = iface<{ getStdin: () => InputStream }>('wasi:cli/stdin', { stdin: bytes('abcdef') });
    expect(new TextDecoder().decode(getStdin().read(4n))).toBe('abcd');
    const again = getStdin();
    expect(new TextDecoder().decode(again.blockingRead(100n))).toBe('ef');
    expect(outcome(() => again.read(1n))).toEqual({ tag: 'closed' });
    const empty = iface<{ getStdin: () => InputStream }>('wasi:cli/stdin').getStdin();
    expect(outcome(() => empty.read(1n))).toEqual({ tag: 'closed' });
  });

  it('splices stdin into stdout', () => {
    const seen: number[] = [];
    const host = createWasi({ stdin: bytes('xyz'), stdout: (b) => seen.push(b.length) });
    const stdin = (host.imports['wasi:cli/stdin'] as { getStdin: () => InputStream }).getStdin();
    const stdout = (host.imports['wasi:cli/stdout'] as { getStdout: () => OutputStream }).getStdout();
    expect(stdout.splice(stdin, 2n)).toBe(2n);
    expect(stdout.blockingSplice(stdin, 10n)).toBe(1n);
    expect(seen).toEqual([2, 1]);
  });

  it('gives args, cwd and env only as configured', () => {
    type Env = { getEnvironment: () => unknown; getArguments: () => unknown; initialCwd: () => unknown };
    const none = iface<Env>('wasi:cli/environment');
    expect([none.getEnvironment(), none.getArguments(), none.initialCwd()]).toEqual([[], [], undefined]);
    const some = iface<Env>('wasi:cli/environment', {
      env: { A: '1', B: '2' },
      args: ['prog', '-v'],
      cwd: '/w',
    });
    expect([some.getEnvironment(), some.getArguments(), some.initialCwd()]).toEqual([
      [
        ['A', '1'],
        ['B', '2'],
      ],
      ['prog', '-v'],
      '/w',
    ]);
  });

  it('unwinds the guest with WasiExit and records the exit code', () => {
    const host = createWasi();
    const { exit, exitWithCode } = host.imports['wasi:cli/exit'] as {
      exit: (status: { tag: 'ok' | 'err' }) => never;
      exitWithCode: (code: number) => never;
    };
    expect(host.exitCode).toBeUndefined();
    expect(() => exit({ tag: 'err' })).toThrow(WasiExit);
    expect(host.exitCode).toBe(1);
    let thrown: unknown;
    try {
      exitWithCode(42);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WasiExit);
    expect((thrown as WasiExit).code).toBe(42);
    expect(host.exitCode).toBe(42);
  });

  it('is not a terminal', () => {
    const host = createWasi();
    expect(
      (host.imports['wasi:cli/terminal-stdin'] as { getTerminalStdin: Fn }).getTerminalStdin(),
    ).toBeUndefined();
    expect(
      (host.imports['wasi:cli/terminal-stdout'] as { getTerminalStdout: Fn }).getTerminalStdout(),
    ).toBeUndefined();
    expect(
      (host.imports['wasi:cli/terminal-stderr'] as { getTerminalStderr: Fn }).getTerminalStderr(),
    ).toBeUndefined();
  });
});

describe('wasi clocks and poll', () => {
  type Monotonic = {
    now: () => bigint;
    subscribeDuration: (d: bigint) => Pollable;
    subscribeInstant: (t: bigint) => Pollable;
  };

  it('blocks on a duration pollable for about that long', () => {
    const clock = iface<Monotonic>('wasi:clocks/monotonic-clock');
    // Measured from the subscription: on a loaded machine time passes before `block()` is reached.
    const start = performance.now();
    const pollable = clock.subscribeDuration(200_000_000n);
    expect(pollable.ready()).toBe(false);
    pollable.block();
    const waited = performance.now() - start;
    expect(waited).toBeGreaterThanOrEqual(199);
    expect(waited).toBeLessThan(200 + 2000);
    expect(pollable.ready()).toBe(true);
  });

  it('returns the indexes of the ready pollables, waiting for the earliest when none is', () => {
    const host = createWasi();
    const clock = host.imports['wasi:clocks/monotonic-clock'] as Monotonic;
    const { poll } = host.imports['wasi:io/poll'] as { poll: (list: Pollable[]) => Uint32Array };
    const stdout = (host.imports['wasi:cli/stdout'] as { getStdout: () => OutputStream }).getStdout();
    const late = clock.subscribeDuration(10_000_000_000n);
    const subscribed = performance.now();
    const soon = clock.subscribeDuration(30_000_000n);
    expect(poll([late, stdout.subscribe(), clock.subscribeInstant(0n)])).toEqual(new Uint32Array([1, 2]));
    expect(poll([late, soon])).toEqual(new Uint32Array([1]));
    // Measured from the subscription, not from the poll: on a loaded machine time passes in between.
    expect(performance.now() - subscribed).toBeGreaterThanOrEqual(29);
    expect(() => poll([])).toThrow(RangeError);
  });

  it('reads the wall and monotonic clocks the host gives', () => {
    const options = { now: () => 1_700_000_000_123_456_789n, monotonicNow: () => 5n };
    const wall = iface<{ now: Fn }>('wasi:clocks/wall-clock', options);
    expect(wall.now()).toEqual({ seconds: 1_700_000_000n, nanoseconds: 123_456_789 });
    expect(iface<Monotonic>('wasi:clocks/monotonic-clock', options).now()).toBe(5n);
    const real = iface<{ now: () => { seconds: bigint } }>('wasi:clocks/wall-clock').now();
    expect(Number(real.seconds)).toBeCloseTo(Date.now() / 1000, -1);
  });
});

describe('wasi random', () => {
  it('returns as many bytes as asked, from the given source when there is one', () => {
    const random = iface<{ getRandomBytes: (n: bigint) => Uint8Array; getRandomU64: () => bigint }>(
      'wasi:random/random',
    );
    expect(random.getRandomBytes(0n)).toHaveLength(0);
    expect(random.getRandomBytes(33n)).toHaveLength(33);
    expect(typeof random.getRandomU64()).toBe('bigint');
    const fixed = { randomBytes: (n: number) => new Uint8Array(n).fill(1) };
    const insecure = iface<{
      getInsecureRandomBytes: (n: bigint) => Uint8Array;
      getInsecureRandomU64: () => bigint;
    }>('wasi:random/insecure', fixed);
    expect(insecure.getInsecureRandomBytes(3n)).toEqual(new Uint8Array([1, 1, 1]));
    expect(insecure.getInsecureRandomU64()).toBe(0x0101010101010101n);
    const seed = iface<{ insecureSeed: () => [bigint, bigint] }>('wasi:random/insecure-seed');
    expect(seed.insecureSeed()).toEqual(seed.insecureSeed());
  });

  it('traps on an absurd request instead of exhausting host memory', () => {
    const random = iface<{ getRandomBytes: (n: bigint) => Uint8Array }>('wasi:random/random');
    expect(() => random.getRandomBytes(1n << 40n)).toThrow(RangeError);
  });
});
