import { describe, expect, it, vi } from 'vitest';
import { createManualClock, InvalidUnitError, systemClock, systemScheduler } from '../src/index.js';

describe('systemClock', () => {
  it('reads wall time and a monotonic counter', () => {
    const before = Date.now();
    expect(systemClock.now()).toBeGreaterThanOrEqual(before);
    const a = systemClock.monotonic();
    expect(systemClock.monotonic()).toBeGreaterThanOrEqual(a);
  });
});

describe('systemScheduler', () => {
  it('fires a real timer and cancels another', async () => {
    const cancelled = vi.fn();
    systemScheduler.setTimer(1, cancelled)();
    await new Promise<void>((resolve) => systemScheduler.setTimer(2, resolve));
    expect(cancelled).not.toHaveBeenCalled();
  });
});

describe('createManualClock', () => {
  it('starts where told and moves only when advanced', () => {
    const clock = createManualClock(1000);
    expect([clock.now(), clock.monotonic()]).toEqual([1000, 0]);
    clock.advance(250);
    clock.advance('1s');
    expect([clock.now(), clock.monotonic()]).toEqual([2250, 1250]);
  });

  it('fires due timers in due order, at their due time', () => {
    const clock = createManualClock();
    const seen: string[] = [];
    clock.setTimer(30, () => seen.push(`b@${clock.monotonic()}`));
    clock.setTimer(10, () => seen.push(`a@${clock.monotonic()}`));
    clock.setTimer(30, () => seen.push(`c@${clock.monotonic()}`));
    clock.advance(20);
    expect(seen).toEqual(['a@10']);
    clock.advance(10);
    expect(seen).toEqual(['a@10', 'b@30', 'c@30']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('fires timers set by a callback when they fall due in the same advance', () => {
    const clock = createManualClock();
    const seen: number[] = [];
    clock.setTimer(10, () => {
      seen.push(clock.monotonic());
      clock.setTimer(10, () => seen.push(clock.monotonic()));
    });
    clock.advance(100);
    expect(seen).toEqual([10, 20]);
    expect(clock.monotonic()).toBe(100);
  });

  it('does not fire cancelled timers', () => {
    const clock = createManualClock();
    const fired = vi.fn();
    const cancel = clock.setTimer(5, fired);
    cancel();
    cancel();
    clock.advance(10);
    expect(fired).not.toHaveBeenCalled();
  });

  it('jumps the wall clock on set without moving monotonic time or firing timers', () => {
    const clock = createManualClock(0);
    const fired = vi.fn();
    clock.setTimer(5, fired);
    clock.set(1_000_000);
    expect([clock.now(), clock.monotonic()]).toEqual([1_000_000, 0]);
    expect(fired).not.toHaveBeenCalled();
  });

  it('drops every timer on dispose', () => {
    const clock = createManualClock();
    clock.setTimer(1, () => {});
    clock.dispose?.();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('rejects a negative advance, naming it', () => {
    const clock = createManualClock();
    expect(() => clock.advance(-1)).toThrow(InvalidUnitError);
    expect(() => clock.advance(-1)).toThrow(
      'Expected `ms` to be a duration like `500ms`, got `-1` (negative).',
    );
    expect(() => clock.setTimer(Number.NaN, () => {})).toThrow('`delayMs`');
  });
});
