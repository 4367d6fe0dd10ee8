import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBroker } from '@airssys/broker';
import { createConsoleLogger, createEnvelope, createManualClock } from '@airssys/core';
import { createQuotaLedger } from '@airssys/quota';
import { createRuntime } from '@airssys/runtime';
import { createCapabilityRegistry, parseGrant } from '@airssys/security-capability';
import { createMemoryStorage, scopeStorage } from '@airssys/storage';
import { guestPath } from '@airssys/test-guests';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CallbackOutcome,
  type ComponentActor,
  createComponentActor,
  createHostImports,
} from '../src/index.js';

const runtime = createRuntime({ cacheDir: join(tmpdir(), 'airssys-test-cache'), log: () => {} });
const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: unknown) => new TextDecoder().decode(b as Uint8Array);
const actors: ComponentActor[] = [];
afterEach(async () => {
  await Promise.all(actors.splice(0).map((a) => a.stop()));
});

function world(
  grants: Record<'storage' | 'messaging', string[]>,
  quota?: { storage?: string; 'message-rate'?: number },
) {
  const audit: { component: string; action: string; resource?: string; decision: string }[] = [];
  const capabilities = createCapabilityRegistry({ audit: (e) => void audit.push(e) });
  const clock = createManualClock(1_700_000_000_000);
  const broker = createBroker({ clock, scheduler: clock });
  const backend = createMemoryStorage();
  const ledger = createQuotaLedger({ clock });
  const lines: string[] = [];
  const logger = createConsoleLogger({ level: 'debug', write: (_level, line) => void lines.push(line) });
  function bind(id: string, callbacks: [string, CallbackOutcome][] = []) {
    capabilities.register(id, [
      ...grants.storage.map((g) => parseGrant('storage', g)),
      ...grants.messaging.map((g) => parseGrant('messaging', g)),
    ]);
    ledger.register(id, quota ?? {});
    const handle = ledger.for(id);
    return createHostImports({
      id,
      broker,
      capabilities,
      storage: scopeStorage(backend, id, { quota: handle }),
      quota: handle,
      clock,
      logger,
      directory: { list: () => [id], metadata: () => undefined },
      callback: (cid, outcome) => void callbacks.push([cid, outcome]),
    });
  }
  return { bind, audit, broker, clock, lines, backend };
}

describe('host imports', () => {
  it('lets a guest use the storage it was granted and refuses the rest, audited', async () => {
    const w = world({ storage: ['read:cache/*', 'write:cache/*'], messaging: [] });
    const actor = createComponentActor({
      id: 'acme/cache',
      component: await runtime.load(guestPath('ts-echo')),
      imports: () => w.bind('acme/cache'),
    });
    actors.push(actor);
    await actor.start();
    const say = async (s: string) =>
      decode(
        await actor.handle(
          createEnvelope({
            kind: 'request',
            from: 'host',
            to: 'acme/cache',
            payload: text(s),
            correlationId: 'c',
          }),
        ),
      );
    expect(await say('store:cache/a=1')).toBe('ok');
    expect(await say('load:cache/a')).toBe('1');
    const denied = await actor
      .handle(
        createEnvelope({
          kind: 'request',
          from: 'host',
          to: 'acme/cache',
          payload: text('store:secret=x'),
          correlationId: 'c',
        }),
      )
      .catch((e: unknown) => e);
    expect(denied).toMatchObject({ code: 'GUEST_ERROR' });
    expect(JSON.stringify((denied as { payload: unknown }).payload)).toContain('denied');
    expect(w.audit).toContainEqual(
      expect.objectContaining({ component: 'acme/cache', decision: 'denied', resource: 'secret' }),
    );
    expect(w.backend.get('acme/cache', 'secret')).toBeUndefined();
    expect(await say('log:hello from the guest')).toBe('logged');
    expect(w.lines.find((l) => l.includes('hello from the guest'))).toContain('acme/cache');
  });

  it('refuses a write past the storage quota and keeps what was stored', async () => {
    const w = world({ storage: ['read:**', 'write:**'], messaging: [] }, { storage: '64B' });
    const imports = w.bind('acme/small')['airssys:core/storage@1.0.0'] as Record<
      string,
      (...a: unknown[]) => unknown
    >;
    imports.set!('a', new Uint8Array(10));
    expect(() => imports.set!('b', new Uint8Array(100))).toThrow(
      expect.objectContaining({ tag: 'quota-exceeded' }) as never,
    );
    expect(imports.exists!('b')).toBe(false);
    expect((imports.get!('a') as Uint8Array).length).toBe(10);
  });

  it('sends only to granted targets and closes a request through the callback', async () => {
    const w = world({
      storage: [],
      messaging: ['send:acme/billing', 'request:acme/billing', 'request:acme/billing-typo'],
    });
    const callbacks: [string, CallbackOutcome][] = [];
    const msg = w.bind('acme/intake', callbacks)['airssys:core/host-messaging@1.0.0'] as Record<
      string,
      (...a: unknown[]) => unknown
    >;
    const received: string[] = [];
    w.broker.register('acme/billing', (e) => {
      received.push(decode(e.payload));
      return e.kind === 'request' ? text('price:12') : undefined;
    });
    msg.send!('acme/billing', text('hello'));
    expect(() => msg.send!('acme/payroll', text('x'))).toThrow(
      expect.objectContaining({ tag: 'denied' }) as never,
    );
    const cid = msg.request!('acme/billing', text('quote'), 1000) as string;
    await new Promise((r) => setTimeout(r, 5));
    expect(received).toEqual(['hello', 'quote']);
    expect(callbacks).toEqual([[cid, { tag: 'ok', val: text('price:12') }]]);
    expect(() => msg.cancelRequest!('someone-elses')).toThrow(
      expect.objectContaining({ tag: 'not-found' }) as never,
    );
    expect(msg.selfId!()).toEqual({ namespace: 'acme', name: 'intake', instance: '0' });
  });

  it('delivers timeout to the callback when the target never answers', async () => {
    const w = world({ storage: [], messaging: ['request:acme/*'] });
    const callbacks: [string, CallbackOutcome][] = [];
    const msg = w.bind('acme/intake', callbacks)['airssys:core/host-messaging@1.0.0'] as Record<
      string,
      (...a: unknown[]) => unknown
    >;
    w.broker.register('acme/slow', () => new Promise<undefined>(() => {}));
    const cid = msg.request!('acme/slow', text('?'), 50) as string;
    w.clock.advance(60);
    await new Promise((r) => setTimeout(r, 1));
    expect(callbacks).toEqual([[cid, { tag: 'err', val: { tag: 'timeout' } }]]);
  });

  it('refuses messages past the message-rate quota', async () => {
    const w = world({ storage: [], messaging: ['send:acme/*'] }, { 'message-rate': 2 });
    const msg = w.bind('acme/chatty')['airssys:core/host-messaging@1.0.0'] as Record<
      string,
      (...a: unknown[]) => unknown
    >;
    w.broker.register('acme/sink', () => {});
    msg.send!('acme/sink', text('1'));
    msg.send!('acme/sink', text('2'));
    expect(() => msg.send!('acme/sink', text('3'))).toThrow(
      expect.objectContaining({ tag: 'rate-limited' }) as never,
    );
  });
});
