import { guestPath } from '@airssys/test-guests';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../src/index.js';
import { importMemory, POOLED_MEMORY_IMPORT } from '../src/memory-cap.js';
import { TEST_CACHE } from './helpers/runtime.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const text = (s: string) => [...new TextEncoder().encode(s)];
const section = (id: number, body: number[]) => [id, body.length, ...body];
/** `(import "env" "g" (global i32))`. */
const IMPORT_GLOBAL = section(2, [1, 3, ...text('env'), 1, ...text('g'), 0x03, 0x7f, 0x00]);
/** `(memory 1 2)` with the given flags. */
const memory = (flags = 0x01) => section(5, [1, flags, 1, 2]);
/** `(export "mem" (memory 0))`. */
const EXPORT_MEMORY = section(7, [1, 3, ...text('mem'), 0x02, 0]);
/** `(data (i32.const 16) "abc")`. */
const DATA = section(11, [1, 0x00, 0x41, 16, 0x0b, 3, ...text('abc')]);
const module = (...sections: number[][]) => Uint8Array.from([...HEADER, ...sections.flat()]);

describe('importMemory', () => {
  it('turns the one memory a module defines into an import that a host memory of the same shape satisfies', () => {
    const moved = importMemory(module(IMPORT_GLOBAL, memory(), EXPORT_MEMORY, DATA));
    expect(moved?.shape).toEqual({ initial: 1, maximum: 2 });
    const compiled = new WebAssembly.Module(moved!.bytes as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.imports(compiled)).toEqual([
      { module: 'env', name: 'g', kind: 'global' },
      { module: POOLED_MEMORY_IMPORT.module, name: POOLED_MEMORY_IMPORT.name, kind: 'memory' },
    ]);
    const given = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const instance = new WebAssembly.Instance(compiled, {
      env: { g: 0 },
      [POOLED_MEMORY_IMPORT.module]: { [POOLED_MEMORY_IMPORT.name]: given },
    });
    expect(instance.exports.mem).toBe(given);
    expect(new TextDecoder().decode(new Uint8Array(given.buffer, 16, 3))).toBe('abc');
  });

  it('adds an import section when the module has none', () => {
    const moved = importMemory(module(memory(), EXPORT_MEMORY));
    const compiled = new WebAssembly.Module(moved!.bytes as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.imports(compiled)).toHaveLength(1);
  });

  it('leaves alone a module without a memory, with a shared one, with two, or importing one already', () => {
    expect(importMemory(module(EXPORT_MEMORY.slice(0, 0), IMPORT_GLOBAL))).toBeUndefined();
    expect(importMemory(module(memory(0x03)))).toBeUndefined();
    expect(importMemory(module(section(5, [2, 0x01, 1, 2, 0x01, 1, 2])))).toBeUndefined();
    const importsMemory = section(2, [1, 3, ...text('env'), 1, ...text('m'), 0x02, 0x00, 1]);
    expect(importMemory(module(importsMemory, memory()))).toBeUndefined();
  });
});

describe('recycled guest memory', () => {
  const secret = new TextEncoder().encode('hunter2');

  async function setup(options: { memoryPoolBytes?: number } = {}) {
    const runtime = createRuntime({ cacheDir: TEST_CACHE, log: () => {}, ...options });
    return { runtime, hostile: await runtime.load(guestPath('hostile')) };
  }

  it('hands a disposed instance memory to the next instance with nothing of the previous tenant in it', async () => {
    const { runtime, hostile } = await setup();
    const first = await hostile.instantiate();
    await first.call('poke', 8192, secret);
    expect(await first.call('peek', 8192, secret.length)).toEqual(secret);
    await first.dispose();
    const second = await hostile.instantiate();
    expect(runtime.stats().memoriesRecycled).toBe(1);
    expect(await second.call('peek', 8192, secret.length)).toEqual(new Uint8Array(secret.length));
    // Everything past the return area `peek` itself writes (16..24), the lowered argument of `poke` included.
    expect(await second.call('peek', 24, 65_536 - 24)).toEqual(new Uint8Array(65_536 - 24));
    await second.dispose();
  });

  it('applies the data segments again, so a recycled instance starts exactly like a fresh one', async () => {
    const runtime = createRuntime({ cacheDir: TEST_CACHE, log: () => {} });
    const relay = await runtime.load(guestPath('relay'));
    const imports = { 'airssys:core/host-messaging@1.0.0': { send: () => {} } };
    const metadata = 'airssys:core/component-lifecycle#metadata';
    const first = await relay.instantiate({ imports });
    const expected = await first.call(metadata);
    expect(expected).toMatchObject({ name: 'relay', version: '1.0.0' });
    await first.dispose();
    const second = await relay.instantiate({ imports });
    expect(runtime.stats().memoriesRecycled).toBe(1);
    expect(await second.call(metadata)).toEqual(expected);
    await second.dispose();
  });

  it('never recycles a memory that grew, whose exports were handed out, or that was disposed mid-call', async () => {
    const { runtime, hostile } = await setup();
    const grown = await hostile.instantiate({ limits: { memory: '1MiB' } });
    expect(await grown.call('hog', 1)).toBe(16);
    await grown.dispose();
    const exposed = await hostile.instantiate({ limits: { memory: '1MiB' } });
    expect(runtime.stats().memoriesRecycled).toBe(0);
    expect(exposed.exports).toBeDefined();
    await exposed.dispose();
    await (await hostile.instantiate({ limits: { memory: '1MiB' } })).dispose();
    expect(runtime.stats().memoriesRecycled).toBe(0);

    const relay = await runtime.load(guestPath('relay'));
    const relayed: { dispose(): Promise<void> }[] = [];
    const self = await relay.instantiate({
      imports: { 'airssys:core/host-messaging@1.0.0': { send: () => void relayed[0]!.dispose() } },
    });
    relayed.push(self);
    const forward = { sender: 'test/a', payload: new TextEncoder().encode('>x') };
    await expect(
      self.call('airssys:core/component-lifecycle#handle-message', forward),
    ).resolves.toBeUndefined();
    expect(self.state).toBe('disposed');
    await (
      await relay.instantiate({ imports: { 'airssys:core/host-messaging@1.0.0': { send() {} } } })
    ).dispose();
    expect(runtime.stats().memoriesRecycled).toBe(0);
  });

  it('keeps every memory fresh with `memoryPoolBytes: 0`', async () => {
    const { runtime, hostile } = await setup({ memoryPoolBytes: 0 });
    await (await hostile.instantiate()).dispose();
    await (await hostile.instantiate()).dispose();
    expect(runtime.stats().memoriesRecycled).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN, '32MiB'])('rejects `memoryPoolBytes: %s` naming the value', (value) => {
    expect(() => createRuntime({ cacheDir: false, memoryPoolBytes: value as number })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining(String(value)) }),
    );
  });
});
