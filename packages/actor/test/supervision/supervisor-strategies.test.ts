import { createManualClock, type ManualClock } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import {
  createSupervisor,
  type RestartedEvent,
  type RestartingEvent,
  type Strategy,
  type Supervisor,
} from '../../src/supervision/index.js';
import { type Call, type FakeChild, fakeChild, flush } from './fake-child.js';

const BACKOFF = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0 };

async function setup(strategy: Strategy, ids = ['a', 'b', 'c']) {
  const clock: ManualClock = createManualClock();
  const journal: Call[] = [];
  const sup: Supervisor = createSupervisor({ strategy, backoff: BACKOFF, clock, name: 'root' });
  const children: Record<string, FakeChild> = {};
  for (const id of ids) {
    children[id] = fakeChild(id, journal);
    await sup.add(children[id]);
  }
  journal.length = 0;
  const restarting: RestartingEvent[] = [];
  const restarted: RestartedEvent[] = [];
  sup.on('restarting', (e) => restarting.push(e));
  sup.on('restarted', (e) => restarted.push(e));
  const child = (id: string): FakeChild => children[id]!;
  /** Crashes `id`, lets the stops happen, then waits out the backoff. */
  const crashAndRestart = async (id: string, delayMs = 100) => {
    child(id).crash();
    await flush();
    clock.advance(delayMs);
    await flush();
  };
  return { clock, journal, sup, child, restarting, restarted, crashAndRestart };
}

describe('supervisor strategies', () => {
  it('restarts only the failed child under one-for-one', async () => {
    const { journal, sup, crashAndRestart, child } = await setup('one-for-one');
    await crashAndRestart('b');
    expect(journal).toEqual(['stop b restart', 'start b']);
    expect(child('b').instance).toBe(2);
    expect(sup.children().map((c) => [c.id, c.state, c.restarts])).toEqual([
      ['a', 'running', 0],
      ['b', 'running', 1],
      ['c', 'running', 0],
    ]);
  });

  it('stops every child in reverse order and starts them in order under one-for-all', async () => {
    const { journal, crashAndRestart, restarting, restarted } = await setup('one-for-all');
    await crashAndRestart('b');
    expect(journal).toEqual([
      'stop c restart',
      'stop b restart',
      'stop a restart',
      'start a',
      'start b',
      'start c',
    ]);
    expect(restarting).toEqual([
      expect.objectContaining({
        supervisor: 'root',
        cause: 'b',
        ids: ['a', 'b', 'c'],
        attempt: 0,
        delayMs: 100,
      }),
    ]);
    expect(restarted.map((e) => [e.id, e.cause, e.restarts])).toEqual([
      ['a', 'b', 1],
      ['b', 'b', 1],
      ['c', 'b', 1],
    ]);
  });

  it('restarts the failed child and those started after it under rest-for-one', async () => {
    const { journal, crashAndRestart } = await setup('rest-for-one', ['a', 'b', 'c', 'd']);
    await crashAndRestart('b');
    expect(journal).toEqual([
      'stop d restart',
      'stop c restart',
      'stop b restart',
      'start b',
      'start c',
      'start d',
    ]);
  });

  it('waits the backoff delay through the scheduler before starting again', async () => {
    const { clock, journal, sup, child } = await setup('one-for-one');
    child('a').crash();
    await flush();
    expect(sup.children()[0]?.state).toBe('restarting');
    clock.advance(99);
    await flush();
    expect(journal).toEqual(['stop a restart']);
    clock.advance(1);
    await flush();
    expect(journal).toEqual(['stop a restart', 'start a']);
    expect(sup.children()[0]?.state).toBe('running');
  });

  it('handles failures reported together in one group restart', async () => {
    const { journal, child, crashAndRestart } = await setup('one-for-all');
    child('a').crash();
    await crashAndRestart('c');
    expect(journal.filter((c) => c.startsWith('start'))).toEqual(['start a', 'start b', 'start c']);
    await flush();
    expect(journal).toHaveLength(6);
  });

  it('ignores a second report while the child is already restarting', async () => {
    const { journal, child, crashAndRestart } = await setup('one-for-one');
    child('a').crash();
    child('a').crash();
    child('a').exit();
    await crashAndRestart('a');
    expect(journal).toEqual(['stop a restart', 'start a']);
  });

  it('stops a temporary sibling under one-for-all and does not start it again', async () => {
    const clock = createManualClock();
    const journal: Call[] = [];
    const sup = createSupervisor({ strategy: 'one-for-all', backoff: BACKOFF, clock });
    const a = fakeChild('a', journal);
    const t = fakeChild('t', journal);
    await sup.add(a);
    await sup.add(t, { policy: 'temporary' });
    journal.length = 0;
    a.crash();
    await flush();
    clock.advance(100);
    await flush();
    expect(journal).toEqual(['stop t shutdown', 'stop a restart', 'start a']);
    expect(sup.children().map((c) => c.state)).toEqual(['running', 'stopped']);
  });
});
