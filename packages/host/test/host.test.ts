import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../src/index.js';
import { component, decode, testHost, text, workspace } from './helpers.js';

const hosts: Host[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
});

async function start(dataDir: string, trust: Parameters<typeof testHost>[1]) {
  const host = await testHost(dataDir, trust);
  hosts.push(host);
  return host;
}

describe('host', () => {
  it('spawns a trusted component inline and answers requests through the broker', async () => {
    const w = workspace();
    const host = await start(join(w.root, 'data'), w.trust);
    const summary = await host.spawn(component(w.trusted, 'echo', 'ts-echo'));
    expect(summary).toMatchObject({
      id: 'acme/echo',
      state: 'ready',
      trust: 'trusted',
      isolation: 'inline',
      restarts: 0,
    });
    expect(decode(await host.request('acme/echo', text('ping')))).toBe('pong');
    expect(host.components().map((c) => c.id)).toEqual(['acme/echo']);
    await host.audit.flush();
    expect(host.audit.query({ component: 'acme/echo', category: 'lifecycle' })).toContainEqual(
      expect.objectContaining({ action: 'spawn', decision: 'allowed', trustLevel: 'trusted' }),
    );
  });

  it('holds an unknown component until a person approves it, then runs it in a worker', async () => {
    const w = workspace();
    const host = await start(join(w.root, 'data'), w.trust);
    const pending: string[] = [];
    const asked = new Promise((r) => host.on('approval-pending', r));
    host.on('approval-pending', ({ record }) => pending.push(record.id));
    const spawning = host.spawn(
      component(w.untrusted, 'stranger', 'ts-echo', {
        capabilities: 'storage = ["read:notes/*", "write:notes/*"]',
      }),
    );
    await asked;
    expect(host.components()).toEqual([]);
    const [record] = host.approvals.list({ state: 'pending' });
    expect(record).toMatchObject({
      componentId: 'acme/stranger',
      requested: ['storage:read:notes/*', 'storage:write:notes/*'],
    });
    expect(pending).toEqual([record!.id]);
    host.approvals.approve(record!.id, { narrow: ['storage:read:notes/*'] });
    const summary = await spawning;
    expect(summary).toMatchObject({
      trust: 'unknown',
      isolation: 'worker',
      granted: ['storage:read:notes/*'],
    });
    // Narrowed: reading is granted, writing is not.
    await expect(host.request('acme/stranger', text('store:notes/a=1'))).rejects.toMatchObject({
      kind: 'target-crashed',
    });
    expect(decode(await host.request('acme/stranger', text('load:notes/a')))).toBe('missing');
  });

  it('rejects the spawn when the approval is denied, naming who and why', async () => {
    const w = workspace();
    const host = await start(join(w.root, 'data'), w.trust);
    const asked = new Promise((r) => host.on('approval-pending', r));
    const spawning = host.spawn(component(w.untrusted, 'shady', 'ts-echo'));
    await asked;
    const [record] = host.approvals.list({ state: 'pending' });
    host.approvals.deny(record!.id, 'not reviewed', 'alice');
    await expect(spawning).rejects.toMatchObject({
      code: 'SPAWN_DENIED',
      message: expect.stringContaining('`alice`'),
    });
    expect(host.components()).toEqual([]);
  });

  it('keeps each component in its own storage, and the data survives a host restart', async () => {
    const w = workspace();
    const dataDir = join(w.root, 'data');
    const caps = 'storage = ["read:**", "write:**"]';
    const a = component(w.trusted, 'alpha', 'ts-echo', { capabilities: caps });
    const b = component(w.trusted, 'beta', 'ts-echo', { capabilities: caps });
    const first = await start(dataDir, w.trust);
    await first.spawn(a);
    await first.spawn(b);
    expect(decode(await first.request('acme/alpha', text('store:k=from-alpha')))).toBe('ok');
    expect(decode(await first.request('acme/beta', text('load:k')))).toBe('missing');
    await first.stop();
    hosts.splice(hosts.indexOf(first), 1);

    const second = await start(dataDir, w.trust);
    await second.spawn(a);
    expect(decode(await second.request('acme/alpha', text('load:k')))).toBe('from-alpha');
  });

  it('restarts a component that traps, with the same id, and keeps serving', async () => {
    const w = workspace();
    const host = await start(join(w.root, 'data'), w.trust);
    await host.spawn(component(w.trusted, 'fragile', 'ts-echo'));
    const restarted = new Promise((r) => host.on('component-restarted', r));
    await expect(host.request('acme/fragile', text('throw'))).rejects.toMatchObject({
      kind: 'target-crashed',
    });
    await restarted;
    expect(decode(await host.request('acme/fragile', text('ping')))).toBe('pong');
    expect(host.components()[0]).toMatchObject({ id: 'acme/fragile', state: 'ready', restarts: 1 });
  });

  it('refuses a wasm that is not an airssys component', async () => {
    const w = workspace();
    const host = await start(join(w.root, 'data'), w.trust);
    await expect(host.spawn(component(w.trusted, 'tiny', 'tiny'))).rejects.toMatchObject({
      code: 'NOT_AN_AIRSSYS_COMPONENT',
    });
  });

  it('refuses a negative memory pool size before it opens anything, naming the value', async () => {
    const w = workspace();
    const dataDir = join(w.root, 'data');
    await expect(createHost({ dataDir, trust: w.trust, memoryPoolBytes: -5 })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringContaining('-5'),
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
