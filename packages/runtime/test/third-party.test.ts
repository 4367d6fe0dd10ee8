import { afterAll, describe, expect, it } from 'vitest';
import type { ComponentInstance, IsolationMode } from '../src/index.js';
import { collector, testRuntime, thirdParty } from './helpers/runtime.js';

const { runtime } = testRuntime();
const open: ComponentInstance[] = [];
afterAll(() => Promise.all(open.map((i) => i.dispose())));

async function start(
  file: string,
  isolation: IsolationMode,
  options: Parameters<Awaited<ReturnType<typeof runtime.load>>['instantiate']>[0] = {},
) {
  const component = await runtime.load(thirdParty(file));
  const instance = await component.instantiate({ ...options, isolation });
  open.push(instance);
  return instance;
}

describe.each(['inline', 'worker'] as const)('third-party components (%s)', (isolation) => {
  it('runs adder and adds', async () => {
    const adder = await start('adder.component.wasm', isolation);
    expect(await adder.call('docs:adder/add@0.1.0#add', 40, 2)).toBe(42);
    expect(await adder.call('docs:adder/add#add', 0xffffffff, 1)).toBe(0);
  });

  it('captures what hello_stdout prints', async () => {
    const out = collector();
    const hello = await start('hello_stdout.component.wasm', isolation, { wasi: { stdout: out.write } });
    await hello.call('wasi:cli/run@0.2.3#run');
    expect(out.text()).toMatch(/hello/i);
  });

  it('lets env-allow see only the variables it was given, filtered by its virt layer', async () => {
    const env = await start('env-allow.composed.wasm', isolation, {
      wasi: { env: { PUBLIC_VAR: 'x', PRIVATE_TOKEN: 'y' } },
    });
    expect(await env.call('test-get-env')).toEqual([
      ['CUSTOM', 'VAL'],
      ['PUBLIC_VAR', 'x'],
    ]);
  });

  it('gives env-allow no host variables when none are given', async () => {
    process.env.PUBLIC_VAR = 'leaked';
    try {
      const env = await start('env-allow.composed.wasm', isolation);
      expect(await env.call('test-get-env')).toEqual([['CUSTOM', 'VAL']]);
    } finally {
      delete process.env.PUBLIC_VAR;
    }
  });

  it('turns the unimplemented test-file-read into a TRAP and keeps serving', async () => {
    const env = await start('env-allow.composed.wasm', isolation);
    const failure = await env.call('test-file-read', '/etc/passwd').catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'TRAP', exportName: 'test-file-read', poisoned: true });
    await expect(env.call('test-get-env')).rejects.toMatchObject({
      code: 'TRAP',
      message: expect.stringMatching(/unusable/),
    });
    const fresh = await start('env-allow.composed.wasm', isolation);
    expect(await fresh.call('test-get-env')).toEqual([['CUSTOM', 'VAL']]);
  });

  it('runs stdout-pollable-hang to completion', async () => {
    const out = collector();
    const guest = await start('stdout-pollable-hang.component.wasm', isolation, {
      wasi: { stdout: out.write },
      limits: isolation === 'worker' ? { timeoutMs: 10_000 } : {},
    });
    // With a stdout pollable that never reports ready this call hangs (jco issue 550).
    await expect(guest.call('wasi:cli/run@0.2.0#run')).resolves.toBeUndefined();
    expect(guest.state).toBe('ready');
  });

  it('delivers what stdio.composed writes through its WASI-Virt layer to the stdout callback', async () => {
    const out = collector();
    const guest = await start('stdio.composed.wasm', isolation, { wasi: { stdout: out.write } });
    await expect(guest.call('test-stdio')).resolves.toBeUndefined();
    expect(out.text()).toBe('Hello world\n');
  });

  it('passes strings test-imports with the host imports of the jco runtime test', async () => {
    const seen: string[] = [];
    const strings = await start('strings.component.wasm', isolation, {
      imports: {
        'test:strings/imports': {
          takeBasic: (s: string) => void seen.push(s),
          returnUnicode: () => '🚀🚀🚀 𠈄𓀀',
        },
      },
    });
    await strings.call('test-imports');
    expect(seen).toEqual(['latin utf16']);
    expect(await strings.call('roundtrip', '🚀🚀🚀 𠈄𓀀')).toBe('🚀🚀🚀 𠈄𓀀');
    // ASCII takes the glue's copy loop; a late non-ASCII character, or a long string, falls back to encodeInto.
    for (const text of [
      'plain ascii',
      `${'a'.repeat(40)}é`,
      'x'.repeat(300),
      `${'y'.repeat(300)}ü`,
      '\u007f\u0080',
    ]) {
      expect(await strings.call('roundtrip', text)).toBe(text);
    }
  });

  it('passes numbers test-imports and round-trips every scalar', async () => {
    let scalar = 0;
    const same = (x: unknown) => x;
    const numbers = await start('numbers.component.wasm', isolation, {
      imports: {
        'test:numbers/test': {
          roundtripU8: same,
          roundtripS8: same,
          roundtripU16: same,
          roundtripS16: same,
          roundtripU32: same,
          roundtripS32: same,
          roundtripU64: same,
          roundtripS64: same,
          roundtripF32: same,
          roundtripF64: same,
          roundtripChar: same,
          setScalar: (x: number) => {
            scalar = x;
          },
          getScalar: () => scalar,
        },
      },
    });
    await numbers.call('test-imports');
    expect(await numbers.call('test:numbers/test#roundtrip-u64', (1n << 64n) - 1n)).toBe((1n << 64n) - 1n);
    expect(await numbers.call('test:numbers/test#roundtrip-s64', -(1n << 63n))).toBe(-(1n << 63n));
    expect(await numbers.call('test:numbers/test#roundtrip-char', '🚩')).toBe('🚩');
    expect(Number.isNaN(await numbers.call('test:numbers/test#roundtrip-f64', Number.NaN))).toBe(true);
    await numbers.call('test:numbers/test#set-scalar', 4);
    expect(await numbers.call('test:numbers/test#get-scalar')).toBe(4);
  });

  it('passes lists test-imports and frees every byte the glue allocated', async () => {
    const seen: unknown[] = [];
    const record =
      (name: string, result?: unknown) =>
      (...args: unknown[]) => {
        seen.push([name, ...args.map((a) => (ArrayBuffer.isView(a) ? Array.from(a as Uint8Array) : a))]);
        return result;
      };
    const pair = (u: unknown, s: unknown) => [u, s];
    const lists = await start('lists.component.wasm', isolation, {
      imports: {
        'test:lists/test': {
          emptyListParam: record('emptyListParam'),
          emptyStringParam: record('emptyStringParam'),
          emptyListResult: () => new Uint8Array(),
          emptyStringResult: () => '',
          listParam: record('listParam'),
          listParam2: record('listParam2'),
          listParam3: record('listParam3'),
          listParam4: record('listParam4'),
          listParam5: record('listParam5'),
          listResult: () => Uint8Array.of(1, 2, 3, 4, 5),
          listResult2: () => 'hello!',
          listResult3: () => ['hello,', 'world!'],
          listRoundtrip: (x: unknown) => x,
          stringRoundtrip: (x: unknown) => x,
          listMinmax8: pair,
          listMinmax16: pair,
          listMinmax32: pair,
          listMinmax64: pair,
          listMinmaxFloat: pair,
        },
      },
    });
    const before = await lists.call('allocated-bytes');
    // test-imports passes every numeric list type through the host and checks what comes back.
    await lists.call('test-imports');
    expect(seen).toContainEqual(['listParam', [1, 2, 3, 4]]);
    expect(seen).toContainEqual(['listParam3', ['foo', 'bar', 'baz']]);
    expect(await lists.call('test:lists/test#list-result')).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
    expect(await lists.call('test:lists/test#string-roundtrip', 'hello ⚑ world')).toBe('hello ⚑ world');
    expect(await lists.call('allocated-bytes')).toBe(before);
  });

  it('names every missing import when the host gives too little', async () => {
    const component = await runtime.load(thirdParty('strings.component.wasm'));
    const failure = await component
      .instantiate({ isolation, imports: { 'test:strings/imports': { takeBasic: () => {} } } })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'INSTANTIATION_FAILED',
      missingImports: ['test:strings/imports#return-unicode'],
    });
    const noWasi = await component.instantiate({ isolation, wasi: false }).catch((e: unknown) => e);
    expect(noWasi).toMatchObject({ code: 'INSTANTIATION_FAILED' });
    expect((noWasi as { missingImports: string[] }).missingImports).toEqual(
      expect.arrayContaining(['test:strings/imports', 'wasi:cli/stdout', 'wasi:filesystem/types']),
    );
  });
});
