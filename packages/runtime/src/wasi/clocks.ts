// wasi:clocks/monotonic-clock and wasi:clocks/wall-clock, over clocks the host may replace.

import { hrtime } from 'node:process';
import { deadlinePollable, type Pollable } from './poll.js';
import type { Datetime } from './wit-types.js';

const NS_PER_S = 1_000_000_000n;

/** Where the clock interfaces read time from, in nanoseconds. */
export interface ClockSources {
  /** Wall clock, since the Unix epoch. */
  now?: (() => bigint) | undefined;
  /** Monotonic clock, from an arbitrary origin. */
  monotonicNow?: (() => bigint) | undefined;
}

/** The real wall clock in nanoseconds since the epoch (millisecond resolution). */
export function realWallClock(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

/** Splits nanoseconds since the epoch into a WASI `datetime`. */
export function toDatetime(ns: bigint): Datetime {
  let seconds = ns / NS_PER_S;
  let rest = ns % NS_PER_S;
  if (rest < 0n) {
    seconds -= 1n;
    rest += NS_PER_S;
  }
  return { seconds, nanoseconds: Number(rest) };
}

/** The `wasi:clocks/*` interface objects handed to the glue. */
export function createClockInterfaces(sources: ClockSources = {}): Record<string, Record<string, unknown>> {
  const monotonicNow = sources.monotonicNow ?? (() => hrtime.bigint());
  const wallNow = sources.now ?? realWallClock;
  const wallResolution = toDatetime(sources.now === undefined ? 1_000_000n : 1n);

  const monotonicClock = {
    now: (): bigint => monotonicNow(),
    resolution: (): bigint => 1n,
    subscribeInstant: (when: bigint): Pollable => deadlinePollable(monotonicNow, BigInt(when)),
    subscribeDuration: (duration: bigint): Pollable =>
      deadlinePollable(monotonicNow, monotonicNow() + BigInt(duration)),
  };
  const wallClock = {
    now: (): Datetime => toDatetime(wallNow()),
    resolution: (): Datetime => ({ ...wallResolution }),
  };
  return { 'wasi:clocks/monotonic-clock': monotonicClock, 'wasi:clocks/wall-clock': wallClock };
}
