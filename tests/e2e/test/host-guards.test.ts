import { afterEach, describe, expect, it } from 'vitest';
import { decode, Shop, text } from './shop.js';

let shop: Shop;
afterEach(() => shop.close());
const ALL = ['storage = ["read:**", "write:**"]'];

/** A host running `acme/storer` with every storage grant and an 8 KiB storage quota. */
async function storerWithQuota() {
  shop = new Shop();
  const host = await shop.host();
  const manifest = shop.manifest('acme/storer', 'trusted', {
    capabilities: ALL,
    quotas: ['storage = "8KiB"'],
  });
  await host.spawn(manifest);
  return { host, manifest };
}

describe('host guards', () => {
  it('gives up a component that keeps crashing on its own: the others keep serving, messages to it are refused', async () => {
    shop = new Shop();
    const host = await shop.host({ restarts: { maxRestarts: 1, windowMs: 60_000 } });
    await host.spawn(shop.manifest('acme/crasher', 'trusted'));
    await host.spawn(shop.manifest('acme/billing', 'trusted'));
    const givenUp = new Promise((r) => host.on('component-given-up', r));
    await host.request('acme/crasher', text('crash')).catch(() => {});
    await host.request('acme/crasher', text('crash')).catch(() => {});
    expect(await givenUp).toEqual({ id: 'acme/crasher' });
    expect(host.components()).toEqual([
      expect.objectContaining({ id: 'acme/crasher', state: 'terminated' }),
      expect.objectContaining({ id: 'acme/billing', state: 'ready', restarts: 0 }),
    ]);
    expect(decode(await host.request('acme/billing', text('xyz')))).toBe('price:300');
    await expect
      .poll(
        () => {
          try {
            host.send('acme/crasher', text('hello'));
            return 'accepted';
          } catch (error) {
            return (error as { kind?: string }).kind;
          }
        },
        { timeout: 10_000 },
      )
      .toBe('not-found');
    await host.audit.flush();
    expect(host.audit.query({ component: 'acme/crasher', category: 'lifecycle' })).toContainEqual(
      expect.objectContaining({ action: 'give-up' }),
    );
    await expect(host.spawn(shop.manifest('acme/crasher', 'trusted'))).rejects.toMatchObject({
      code: 'COMPONENT_EXISTS',
    });
    await host.stopComponent('acme/crasher');
    await host.spawn(shop.manifest('acme/crasher', 'trusted'));
    expect(decode(await host.request('acme/crasher', text('status')))).toBe('alive');
  });

  it('refuses a second spawn of a running component and leaves the first one its grants and quota', async () => {
    const { host, manifest } = await storerWithQuota();
    await expect(host.spawn(manifest)).rejects.toMatchObject({
      code: 'COMPONENT_EXISTS',
      message: expect.stringContaining('acme/storer'),
    });
    expect(decode(await host.request('acme/storer', text('put:k=v')))).toBe('ok');
    expect(decode(await host.request('acme/storer', text('fill:64')))).toMatch(
      /^stopped at [1-7]: quota-exceeded/,
    );
  });

  it('counts what a component stored before when it is stopped and spawned again', async () => {
    const { host, manifest } = await storerWithQuota();
    expect(decode(await host.request('acme/storer', text('fill:6')))).toBe('filled 6');
    await host.stopComponent('acme/storer');
    await host.spawn(manifest);
    // The six 1 KiB blobs are still there and still count against the 8 KiB: 3000 more bytes do not fit.
    await expect(host.request('acme/storer', text(`put:more=${'m'.repeat(3000)}`))).rejects.toMatchObject({
      message: expect.stringContaining('quota'),
    });
    expect(decode(await host.request('acme/storer', text(`put:less=${'m'.repeat(1000)}`)))).toBe('ok');
  });

  it('starts a component approved from inside the approval-pending event', async () => {
    shop = new Shop();
    const host = await shop.host();
    host.on('approval-pending', ({ record }) => void host.approvals.approve(record.id));
    const summary = await host.spawn(shop.manifest('thirdparty/crasher', 'untrusted'));
    expect(summary).toMatchObject({ state: 'ready', isolation: 'worker' });
  });

  it('refuses messages once the host is stopping', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.spawn(shop.manifest('acme/billing', 'trusted'));
    const stopping = host.stop();
    expect(() => host.send('acme/billing', text('x'))).toThrow(
      expect.objectContaining({ code: 'HOST_STOPPED' }),
    );
    await expect(host.request('acme/billing', text('x'))).rejects.toMatchObject({ code: 'HOST_STOPPED' });
    await stopping;
  });

  it('refuses a spawn of an id that is still being spawned, and gives up nothing on a normal stop', async () => {
    shop = new Shop();
    const host = await shop.host();
    const givenUp: unknown[] = [];
    host.on('component-given-up', (e) => givenUp.push(e));
    const manifest = shop.manifest('acme/billing', 'trusted');
    // Whichever reads its manifest first claims the id; the other is refused.
    const results = await Promise.allSettled([host.spawn(manifest), host.spawn(manifest)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: expect.objectContaining({
        code: 'COMPONENT_EXISTS',
        message: expect.stringMatching(/being spawned|already running/),
      }),
    });
    expect(decode(await host.request('acme/billing', text('xyz')))).toBe('price:300');
    await host.stopComponent('acme/billing');
    await host.spawn(manifest);
    await host.stop();
    expect(givenUp).toEqual([]);
  });
});
