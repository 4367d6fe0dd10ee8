import { afterEach, describe, expect, it } from 'vitest';
import { decode, eventually, Shop, text } from './shop.js';

let shop: Shop;
afterEach(() => shop.close());

describe('supervision on a host', () => {
  it('escalates when a group exceeds its restart intensity', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.createGroup('fragile', { strategy: 'one-for-one', maxRestarts: 1, windowMs: 60_000 });
    await host.spawn(shop.manifest('acme/crasher', 'trusted'), { group: 'fragile' });
    const escalations: unknown[] = [];
    host.on('escalated', (e) => escalations.push(e.error));
    await host.request('acme/crasher', text('crash')).catch(() => {});
    await eventually(() => (host.components()[0]?.restarts === 1 ? true : undefined));
    expect(escalations).toEqual([]);
    await host.request('acme/crasher', text('crash')).catch(() => {});
    await eventually(() => (escalations.length > 0 ? true : undefined));
    expect(escalations[0]).toMatchObject({ code: 'RESTART_INTENSITY_EXCEEDED' });
    // The root supervisor restarts the whole group: the component comes back under the same id.
    await eventually(() => (host.components()[0]?.state === 'ready' ? true : undefined));
    expect(decode(await host.request('acme/crasher', text('status')))).toBe('alive');
  });

  it('restarts the siblings of a one-for-all group', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.createGroup('pair', { strategy: 'one-for-all' });
    await host.spawn(shop.manifest('acme/crasher', 'trusted'), { group: 'pair' });
    await host.spawn(shop.manifest('acme/partner', 'trusted'), { group: 'pair' });
    const restarted: string[] = [];
    host.on('component-restarted', (e) => restarted.push(e.id));
    await host.request('acme/crasher', text('crash')).catch(() => {});
    await eventually(() => (restarted.length === 2 ? true : undefined));
    expect(restarted.sort()).toEqual(['acme/crasher', 'acme/partner']);
    expect(decode(await host.request('acme/partner', text('ping')))).toBe('pong');
  });

  it('restarts a component whose health export keeps answering unhealthy', async () => {
    shop = new Shop();
    const host = await shop.host({ health: { intervalMs: 50, unhealthyThreshold: 2 } });
    const health: string[] = [];
    host.on('component-health', (e) => health.push(`${e.previous} → ${e.current}`));
    await host.spawn(shop.manifest('acme/flaky-health', 'trusted'));
    const restarted = new Promise((r) => host.on('component-restarted', r));
    await host.request('acme/flaky-health', text('sick'));
    await restarted;
    expect(host.components()[0]).toMatchObject({ state: 'ready', restarts: 1 });
    // The first poll may come before or after the `sick` message: `unknown` or `healthy` → `unhealthy`.
    expect(health).toContainEqual(expect.stringMatching(/→ unhealthy$/));
    await host.audit.flush();
    expect(host.audit.query({ component: 'acme/flaky-health', category: 'lifecycle' })).toContainEqual(
      expect.objectContaining({ action: 'health', reason: expect.stringMatching(/→ unhealthy$/) }),
    );
  });

  it('runs an untrusted component in a worker: its infinite loop times out and restarts it while others work', async () => {
    shop = new Shop();
    const host = await shop.host();
    shop.autoApprove(host);
    await host.spawn(shop.manifest('acme/billing', 'trusted'));
    const spinner = await host.spawn(
      shop.manifest('thirdparty/spinner', 'untrusted', { limits: ['timeout-ms = 500'] }),
    );
    expect(spinner).toMatchObject({ trust: 'unknown', isolation: 'worker' });
    const restarted = new Promise((r) => host.on('component-restarted', r));
    const order: string[] = [];
    const spin = host.request('thirdparty/spinner', text('spin')).catch((e: unknown) => {
      order.push('spinner timed out');
      return e;
    });
    // While the spinner spins in its worker, billing answers on the host thread: before the spin ends.
    expect(decode(await host.request('acme/billing', text('xyz')))).toBe('price:300');
    order.push('billing answered');
    expect(await spin).toMatchObject({ kind: 'target-crashed' });
    expect(order).toEqual(['billing answered', 'spinner timed out']);
    await restarted;
    expect(decode(await host.request('thirdparty/spinner', text('ping')))).toBe('pong');
  });
});
