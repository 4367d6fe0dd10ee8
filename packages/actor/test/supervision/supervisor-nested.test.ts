import { createManualClock } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { createSupervisor, type EscalatedEvent } from '../../src/supervision/index.js';
import { type Call, fakeChild, flush } from './fake-child.js';

async function setup(rootMaxRestarts = 3) {
  const clock = createManualClock();
  const journal: Call[] = [];
  const backoff = { initialMs: 10, jitter: 0 };
  const root = createSupervisor({
    strategy: 'one-for-one',
    intensity: { maxRestarts: rootMaxRestarts },
    backoff,
    clock,
    name: 'root',
  });
  const inner = createSupervisor({
    strategy: 'one-for-one',
    intensity: { maxRestarts: 1 },
    backoff,
    clock,
    name: 'inner',
  });
  const a = fakeChild('a', journal);
  const b = fakeChild('b', journal);
  await root.add(inner);
  await inner.add(a);
  await inner.add(b);
  const escalated: EscalatedEvent[] = [];
  root.on('escalated', (e) => escalated.push(e));
  inner.on('escalated', (e) => escalated.push(e));
  const run = async () => {
    for (let i = 0; i < 4; i++) {
      await flush();
      clock.advance(1000);
    }
    await flush();
  };
  return { clock, journal, root, inner, a, b, escalated, run };
}

describe('nested supervisors', () => {
  it('escalate to the parent, which restarts the nested supervisor with fresh children', async () => {
    const { journal, root, inner, a, b, escalated, run } = await setup();
    const failed: string[] = [];
    root.on('child-failed', (e) => failed.push(e.id));
    a.crash();
    await run();
    journal.length = 0;
    a.crash();
    await run();
    expect(journal).toEqual(['stop b shutdown', 'stop a shutdown', 'start a', 'start b']);
    expect(escalated.map((e) => [e.supervisor, e.root])).toEqual([['inner', false]]);
    expect(failed).toEqual(['inner']);
    expect(inner.state()).toBe('running');
    expect(inner.children().map((c) => [c.id, c.state, c.restarts])).toEqual([
      ['a', 'running', 0],
      ['b', 'running', 0],
    ]);
    expect(root.children()).toEqual([{ id: 'inner', state: 'running', restarts: 1, policy: 'permanent' }]);
    expect([a.instance, b.instance]).toEqual([3, 2]);
  });

  it('restarts a healthy nested supervisor when a sibling fails under one-for-all', async () => {
    const clock = createManualClock();
    const journal: Call[] = [];
    const root = createSupervisor({ strategy: 'one-for-all', backoff: { initialMs: 10, jitter: 0 }, clock });
    const inner = createSupervisor({ strategy: 'one-for-one', clock, name: 'inner' });
    await root.add(inner);
    await inner.add(fakeChild('a', journal));
    const x = fakeChild('x', journal);
    await root.add(x);
    journal.length = 0;
    x.crash();
    await flush();
    clock.advance(10);
    await flush();
    expect(journal).toEqual(['stop x restart', 'stop a restart', 'start a', 'start x']);
  });

  it('escalate up the chain until the root gives up', async () => {
    const { root, inner, a, escalated, run } = await setup(0);
    a.crash();
    await run();
    a.crash();
    await run();
    expect(escalated.map((e) => [e.supervisor, e.root])).toEqual([
      ['inner', false],
      ['root', true],
    ]);
    expect(escalated[1]?.error.cause).toBe(escalated[0]?.error);
    expect(root.state()).toBe('failed');
    expect(inner.state()).toBe('stopped');
  });
});
