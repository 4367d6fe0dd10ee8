import { airssysHostStub, guestPath } from '@airssys/test-guests';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ComponentInstance,
  type InstantiateOptions,
  type IsolationMode,
  WASM_PAGE,
} from '../src/index.js';
import { testRuntime } from './helpers/runtime.js';

const { runtime } = testRuntime();
const open: ComponentInstance[] = [];
afterAll(() => Promise.all(open.map((i) => i.dispose())));

async function start(name: Parameters<typeof guestPath>[0], options: InstantiateOptions) {
  const instance = await (await runtime.load(guestPath(name))).instantiate(options);
  open.push(instance);
  return instance;
}

const message = (payload: Uint8Array, correlationId?: string) => ({
  sender: 'host',
  payload,
  correlationId,
  topic: undefined,
});
const text = (s: string) => new TextEncoder().encode(s);
const HANDLE = 'airssys:core/component-lifecycle@1.0.0#handle-message';
describe.each(['inline', 'worker'] as const)('our guests (%s)', (isolation: IsolationMode) => {
  it('echoes a payload through the WAT echo guest and calls the host log for one byte', async () => {
    const logs: string[] = [];
    const echo = await start('echo', { isolation, imports: airssysHostStub({ logs }) });
    const payload = Uint8Array.from({ length: 64 }, (_, i) => i);
    expect(await echo.call(HANDLE, message(payload, 'c-1'))).toEqual(payload);
    expect(logs).toEqual([]);
    expect(await echo.call(HANDLE, message(Uint8Array.of(7)))).toEqual(Uint8Array.of(7));
    expect(logs).toHaveLength(1);
    expect(await echo.call('airssys:core/component-lifecycle#health')).toBe('healthy');
  });

  it('contains a trap: the instance is poisoned, the host and other instances carry on', async () => {
    const hostile = await start('hostile', { isolation });
    const other = await start('hostile', { isolation });
    await expect(hostile.call('boom')).rejects.toMatchObject({
      code: 'TRAP',
      exportName: 'boom',
      poisoned: true,
    });
    expect(hostile.state).toBe('poisoned');
    const again = await hostile.call('add', 1, 2).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'TRAP', message: expect.stringContaining('create a new instance') });
    expect(await other.call('add', 1, 2)).toBe(3);
  });

  it('contains deep recursion as a TRAP', async () => {
    const hostile = await start('hostile', { isolation });
    expect(await hostile.call('recurse', 1000)).toBe(1000);
    await expect(hostile.call('recurse', 50_000_000)).rejects.toMatchObject({ code: 'TRAP' });
  });

  it('caps linear memory: growth stops at the cap and the guest can go on', async () => {
    const hostile = await start('hostile', { isolation, limits: { memory: '4MiB' } });
    const pages = (await hostile.call('hog', 16)) as number;
    expect(pages * WASM_PAGE).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(pages * WASM_PAGE).toBeGreaterThan(3 * 1024 * 1024);
    expect(await hostile.call('add', 2, 2)).toBe(4);
  });

  it('reports MEMORY_LIMIT when a guest traps on failed growth', async () => {
    const hostile = await start('hostile', { isolation, limits: { memory: '2MiB' } });
    await expect(hostile.call('hog-trap')).rejects.toMatchObject({ code: 'MEMORY_LIMIT', poisoned: true });
  });

  it('round-trips bytes through a list<u8> export', async () => {
    const hostile = await start('hostile', { isolation });
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i & 0xff);
    const back = (await hostile.call('echo', big)) as Uint8Array;
    expect(back.length).toBe(big.length);
    expect(Buffer.compare(back, big)).toBe(0);
  });

  it('fails with INSTANCE_DISPOSED after dispose', async () => {
    const tiny = await start('tiny', { isolation });
    expect(await tiny.call('ping')).toBe(42);
    await tiny.dispose();
    await expect(tiny.call('ping')).rejects.toMatchObject({ code: 'INSTANCE_DISPOSED', exportName: 'ping' });
  });

  it('names the exports a component has when asked for one it lacks', async () => {
    const tiny = await start('tiny', { isolation });
    const failure = await tiny.call('pong').catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'EXPORT_NOT_FOUND', exportName: 'pong' });
    expect(String((failure as Error).message)).toContain('`ping`');
    expect(await tiny.call('ping')).toBe(42);
  });

  it('runs the TypeScript guest with host imports and storage', async () => {
    const logs: string[] = [];
    const store = new Map<string, Uint8Array>();
    const ts = await start('ts-echo', {
      isolation,
      imports: airssysHostStub({ logs, store }),
    });
    const reply = async (s: string) =>
      new TextDecoder().decode((await ts.call(HANDLE, message(text(s)))) as Uint8Array);
    expect(await reply('ping')).toBe('pong');
    expect(await reply('log:hello')).toBe('logged');
    expect(logs).toEqual(['info:hello']);
    expect(await reply('time')).toBe('1700000000000');
    expect(await reply('store:k=v')).toBe('ok');
    expect(new TextDecoder().decode(store.get('k'))).toBe('v');
    expect(await reply('load:k')).toBe('v');
    expect(await reply('abc')).toBe('cba');
    await expect(ts.call(HANDLE, message(text('fail')))).rejects.toMatchObject({
      code: 'GUEST_ERROR',
      poisoned: false,
    });
    expect(await reply('ping')).toBe('pong');
  });

  it('stops a JavaScript guest hogging memory at its cap and keeps it usable', async () => {
    const ts = await start('ts-echo', { isolation, imports: airssysHostStub(), limits: { memory: '32MiB' } });
    const failure = await ts.call(HANDLE, message(text('hog'))).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'MEMORY_LIMIT', poisoned: false });
    expect(new TextDecoder().decode((await ts.call(HANDLE, message(text('ping')))) as Uint8Array)).toBe(
      'pong',
    );
  });

  it('poisons a JavaScript guest that throws an Error (componentize-js traps on it)', async () => {
    const ts = await start('ts-echo', { isolation, imports: airssysHostStub() });
    await expect(ts.call(HANDLE, message(text('throw')))).rejects.toMatchObject({
      code: 'TRAP',
      poisoned: true,
    });
    expect(ts.state).toBe('poisoned');
  });
});
