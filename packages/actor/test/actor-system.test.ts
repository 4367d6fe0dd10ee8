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
