import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnvelope } from '@airssys/core';
import { createRuntime } from '@airssys/runtime';
import { airssysHostStub, guestPath } from '@airssys/test-guests';
import { afterEach, describe, expect, it } from 'vitest';
import { type ActorHooks, type ComponentActor, createComponentActor } from '../src/index.js';

const runtime = createRuntime({ cacheDir: join(tmpdir(), 'airssys-test-cache'), log: () => {} });
const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const request = (payload: string) =>
  createEnvelope({
    kind: 'request',
    from: 'test/host',
    to: 'test/echo',
    payload: text(payload),
    correlationId: 'c-1',
  });
const actors: ComponentActor[] = [];
afterEach(async () => {
  await Promise.all(actors.splice(0).map((a) => a.stop()));
});

async function tsEcho(isolation: 'inline' | 'worker' = 'inline', hooks?: ActorHooks) {
  const actor = createComponentActor({
    id: 'test/ts-echo',
    component: await runtime.load(guestPath('ts-echo')),
    instance: { isolation },
    imports: () => airssysHostStub(),
    hooks,
  });
  actors.push(actor);
  return actor;
}

describe('component actor', () => {
  it('starts a guest, handles a request and answers with its reply', async () => {
    const actor = await tsEcho();
    const states: string[] = [];
    actor.on('state-changed', (e) => states.push(e.to));
    await actor.start();
    expect(actor.state).toBe('ready');
    expect(decode(await actor.handle(request('ping')))).toBe('pong');
    expect(await actor.health()).toBe('healthy');
    expect(await actor.metadata()).toMatchObject({ name: 'ts-echo' });
    await actor.stop();
    expect(states).toEqual(['starting', 'ready', 'stopping', 'terminated']);
    await expect(actor.handle(request('ping'))).rejects.toMatchObject({ code: 'ACTOR_STOPPED' });
  });

  it('fails on a trap, holds messages while restarting, then serves them from a fresh instance', async () => {
    const actor = await tsEcho('worker');
    await actor.start();
    const failed: unknown[] = [];
    actor.on('failed', (e) => failed.push(e.error));
    await expect(actor.handle(request('throw'))).rejects.toMatchObject({ code: 'TRAP' });
    expect(actor.state).toBe('failed');
    expect(failed).toHaveLength(1);
    const waiting = actor.handle(request('abc'));
    await actor.stop('restart');
    await actor.start();
    expect(decode(await waiting)).toBe('cba');
    expect(actor.restarts).toBe(1);
    expect(actor.state).toBe('ready');
  });

  it('answers at once from an idle inline guest, so a mailbox runs a burst in one turn', async () => {
    const actor = await tsEcho();
    const early = actor.receive(request('ab'));
    expect(early).toBeInstanceOf(Promise);
    await actor.start();
    expect(decode(await early)).toBe('ba');
    const now = actor.receive(request('xy'));
    expect(now).toBeInstanceOf(Uint8Array);
    expect(decode(now as Uint8Array)).toBe('yx');
    expect(() => actor.receive(request('throw'))).toThrow(expect.objectContaining({ code: 'TRAP' }));
    expect(actor.state).toBe('failed');
  });

  it('answers a worker guest through a promise', async () => {
    const actor = await tsEcho('worker');
    await actor.start();
    const reply = actor.receive(request('ab'));
    expect(reply).toBeInstanceOf(Promise);
    expect(decode(await reply)).toBe('ba');
  });

  it('calls onRestart and emits restarted when a fresh instance replaces the previous one, not on the first start', async () => {
    const calls: string[] = [];
    const actor = await tsEcho('inline', {
      onRestart: (a, { restarts }) => void calls.push(`hook ${restarts} ${a.state}`),
      afterStart: (a) => void calls.push(`afterStart ${a.restarts}`),
    });
    actor.on('restarted', (e) => calls.push(`event ${e.restarts}`));
    await actor.start();
    await actor.stop('restart');
    await actor.start();
    expect(calls).toEqual(['afterStart 0', 'event 1', 'hook 1 ready', 'afterStart 1']);
  });

  it('runs every hook in order around a real guest, and reports a trap to onError', async () => {
    const calls: string[] = [];
    const actor = await tsEcho('inline', {
      beforeStart: (a) => void calls.push(`beforeStart ${a.state}`),
      afterStart: (a) => void calls.push(`afterStart ${a.state}`),
      onMessage: (_a, e) => void calls.push(`onMessage ${decode(e.payload)}`),
      onError: (_a, error) => void calls.push(`onError ${(error as { code?: string }).code}`),
      beforeStop: (a) => void calls.push(`beforeStop ${a.state}`),
      afterStop: (a) => void calls.push(`afterStop ${a.state}`),
    });
    await actor.start();
    await actor.handle(request('ab'));
    await actor.handle(request('throw')).catch(() => {});
    await actor.stop();
    expect(calls).toEqual([
      'beforeStart starting',
      'afterStart ready',
      'onMessage ab',
      'onMessage throw',
      'onError TRAP',
      'beforeStop failed',
      'afterStop terminated',
    ]);
  });

  it('fails a start whose beforeStart hook throws, and still stops when a stop hook throws', async () => {
    const errors: unknown[] = [];
    let refuse = true;
    const actor = await tsEcho('inline', {
      beforeStart: () => {
        if (refuse) throw new Error('not now');
      },
      beforeStop: () => {
        throw new Error('hook broke');
      },
      onError: (_a, error) => void errors.push((error as Error).message),
    });
    const waiting = actor.handle(request('ab'));
    await expect(actor.start()).rejects.toThrow('not now');
    expect(actor.state).toBe('failed');
    refuse = false;
    await actor.start();
    expect(actor.state).toBe('ready');
    // The message that waited through the failed start is served by the one that worked.
    expect(decode(await waiting)).toBe('ba');
    await actor.stop();
    expect(actor.state).toBe('terminated');
    expect(errors).toEqual(['hook broke']);
  });

  it('hands messages to the guest one at a time, in order', async () => {
    const actor = await tsEcho();
    await actor.start();
    const replies = await Promise.all(['a1', 'b2', 'c3'].map((p) => actor.handle(request(p))));
    expect(replies.map(decode)).toEqual(['1a', '2b', '3c']);
  });

  it('never re-enters a guest: a callback raised from inside a host import waits for the call to return', async () => {
    const order: string[] = [];
    let pending: Promise<void> | undefined;
    const actor: ComponentActor = createComponentActor({
      id: 'test/reentrant',
      component: await runtime.load(guestPath('ts-echo')),
      imports: () =>
        airssysHostStub({
          override: {
            'airssys:core/host-services@1.0.0': {
              log: () => {
                order.push('import');
                pending = actor
                  .callback('c-9', { tag: 'ok', val: text('late') })
                  .then(() => void order.push('callback'));
              },
            },
          },
        }),
    });
    actors.push(actor);
    await actor.start();
    expect(decode(await actor.handle(request('log:x')))).toBe('logged');
    await pending;
    expect(order).toEqual(['import', 'callback']);
    expect(actor.state).toBe('ready');
  });

  it('rejects an id that is not a component id', async () => {
    expect(() => createComponentActor({ id: 'Bad Id', component: {} as never })).toThrow(/`Bad Id`/);
  });
});
