import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBroker } from '@airssys/broker';
import { createRuntime } from '@airssys/runtime';
import { airssysHostStub, guestPath } from '@airssys/test-guests';
import { afterEach, describe, expect, it } from 'vitest';
import { type ActorSystem, createActorSystem, type HealthChange } from '../src/index.js';

const runtime = createRuntime({ cacheDir: join(tmpdir(), 'airssys-test-cache'), log: () => {} });
const text = (s: string) => new TextEncoder().encode(s);
let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

describe('actor system hooks', () => {
  it('tells onHealthChange, the actor and the system each time a watched guest changes its health answer', async () => {
    const broker = createBroker();
    system = createActorSystem({ broker });
    const seen: HealthChange[] = [];
    const onActor: HealthChange[] = [];
    const onSystem: string[] = [];
    const restarts: number[] = [];
    system.on('health-changed', (e) => onSystem.push(`${e.id}: ${e.previous} → ${e.current}`));
    const actor = await system.spawn({
      id: 'test/flaky-health',
      component: await runtime.load(guestPath('ts-actor')),
      imports: () => airssysHostStub({ self: 'test/flaky-health' }),
      health: { intervalMs: 20, unhealthyThreshold: 2 },
      hooks: {
        onHealthChange: (_actor, change) => void seen.push(change),
        onRestart: (_actor, { restarts: n }) => void restarts.push(n),
      },
    });
    actor.on('health-changed', ({ previous, current }) => onActor.push({ previous, current }));
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(1);
    await broker.request('host', 'test/flaky-health', text('sick')).reply;
    // Unhealthy twice in a row → restarted by the supervisor → the fresh instance answers healthy again.
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(3);
    expect(seen).toEqual([
      { previous: 'unknown', current: 'healthy' },
      { previous: 'healthy', current: 'unhealthy' },
      { previous: 'unhealthy', current: 'healthy' },
    ]);
    // The listener was attached after spawn resolved, so it may have missed the very first answer.
    expect(onActor.length).toBeGreaterThanOrEqual(2);
    expect(onActor).toEqual(seen.slice(seen.length - onActor.length));
    expect(onSystem).toContain('test/flaky-health: healthy → unhealthy');
    expect(restarts).toEqual([1]);
  });
});

describe('actor system supervision', () => {
  const crasher = async (id: string) => ({
    id,
    component: await runtime.load(guestPath('ts-actor')),
    imports: () => airssysHostStub({ self: id }),
  });
  const request = (b: ReturnType<typeof createBroker>, to: string, body: string) =>
    b.request('host', to, text(body)).reply.then(
      (r) => new TextDecoder().decode(r),
      (e: { kind?: string }) => `error ${e.kind}`,
    );

  it('gives up a component past its own restart budget alone, and closes its mailbox', async () => {
    const broker = createBroker();
    system = createActorSystem({
      broker,
      supervisor: {
        strategy: 'one-for-one',
        intensity: { maxRestarts: 1, windowMs: 60_000 },
        backoff: { initialMs: 0, maxMs: 0 },
      },
    });
    const givenUp: string[] = [];
    system.on('given-up', (e) => givenUp.push(e.id));
    await system.spawn(await crasher('test/crasher'));
    await system.spawn(await crasher('test/other-crasher'));
    // The other component's crash spends its own budget, not the first one's.
    expect(await request(broker, 'test/other-crasher', 'crash')).toBe('error target-crashed');
    expect(await request(broker, 'test/crasher', 'crash')).toBe('error target-crashed');
    await expect.poll(() => system!.lookup('test/crasher')?.state, { timeout: 10_000 }).toBe('ready');
    expect(await request(broker, 'test/crasher', 'crash')).toBe('error target-crashed');
    await expect.poll(() => givenUp, { timeout: 10_000 }).toEqual(['test/crasher']);
    expect(system.lookup('test/crasher')?.state).toBe('terminated');
    await expect
      .poll(() => broker.send('host', 'test/crasher', text('x')).ok, { timeout: 10_000 })
      .toBe(false);
    expect(await request(broker, 'test/other-crasher', 'status')).toBe('alive');
    await system.stop('test/crasher');
    await system.spawn(await crasher('test/crasher'));
    expect(await request(broker, 'test/crasher', 'status')).toBe('alive');
    await system.stop('test/crasher');
    await system.shutdown();
    expect(givenUp).toEqual(['test/crasher']);
  });

  it('refuses new work once the root gave up a group, instead of restarting it behind closed mailboxes', async () => {
    const broker = createBroker();
    system = createActorSystem({
      broker,
      supervisor: { strategy: 'one-for-one', intensity: { maxRestarts: 0, windowMs: 60_000 } },
    });
    await system.createGroup('fragile', {
      strategy: 'one-for-one',
      intensity: { maxRestarts: 0, windowMs: 60_000 },
    });
    await system.spawn({ ...(await crasher('test/crasher')), group: 'fragile' });
    const givenUp = new Promise((r) => system!.on('given-up', r));
    expect(await request(broker, 'test/crasher', 'crash')).toBe('error target-crashed');
    expect(await givenUp).toEqual({ id: 'test/crasher' });
    await expect(system.spawn(await crasher('test/late'))).rejects.toMatchObject({ code: 'ACTOR_FAILED' });
  });

  it('takes an actor down again when its spawn fails after it started', async () => {
    const broker = createBroker();
    system = createActorSystem({ broker });
    const stops: string[] = [];
    const spawning = system.spawn({
      ...(await crasher('test/crasher')),
      hooks: {
        afterStart: () => {
          throw new Error('late refusal');
        },
        afterStop: (a) => void stops.push(a.state),
      },
    });
    await expect(spawning).rejects.toMatchObject({
      cause: expect.objectContaining({ message: 'late refusal' }),
    });
    expect(stops).toEqual(['terminated']);
    expect(system.lookup('test/crasher')).toBeUndefined();
    expect(broker.has('test/crasher')).toBe(false);
  });
});
