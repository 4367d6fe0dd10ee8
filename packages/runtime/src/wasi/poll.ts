// wasi:io/poll: pollables and `poll`. Every stream this host offers is always ready; only clock
// pollables wait, and they block the calling thread (the guest's) with Atomics.wait.

const NS_PER_MS = 1_000_000;

let waitCell: Int32Array | undefined;

/** Blocks the current thread (the guest's, in a worker or inline) for `ns` nanoseconds of real time. */
export function sleepNs(ns: bigint): void {
  if (ns <= 0n) return;
  waitCell ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(waitCell, 0, 0, Number(ns) / NS_PER_MS);
}

/** A pollable that becomes ready when `clock()` reaches `deadline`. */
interface Deadline {
  readonly clock: () => bigint;
  readonly at: bigint;
}

/** `wasi:io/poll.pollable`: always ready, or ready at a monotonic-clock deadline. */
export class Pollable {
  readonly #deadline: Deadline | undefined;

  /** @internal Built by streams and clocks; guests never construct one. */
  constructor(deadline?: Deadline) {
    this.#deadline = deadline;
  }

  /** True once the pollable is ready; never blocks. */
  ready(): boolean {
    return remainingNs(this) <= 0n;
  }

  /** Blocks until the pollable is ready. */
  block(): void {
    for (let left = remainingNs(this); left > 0n; left = remainingNs(this)) sleepNs(left);
  }

  /** Nanoseconds until ready (0 when ready); `poll` uses it to sleep until the earliest deadline. */
  static remaining(pollable: Pollable): bigint {
    const deadline = pollable.#deadline;
    if (deadline === undefined) return 0n;
    const left = deadline.at - deadline.clock();
    return left > 0n ? left : 0n;
  }

  [Symbol.dispose](): void {}
}

function remainingNs(pollable: Pollable): bigint {
  if (!(pollable instanceof Pollable))
    throw new TypeError('Expected a `pollable` resource made by this host.');
  return Pollable.remaining(pollable);
}

/** A pollable that is ready now (streams: stdout, stdin, files). */
export function readyPollable(): Pollable {
  return new Pollable();
}

/** A pollable that is ready when `clock()` reaches `at` (nanoseconds on that clock). */
export function deadlinePollable(clock: () => bigint, at: bigint): Pollable {
  return new Pollable({ clock, at });
}

/**
 * `wasi:io/poll.poll`: blocks until at least one pollable is ready and returns the indexes of the ready ones.
 * An empty list traps, as in Wasmtime (it would otherwise block forever).
 */
export function poll(list: readonly Pollable[]): Uint32Array {
  if (list.length === 0) throw new RangeError('wasi:io/poll.poll was called with an empty list.');
  for (;;) {
    const ready: number[] = [];
    let soonest: bigint | undefined;
    list.forEach((pollable, index) => {
      const left = remainingNs(pollable);
      if (left === 0n) ready.push(index);
      else if (soonest === undefined || left < soonest) soonest = left;
    });
    if (ready.length > 0) return Uint32Array.from(ready);
    sleepNs(soonest ?? 0n);
  }
}

/** The `wasi:io/poll` interface object handed to the glue. */
export function createPollInterface(): Record<string, unknown> {
  return { Pollable, poll };
}
