import { createManualClock } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { createSupervisor, InvalidSupervisionOptionsError } from '../../src/supervision/index.js';
import { type Call, fakeChild, flush } from './fake-child.js';

async function setup() {
  const clock = createManualClock();
  const journal: Call[] = [];
  const sup = createSupervisor({ strategy: 'one-for-one', backoff: { initialMs: 100, jitter: 0 }, clock });
  for (const id of ['a', 'b', 'c']) await sup.add(fakeChild(id, journal));
  return { clock, journal, sup };
}

describe('supervisor lifecycle', () => {
  it('keeps a crash a child reports before its start resolves, and restarts it once the start is done', async () => {
    const journal: Call[] = [];
    const sup = createSupervisor({ strategy: 'one-for-one', backoff: { initialMs: 0, maxMs: 0 } });
    const child = fakeChild('a', journal);
    const start = child.start.bind(child);
    let crashes = 2;
    // Like an actor that opens its gate and handles a waiting message before `start()` returns.
    child.start = async () => {
      await start();
      if (crashes-- > 0) child.crash();
    };
    await sup.add(child);
    for (let i = 0; i < 10 && journal.length < 5; i++) await flush();
    expect(journal).toEqual(['start a', 'stop a restart', 'start a', 'stop a restart', 'start a']);
    expect(sup.children()).toEqual([expect.objectContaining({ id: 'a', state: 'running', restarts: 2 })]);
  });

  it('starts children in the order they are added', async () => {
    const { journal, sup } = await setup();
    expect(journal).toEqual(['start a', 'start b', 'start c']);
    expect(sup.state()).toBe('running');
  });

  it('stops children in reverse order and emits stopped', async () => {
    const { journal, sup } = await setup();
    const stopped: unknown[] = [];
    sup.on('stopped', (e) => stopped.push(e));
    journal.length = 0;
    await sup.stop();
    expect(journal).toEqual(['stop c shutdown', 'stop b shutdown', 'stop a shutdown']);
    expect(sup.state()).toBe('stopped');
    expect(sup.children().every((c) => c.state === 'stopped')).toBe(true);
    expect(stopped).toEqual([{ supervisor: 'supervisor', reason: 'shutdown' }]);
    await sup.stop();
    expect(stopped).toHaveLength(1);
  });

  it('abandons a restart waiting on its backoff when stopped', async () => {
    const { clock, journal, sup } = await setup();
    journal.length = 0;
    sup.childFailed('b', new Error('boom'));
    await flush();
    await sup.stop();
    clock.advance(1000);
    await flush();
    expect(journal).toEqual(['stop b restart', 'stop c shutdown', 'stop a shutdown']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('starts every child again, in order, after a stop', async () => {
    const { journal, sup } = await setup();
    await sup.stop();
    journal.length = 0;
    await sup.start();
    expect(journal).toEqual(['start a', 'start b', 'start c']);
    expect(sup.children().every((c) => c.state === 'running')).toBe(true);
  });

  it('refuses children once stopped', async () => {
    const { journal, sup } = await setup();
    await sup.stop();
    await expect(sup.add(fakeChild('d', journal))).rejects.toMatchObject({ code: 'SUPERVISOR_NOT_RUNNING' });
  });

  it('refuses a duplicate id and a child that cannot start', async () => {
    const { journal, sup } = await setup();
    await expect(sup.add(fakeChild('a', journal))).rejects.toMatchObject({
      code: 'DUPLICATE_CHILD',
      childId: 'a',
    });
    const broken = fakeChild('d', journal);
    broken.failStarts = 1;
    const error = await sup.add(broken).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CHILD_START_FAILED', childId: 'd' });
    expect((error as Error).cause).toMatchObject({ message: 'd cannot start' });
    expect(sup.children().map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('removes a child: stops it and ignores its later reports', async () => {
    const { journal, sup } = await setup();
    const d = fakeChild('d', journal);
    await sup.add(d);
    journal.length = 0;
    expect(await sup.remove('d')).toBe(true);
    expect(await sup.remove('d')).toBe(false);
    d.crash();
    await flush();
    expect(journal).toEqual(['stop d shutdown']);
    expect(sup.children().map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('rejects a bad policy and bad options, naming the option and value', async () => {
    const { journal, sup } = await setup();
    await expect(sup.add(fakeChild('d', journal), { policy: 'forever' as never })).rejects.toMatchObject({
      code: 'INVALID_SUPERVISOR_OPTIONS',
      key: 'policy',
    });
    expect(() => createSupervisor({ strategy: 'one-for-one', backoff: { jitter: 2 } })).toThrow(
      'Expected `backoff.jitter` to be a number from 0 to 1, got `2`.',
    );
    expect(() => createSupervisor({ strategy: 'all-for-none' as never })).toThrow(
      InvalidSupervisionOptionsError,
    );
    expect(() => createSupervisor({ strategy: 'one-for-one', intensity: { maxRestarts: -1 } })).toThrow(
      /intensity\.maxRestarts/,
    );
    expect(() => createSupervisor({ strategy: 'one-for-one', intensity: { windowMs: 0 } })).toThrow(
      /intensity\.windowMs/,
    );
    expect(() =>
      createSupervisor({ strategy: 'one-for-one', backoff: { initialMs: 50, maxMs: 10 } }),
    ).toThrow(/backoff\.maxMs/);
  });
});
