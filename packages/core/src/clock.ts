import type { CancelTimer, Clock, Scheduler } from './contracts.js';
import { parseDuration } from './units.js';

/** The real clock: `Date.now()` and `performance.now()`. */
export const systemClock: Clock = Object.freeze({
  name: 'system',
  now: () => Date.now(),
  monotonic: () => performance.now(),
});

/** Real timers backed by `setTimeout`. */
export const systemScheduler: Scheduler = Object.freeze({
  name: 'system',
  setTimer(delayMs: number, callback: () => void): CancelTimer {
    const handle = setTimeout(callback, parseDuration(delayMs, { key: 'delayMs' }));
    return () => clearTimeout(handle);
  },
});

/** A clock and scheduler that only move when told to; for tests. */
export interface ManualClock extends Clock, Scheduler {
  /** Moves both clocks forward and fires every timer that falls due, in due order. Accepts `'1s'` too. */
  advance(ms: number | string): void;
  /** Sets the wall clock (`now()`) without touching `monotonic()` or firing timers, like a system clock jump. */
  set(epochMs: number): void;
  /** Number of timers not yet fired or cancelled. */
  pendingTimers(): number;
}

interface Timer {
  readonly due: number;
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * Creates a {@link ManualClock} whose `now()` starts at `startEpochMs` and `monotonic()` at 0.
 * @example const clock = createManualClock(); clock.setTimer(100, fire); clock.advance(100); // fires
 */
export function createManualClock(startEpochMs = 0): ManualClock {
  let wall = startEpochMs;
  let mono = 0;
  let seq = 0;
  const timers = new Set<Timer>();

  const nextDue = (limit: number): Timer | undefined => {
    let best: Timer | undefined;
    for (const timer of timers) {
      if (timer.due > limit) continue;
      if (best === undefined || timer.due < best.due || (timer.due === best.due && timer.seq < best.seq)) {
        best = timer;
      }
    }
    return best;
  };

  return {
    name: 'manual',
    now: () => wall,
    monotonic: () => mono,
    setTimer(delayMs, callback) {
      const timer: Timer = { due: mono + parseDuration(delayMs, { key: 'delayMs' }), seq: seq++, callback };
      timers.add(timer);
      return () => {
        timers.delete(timer);
      };
    },
    advance(ms) {
      const target = mono + parseDuration(ms, { key: 'ms' });
      // Timers set by callbacks fire too when they fall due within this advance.
      for (let timer = nextDue(target); timer !== undefined; timer = nextDue(target)) {
        timers.delete(timer);
        wall += timer.due - mono;
        mono = timer.due;
        timer.callback();
      }
      wall += target - mono;
      mono = target;
    },
    set(epochMs) {
      wall = epochMs;
    },
    pendingTimers: () => timers.size,
    dispose() {
      timers.clear();
    },
  };
}
