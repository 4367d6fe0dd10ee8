import { afterEach, describe, expect, it } from 'vitest';
import { decode, eventually, INTAKE_CAPS, Shop, text } from './shop.js';

let shop: Shop;
afterEach(() => shop.close());

/** A host with `acme/intake` and an untrusted `target` (approved as it asks) for intake's requests to go to. */
async function intakeAsking(target: string, limits?: string[]) {
  shop = new Shop();
  const host = await shop.host();
  shop.autoApprove(host);
  await host.spawn(shop.manifest('acme/intake', 'trusted', { capabilities: INTAKE_CAPS }));
  await host.spawn(shop.manifest(target, 'untrusted', limits ? { limits } : {}));
  return host;
}

describe('messaging between components', () => {
  it('delivers fire-and-forget from one component to another', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.spawn(
      shop.manifest('acme/billing', 'trusted', { capabilities: ['storage = ["write:last-order"]'] }),
    );
    await host.spawn(shop.manifest('acme/intake', 'trusted', { capabilities: INTAKE_CAPS }));
    host.send('acme/intake', text('send:acme/billing:two apples'));
    expect(await eventually(() => shop.peek('acme/billing', 'last-order'))).toBe('two apples');
  });

  it('closes a request/response loop: request → reply → handle-callback → publish → subscriber', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.spawn(shop.manifest('acme/billing', 'trusted'));
    await host.spawn(shop.manifest('acme/intake', 'trusted', { capabilities: INTAKE_CAPS }));
    await host.spawn(
      shop.manifest('acme/subscriber', 'trusted', {
        capabilities: ['messaging = ["subscribe:orders.#"]', 'storage = ["write:seen/*"]'],
      }),
    );
    host.send('acme/intake', text('order:book'));
    expect(await eventually(() => shop.peek('acme/intake', 'order/book'))).toBe('price:400');
    expect(await eventually(() => shop.peek('acme/subscriber', 'seen/1'))).toBe(
      'orders.created book:price:400',
    );
    expect(decode(await host.request('acme/subscriber', text('count')))).toBe('1');
  });

  it('tells the requester `timeout` when the target does not answer in time', async () => {
    const host = await intakeAsking('thirdparty/spinner', ['timeout-ms = 3000']);
    host.send('acme/intake', text('request:thirdparty/spinner:spin'));
    expect(await eventually(() => shop.peek('acme/intake', 'failed/spin'))).toBe('timeout');
  });

  it('tells the requester `cancelled` when it cancels its own request', async () => {
    const host = await intakeAsking('thirdparty/spinner', ['timeout-ms = 3000']);
    host.send('acme/intake', text('request:thirdparty/spinner:spin'));
    host.send('acme/intake', text('cancel:spin'));
    expect(await eventually(() => shop.peek('acme/intake', 'failed/spin'))).toBe('cancelled');
  });

  it('tells the requester `target-crashed` when the target traps mid-request, and restarts the target', async () => {
    const host = await intakeAsking('thirdparty/crasher');
    const restarted = new Promise((r) => host.on('component-restarted', r));
    host.send('acme/intake', text('request:thirdparty/crasher:crash'));
    expect(await eventually(() => shop.peek('acme/intake', 'failed/crash'))).toBe('target-crashed');
    await restarted;
    expect(decode(await host.request('thirdparty/crasher', text('status')))).toBe('alive');
  });

  it('tells the requester `denied` through its callback when it may not ask the target, audited', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.spawn(shop.manifest('acme/intake', 'trusted', { capabilities: INTAKE_CAPS }));
    host.send('acme/intake', text('request:other/vault:secrets'));
    expect(await eventually(() => shop.peek('acme/intake', 'failed/secrets'))).toBe('denied');
    await host.audit.flush();
    expect(host.audit.query({ component: 'acme/intake', decision: 'denied' })).toContainEqual(
      expect.objectContaining({ action: 'messaging:request', resource: 'other/vault' }),
    );
  });

  it('answers `queue-full` when a mailbox is full, and loses none it accepted', async () => {
    shop = new Shop();
    const host = await shop.host({ mailboxCapacity: 2 });
    await host.spawn(
      shop.manifest('acme/subscriber', 'trusted', {
        capabilities: ['messaging = ["subscribe:orders.#"]', 'storage = ["write:seen/*"]'],
      }),
    );
    const published = [1, 2, 3, 4].map((n) => host.publish('orders.created', text(`o${n}`)));
    expect(published.map((p) => p.delivered)).toEqual([1, 1, 0, 0]);
    expect(published[2]!.rejected[0]!.error).toMatchObject({ kind: 'queue-full' });
    expect(() => host.send('acme/subscriber', text('x'))).toThrow(
      expect.objectContaining({ kind: 'queue-full' }) as never,
    );
    expect(await eventually(() => shop.peek('acme/subscriber', 'seen/2'))).toBe('orders.created o2');
    expect(decode(await host.request('acme/subscriber', text('count')))).toBe('2');
  });

  it('denies a send the component was not granted, and audits it', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.spawn(
      shop.manifest('acme/billing', 'trusted', { capabilities: ['storage = ["write:last-order"]'] }),
    );
    await host.spawn(shop.manifest('acme/rogue-intake', 'trusted'));
    await expect(
      host.request('acme/rogue-intake', text('send:acme/billing:free stuff')),
    ).rejects.toMatchObject({ kind: 'target-crashed' });
    await host.audit.flush();
    expect(host.audit.query({ component: 'acme/rogue-intake', decision: 'denied' })).toContainEqual(
      expect.objectContaining({ category: 'capability', action: 'messaging:send', resource: 'acme/billing' }),
    );
    expect(shop.peek('acme/billing', 'last-order')).toBeUndefined();
  });

  it('refuses messages past the message-rate quota, audited', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.spawn(shop.manifest('acme/billing', 'trusted'));
    await host.spawn(
      shop.manifest('acme/intake', 'trusted', { capabilities: INTAKE_CAPS, quotas: ['message-rate = 2'] }),
    );
    for (const item of ['a', 'b', 'c']) host.send('acme/intake', text(`order:${item}`));
    expect(await eventually(() => shop.peek('acme/intake', 'failed/c'))).toBe('rate-limited');
    await host.audit.flush();
    expect(
      host.audit.query({ component: 'acme/intake', category: 'quota', decision: 'denied' }).length,
    ).toBeGreaterThan(0);
  });

  it('lets a component broadcast, publish, list the others and read their metadata, as far as its grants go', async () => {
    shop = new Shop();
    const host = await shop.host();
    await host.spawn(
      shop.manifest('acme/subscriber', 'trusted', {
        capabilities: ['messaging = ["subscribe:news.#"]', 'storage = ["write:seen/*"]'],
      }),
    );
    await host.spawn(shop.manifest('acme/partner', 'trusted'));
    await host.spawn(
      shop.manifest('acme/switchboard', 'trusted', {
        capabilities: ['messaging = ["broadcast:acme/*", "publish:news.*"]'],
      }),
    );
    const ask = async (body: string) => decode(await host.request('acme/switchboard', text(body)));
    expect(await ask('broadcast:acme/subscriber,acme/partner:hello')).toBe('delivered 2');
    // One target outside the grant refuses the whole broadcast, and the denial is audited.
    expect(await ask('broadcast:acme/partner,other/spy:hello')).toBe('refused denied');
    expect(await ask('publish:news.today:extra')).toBe('published');
    expect(await eventually(() => shop.peek('acme/subscriber', 'seen/1'))).toBe('news.today extra');
    expect(await ask('publish:orders.created:fake')).toBe('refused denied');
    expect(await ask('who')).toBe('acme/partner,acme/subscriber,acme/switchboard');
    expect(await ask('meta:acme/subscriber')).toBe('subscriber 1.0.0');
    expect(await ask('meta:acme/nobody')).toBe('none');
    await host.audit.flush();
    const denied = host.audit.query({ component: 'acme/switchboard', decision: 'denied' });
    expect(denied.map((e) => `${e.action} ${e.resource}`)).toEqual(
      expect.arrayContaining(['messaging:broadcast other/spy', 'messaging:publish orders.created']),
    );
  });
});
