import { airssysHostStub, guestPath } from '@airssys/test-guests';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComponentInstance, InstantiateOptions } from '../src/index.js';
import { testRuntime, thirdParty } from './helpers/runtime.js';

const { runtime } = testRuntime();
const open: ComponentInstance[] = [];
afterAll(() => Promise.all(open.map((i) => i.dispose())));

async function start(name: Parameters<typeof guestPath>[0], options: InstantiateOptions = {}) {
  const instance = await (await runtime.load(guestPath(name))).instantiate({
    isolation: 'worker',
    ...options,
  });
  open.push(instance);
  return instance;
}

const HANDLE = 'airssys:core/component-lifecycle@1.0.0#handle-message';
const message = (s: string) => ({
  sender: 'host',
  payload: new TextEncoder().encode(s),
  correlationId: undefined,
  topic: undefined,
});

describe('worker isolation', () => {
  it('refuses host resource classes it cannot bridge, naming the resource', async () => {
    const hello = await runtime.load(thirdParty('hello_stdout.component.wasm'));
    const streams = { InputStream: class {}, OutputStream: class {} };
    await expect(
      hello.instantiate({ isolation: 'worker', imports: { 'wasi:io/streams@0.2.3': streams } }),
    ).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringContaining('`InputStream` of `wasi:io/streams`'),
    });
  });

  it('stops an infinite loop at its deadline while the event loop keeps ticking', async () => {
    const hostile = await start('hostile', { limits: { timeoutMs: 500 } });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = performance.now();
    const failure = await hostile.call('spin').catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    expect(failure).toMatchObject({ code: 'TIMEOUT', exportName: 'spin', poisoned: true });
    expect(elapsed).toBeGreaterThanOrEqual(499);
    // Generous bound for a loaded CI machine; bench/ measures the real overshoot (a few ms).
    expect(elapsed).toBeLessThan(500 + 1500);
    expect(ticks).toBeGreaterThan(10);
    await expect(hostile.call('add', 1, 1)).rejects.toMatchObject({ code: 'TIMEOUT' });
    const fresh = await start('hostile', { limits: { timeoutMs: 500 } });
    expect(await fresh.call('add', 1, 1)).toBe(2);
  });

  it('runs calls one at a time in the order they were made', async () => {
    const hostile = await start('hostile');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => hostile.call('add', i, 1000)));
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i + 1000));
  });

  it('bridges an async host import: the guest waits for the Promise', async () => {
    const logs: string[] = [];
    const echo = await start('echo', {
      imports: airssysHostStub({
        override: {
          'airssys:core/host-services@1.0.0': {
            log: async (_level: string, line: string) => {
              await new Promise((r) => setTimeout(r, 20));
              logs.push(line);
            },
          },
        },
      }),
    });
    const reply = await echo.call(HANDLE, { ...message('x') });
    expect(logs).toHaveLength(1);
    expect(reply).toEqual(new TextEncoder().encode('x'));
  });

  it('passes an import error to the guest as its err result', async () => {
    const ts = await start('ts-echo', {
      imports: airssysHostStub({
        override: {
          'airssys:core/storage@1.0.0': {
            get: () => {
              throw { tag: 'denied', val: 'no read:secret' };
            },
          },
        },
      }),
    });
    const failure = await ts.call(HANDLE, message('load:secret')).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'GUEST_ERROR', poisoned: false });
    expect(JSON.stringify((failure as { payload: unknown }).payload)).toContain('no read:secret');
  });
});

describe('worker dispose', () => {
  it('ends a call still running with INSTANCE_DISPOSED when the instance is disposed', async () => {
    const hostile = await (await runtime.load(guestPath('hostile'))).instantiate({ isolation: 'worker' });
    const spinning = hostile.call('spin').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await hostile.dispose();
    expect(await spinning).toMatchObject({ code: 'INSTANCE_DISPOSED', exportName: 'spin' });
  });
});
