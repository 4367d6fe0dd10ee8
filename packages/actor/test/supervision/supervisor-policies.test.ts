import { createManualClock } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { createSupervisor, type RestartPolicy } from '../../src/supervision/index.js';
import { type Call, fakeChild, flush } from './fake-child.js';

async function setup(policy: RestartPolicy) {
  const clock = createManualClock();
  const journal: Call[] = [];
  const sup = createSupervisor({ strategy: 'one-for-one', backoff: { initialMs: 10, jitter: 0 }, clock });
  const child = fakeChild('x', journal);
  await sup.add(child, { policy });
  journal.length = 0;
  const settle = async () => {
    await flush();
    clock.advance(100);
    await flush();
  };
  return { sup, child, journal, settle };
}

describe('restart policies', () => {
  it('restarts a permanent child after a failure and after a normal exit', async () => {
    const { sup, child, journal, settle } = await setup('permanent');
    child.crash();
    await settle();
    child.exit();
    await settle();
    expect(journal).toEqual(['stop x restart', 'start x', 'stop x restart', 'start x']);
    expect(sup.children()[0]).toEqual({ id: 'x', state: 'running', restarts: 2, policy: 'permanent' });
  });

  it('restarts a transient child after a failure but not after a normal exit', async () => {
    const { sup, child, journal, settle } = await setup('transient');
    child.crash();
    await settle();
    expect(journal).toEqual(['stop x restart', 'start x']);
    child.exit();
    await settle();
    expect(journal).toEqual(['stop x restart', 'start x', 'stop x shutdown']);
    expect(sup.children()[0]?.state).toBe('stopped');
  });

  it('never restarts a temporary child and shows it as failed', async () => {
    const { sup, child, journal, settle } = await setup('temporary');
    const failed: string[] = [];
    sup.on('child-failed', (e) => failed.push(e.id));
    child.crash();
    await settle();
    expect(journal).toEqual(['stop x shutdown']);
    expect(sup.children()[0]?.state).toBe('failed');
    expect(failed).toEqual(['x']);
    child.crash();
    await settle();
    expect(journal).toEqual(['stop x shutdown']);
  });

  it('reports a temporary child that exits normally as stopped', async () => {
    const { sup, child, settle } = await setup('temporary');
    child.exit();
    await settle();
    expect(sup.children()[0]?.state).toBe('stopped');
  });
});
