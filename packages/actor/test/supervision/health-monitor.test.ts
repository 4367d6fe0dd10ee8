import { createManualClock } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import {
  type ChildUnhealthyError,
  createHealthMonitor,
  createSupervisor,
  type HealthChangedEvent,
  type HealthStatus,
} from '../../src/supervision/index.js';
import { type Call, fakeChild, flush } from './fake-child.js';

/** A check answering from a script; `throw` throws, `hang` never answers. */
function scripted(answers: (HealthStatus | 'throw' | 'hang' | 'nonsense')[]) {
  let calls = 0;
  const check = (): Promise<HealthStatus> => {
    const answer = answers[calls++] ?? 'healthy';
    if (answer === 'throw') throw new Error('trap');
    if (answer === 'hang') return new Promise(() => {});
    return Promise.resolve(answer as HealthStatus);
  };
  return { check, calls: () => calls };
}

function setup(answers: Parameters<typeof scripted>[0], threshold = 3) {
  const clock = createManualClock();
  const script = scripted(answers);
  const unhealthy: ChildUnhealthyError[] = [];
  const changes: HealthChangedEvent[] = [];
  const monitor = createHealthMonitor({
    check: script.check,
    intervalMs: 100,
    timeoutMs: 50,
    unhealthyThreshold: threshold,
    onUnhealthy: (e) => unhealthy.push(e),
    clock,
    name: 'acme/worker',
  });
  monitor.on('health-changed', (e) => changes.push(e));
  /** Runs `n` more checks and lets the last one settle (a hanging one is cut off by its timeout). */
  const polls = async (n: number) => {
    const target = script.calls() + n;
    while (script.calls() < target) {
      clock.advance(10);
      await flush();
    }
    clock.advance(50);
    await flush();
  };
  return { clock, script, unhealthy, changes, monitor, polls };
}

describe('health monitor', () => {
  it('polls at the interval, one check at a time', async () => {
    const { clock, script } = setup([]);
    clock.advance(99);
    expect(script.calls()).toBe(0);
    clock.advance(1);
    expect(script.calls()).toBe(1);
    await flush();
    clock.advance(100);
    expect(script.calls()).toBe(2);
  });

  it('calls onUnhealthy after exactly the threshold of consecutive unhealthy answers', async () => {
    const { unhealthy, polls } = setup([
      'unhealthy',
      'unhealthy',
      'healthy',
      'unhealthy',
      'unhealthy',
      'unhealthy',
    ]);
    await polls(5);
    expect(unhealthy).toHaveLength(0);
    await polls(1);
    expect(unhealthy).toHaveLength(1);
    expect(unhealthy[0]).toMatchObject({
      code: 'CHILD_UNHEALTHY',
      componentId: 'acme/worker',
      threshold: 3,
      lastAnswer: 'unhealthy',
    });
    expect(unhealthy[0]?.message).toBe(
      'Component `acme/worker` answered its health check `unhealthy` 3 times in a row (last: `unhealthy`); expected `healthy`.',
    );
  });

  it('counts a throwing, a timed-out and a nonsense check as unhealthy', async () => {
    const { unhealthy, changes, polls, script } = setup(['throw', 'hang', 'nonsense']);
    await polls(3);
    expect(script.calls()).toBe(3);
    expect(unhealthy).toHaveLength(1);
    expect(unhealthy[0]?.lastAnswer).toBe('error');
    expect(unhealthy[0]?.cause).toBeInstanceOf(TypeError);
    expect(changes[0]).toMatchObject({ previous: 'unknown', current: 'unhealthy', answer: 'error' });
    expect(changes[0]?.error).toMatchObject({ message: 'trap' });
  });

  it('cuts off a hanging check at timeoutMs and keeps polling', async () => {
    const { clock, unhealthy, script, monitor } = setup(['hang'], 1);
    clock.advance(100);
    await flush();
    clock.advance(49);
    expect(unhealthy).toHaveLength(0);
    clock.advance(1);
    expect(unhealthy).toHaveLength(1);
    expect(unhealthy[0]?.cause).toMatchObject({ code: 'HEALTH_CHECK_TIMEOUT', timeoutMs: 50 });
    expect(monitor.state().status).toBe('unhealthy');
    clock.advance(100);
    expect(script.calls()).toBe(2);
  });

  it('emits health-changed only when the status changes', async () => {
    const { changes, polls } = setup(['healthy', 'healthy', 'degraded', 'unhealthy', 'healthy']);
    await polls(5);
    expect(changes.map((c) => [c.previous, c.current])).toEqual([
      ['unknown', 'healthy'],
      ['healthy', 'degraded'],
      ['degraded', 'unhealthy'],
      ['unhealthy', 'healthy'],
    ]);
  });

  it('stops polling and ignores an answer still on its way', async () => {
    const { clock, script, monitor, unhealthy } = setup(['unhealthy'], 1);
    clock.advance(100);
    monitor.stop();
    await flush();
    clock.advance(1000);
    expect(script.calls()).toBe(1);
    expect(unhealthy).toHaveLength(0);
    expect(monitor.running).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('rejects bad options, naming the option', () => {
    const base = { check: async () => 'healthy' as const, onUnhealthy: () => {} };
    expect(() => createHealthMonitor({ ...base, intervalMs: 0 })).toThrow(
      'Expected `intervalMs` to be a number above 0, got `0`.',
    );
    expect(() => createHealthMonitor({ ...base, intervalMs: 10, unhealthyThreshold: 0 })).toThrow(
      /unhealthyThreshold/,
    );
  });

  it('restarts a supervised child through the supervisor', async () => {
    const clock = createManualClock();
    const journal: Call[] = [];
    const sup = createSupervisor({ strategy: 'one-for-one', backoff: { initialMs: 10, jitter: 0 }, clock });
    await sup.add(fakeChild('acme/worker', journal));
    const monitor = createHealthMonitor({
      check: async () => 'unhealthy' as const,
      intervalMs: 100,
      unhealthyThreshold: 2,
      onUnhealthy: (e) => sup.childFailed('acme/worker', e),
      clock,
    });
    for (let i = 0; i < 3; i++) {
      clock.advance(100);
      await flush();
    }
    monitor.stop();
    expect(journal).toEqual(['start acme/worker', 'stop acme/worker restart', 'start acme/worker']);
  });
});
