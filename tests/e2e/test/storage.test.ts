import { afterEach, describe, expect, it } from 'vitest';
import { decode, Shop, text } from './shop.js';

let shop: Shop;
afterEach(() => shop.close());
const ALL = ['storage = ["read:**", "write:**"]'];

describe('component storage', () => {
  it('keeps two components apart even when they use the same keys', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.spawn(shop.manifest('acme/storer-a', 'trusted', { capabilities: ALL }));
    await host.spawn(shop.manifest('acme/storer-b', 'trusted', { capabilities: ALL }));
    expect(decode(await host.request('acme/storer-a', text('put:shared=from-a')))).toBe('ok');
    expect(decode(await host.request('acme/storer-b', text('get:shared')))).toBe('missing');
    expect(decode(await host.request('acme/storer-b', text('put:shared=from-b')))).toBe('ok');
    expect(decode(await host.request('acme/storer-a', text('get:shared')))).toBe('from-a');
  });

  it('refuses writes past the storage quota and keeps what fit', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.spawn(
      shop.manifest('acme/storer', 'trusted', { capabilities: ALL, quotas: ['storage = "8KiB"'] }),
    );
    const reply = decode(await host.request('acme/storer', text('fill:64')));
    expect(reply).toMatch(/^stopped at [1-7]: quota-exceeded/);
    const kept = Number(/stopped at (\d+)/.exec(reply)![1]);
    const [bytes, keys] = decode(await host.request('acme/storer', text('usage')))
      .split(' ')
      .map(Number);
    expect(keys).toBe(kept);
    expect(bytes).toBeLessThanOrEqual(8 * 1024);
  });

  it('refuses keys outside the grant', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.spawn(
      shop.manifest('acme/storer', 'trusted', {
        capabilities: ['storage = ["read:cache/*", "write:cache/*"]'],
      }),
    );
    expect(decode(await host.request('acme/storer', text('put:cache/a=1')))).toBe('ok');
    await expect(host.request('acme/storer', text('put:config=1'))).rejects.toMatchObject({
      kind: 'target-crashed',
    });
    expect(shop.peek('acme/storer', 'config')).toBeUndefined();
  });

  it('keeps data written before host.stop() for the next host on the same data dir', async () => {
    shop = new Shop();
    const manifest = shop.manifest('acme/storer', 'trusted', { capabilities: ALL });
    const first = await shop.host();
    await first.spawn(manifest);
    expect(decode(await first.request('acme/storer', text('put:greeting=hello')))).toBe('ok');
    await first.stop();
    const second = await shop.host();
    await second.spawn(manifest);
    expect(decode(await second.request('acme/storer', text('get:greeting')))).toBe('hello');
  });
});
