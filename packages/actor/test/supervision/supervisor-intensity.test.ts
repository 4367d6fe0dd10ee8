import { createManualClock, isAirssysError } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import {
  createSupervisor,
  type EscalatedEvent,
  RestartIntensityExceededError,
  type RestartingEvent,
} from '../../src/supervision/index.js';
import { type Call, fakeChild, flush } from './fake-child.js';

async function setup(maxRestarts = 2, windowMs = 1000) {
  const clock = createManualClock();
  const journal: Call[] = [];
  const sup = createSupervisor({
    strategy: 'one-for-one',
    intensity: { maxRestarts, windowMs },
    backoff: { initialMs: 10, maxMs: 80, factor: 2, jitter: 0 },
    clock,
    name: 'root',
  });
  const a = fakeChild('a', journal);
  const b = fakeChild('b', journal);
  await sup.add(a);
  await sup.add(b);
  journal.length = 0;
  const escalated: EscalatedEvent[] = [];
  const restarting: RestartingEvent[] = [];
  sup.on('escalated', (e) => escalated.push(e));
  sup.on('restarting', (e) => restarting.push(e));
  const crash = async (child = a) => {
    child.crash();
    await flush();
    clock.advance(100);
    await flush();
  };
  return { clock, journal, sup, a, b, escalated, restarting, crash };
}

describe('restart intensity', () => {
  it('allows the N-th restart inside the window and escalates on the N+1-th', async () => {
    const { sup, journal, escalated, crash } = await setup(2);
    await crash();
    await crash();
    expect(escalated).toEqual([]);
    journal.length = 0;
    await crash();
    expect(journal).toEqual(['stop b shutdown', 'stop a shutdown']);
    expect(sup.state()).toBe('failed');
    expect(sup.children().map((c) => c.state)).toEqual(['failed', 'stopped']);
    const [event] = escalated;
    expect(event?.root).toBe(true);
    expect(event?.error).toBeInstanceOf(RestartIntensityExceededError);
    expect(isAirssysError(event?.error)).toBe(true);
    expect(event?.error).toMatchObject({
      code: 'RESTART_INTENSITY_EXCEEDED',
      supervisor: 'root',
      childId: 'a',
      restarts: 3,
      maxRestarts: 2,
      windowMs: 1000,
    });
    expect(event?.error.message).toBe(
      'Supervisor `root` needed 3 restarts within 1000ms (last for child `a`), more than the 2 allowed.',
    );
  });

  it('counts restarts of every child against one window', async () => {
    const { a, b, escalated, crash } = await setup(2);
    await crash(a);
    await crash(b);
    await crash(a);
    expect(escalated).toHaveLength(1);
  });

  it('allows restarts again once old ones leave the window', async () => {
    const { clock, escalated, crash } = await setup(2);
    await crash();
    await crash();
    clock.advance(1000);
    await crash();
    await crash();
    expect(escalated).toEqual([]);
  });

  it('ignores reports once it has escalated', async () => {
    const { sup, a, journal, crash } = await setup(0);
    await crash();
    journal.length = 0;
    sup.childFailed('b', new Error('late'));
    a.crash();
    await flush();
    expect(journal).toEqual([]);
  });
});

describe('restart backoff', () => {
  it('grows with consecutive restarts, caps, and resets after the child stays up a window long', async () => {
    const { clock, restarting, crash } = await setup(100, 1000);
    for (let i = 0; i < 5; i++) await crash();
    clock.advance(1000);
    await crash();
    expect(restarting.map((e) => e.delayMs)).toEqual([10, 20, 40, 80, 80, 10]);
    expect(restarting.map((e) => e.attempt)).toEqual([0, 1, 2, 3, 4, 0]);
  });

  it('stays in the jitter bounds with an injected random', async () => {
    const clock = createManualClock();
    const sup = createSupervisor({
      strategy: 'one-for-one',
      backoff: { initialMs: 100, jitter: 0.5 },
      random: () => 0,
      clock,
    });
    const delays: number[] = [];
    sup.on('restarting', (e) => delays.push(e.delayMs));
    await sup.add(fakeChild('a', []));
    sup.childFailed('a', new Error('boom'));
    await flush();
    expect(delays).toEqual([50]);
  });
});

describe('a child failing in start() during a restart', () => {
  it('counts as another failure and is retried after a longer backoff', async () => {
    const { clock, sup, a, journal, restarting } = await setup(5);
    const failed: string[] = [];
    sup.on('child-failed', (e) => failed.push(`${e.id}: ${(e.error as Error).message}`));
    a.failStarts = 1;
    a.crash();
    await flush();
    clock.advance(10);
    await flush();
    expect(journal).toEqual(['stop a restart', 'start a']);
    expect(failed).toEqual(['a: a crashed', 'a: a cannot start']);
    clock.advance(19);
    await flush();
    expect(journal).toHaveLength(2);
    clock.advance(1);
    await flush();
    expect(journal).toEqual(['stop a restart', 'start a', 'start a']);
    expect(restarting.map((e) => e.delayMs)).toEqual([10, 20]);
    expect(sup.children()[0]).toMatchObject({ state: 'running', restarts: 1 });
  });

  it('escalates instead of looping when start() keeps failing', async () => {
    const { clock, sup, a, journal, escalated } = await setup(3);
    a.failStarts = Number.POSITIVE_INFINITY;
    a.crash();
    for (let i = 0; i < 10; i++) {
      await flush();
      clock.advance(100);
    }
    await flush();
    expect(journal.filter((c) => c === 'start a')).toHaveLength(3);
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.error.cause).toMatchObject({ code: 'CHILD_START_FAILED', childId: 'a' });
    expect(sup.state()).toBe('failed');
    expect(clock.pendingTimers()).toBe(0);
  });
});
