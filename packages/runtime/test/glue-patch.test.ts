import { readFileSync } from 'node:fs';
import { guestPath } from '@airssys/test-guests';
import { describe, expect, it } from 'vitest';
import { transpileComponent } from '../src/transpile.js';
import { testRuntime, thirdParty } from './helpers/runtime.js';

describe('glue patches', () => {
  it('applies every patch to the glue jco 1.13.0 emits (a jco upgrade must not drop them silently)', async () => {
    const strings = await transpileComponent(readFileSync(thirdParty('strings.component.wasm')), 'strings');
    expect(strings.glue).toContain('utf8Encoder.encodeInto(s, new Uint8Array(memory.buffer, ptr, len))');
    expect(strings.glue).not.toContain('utf8Encoder.encode(s)');
    const lists = await transpileComponent(readFileSync(thirdParty('lists.component.wasm')), 'lists');
    expect(lists.glue).not.toContain('.buffer.slice(');
    expect(lists.glue).toMatch(/new Float64Array\(memory\d+\.buffer, ptr\d+, len\d+\)\.slice\(\)/);
    expect(strings.glue).toContain('function mem8(memory, ptr, len)');
    expect(strings.glue).toContain('const view = mem8(memory, ptr, len);');
    expect(lists.glue).toMatch(/mem8\(memory\d+, (ptr\d+), len\d+ \* 1\)\.set\(src\d+, \1\);/);
    expect(lists.glue).toMatch(/mem8\(memory\d+, (ptr\d+), (len\d+)\)\.slice\(\1, \1 \+ \2\)/);
    expect(lists.glue).not.toMatch(/\(new Uint8Array\(memory\d+\.buffer, ptr\d+, len\d+ \* \d+\)\)\.set/);
    const stdio = await transpileComponent(readFileSync(thirdParty('stdio.composed.wasm')), 'stdio');
    expect(stdio.glue).toMatch(/const definedResourceTables = \[(true|false)(,(true|false))*\];/);
  });

  describe('the cached memory view', () => {
    it('follows the memory when it grows, even for an empty list at pointer 0', async () => {
      const { runtime } = testRuntime();
      const hostile = await runtime.load(guestPath('hostile'));
      const guest = await hostile.instantiate({ limits: { memory: '1MiB' } });
      expect(await guest.call('peek', 24, 4)).toEqual(new Uint8Array(4));
      expect(await guest.call('hog', 1)).toBe(16);
      expect(await guest.call('peek', 0, 0)).toEqual(new Uint8Array(0));
      expect(await guest.call('peek', 1_000_000, 8)).toEqual(new Uint8Array(8));
      expect(await guest.call('echo', new Uint8Array(0))).toEqual(new Uint8Array(0));
      expect(guest.state).toBe('ready');
      await guest.dispose();
    });

    it('turns a guest pointer outside its memory into a TRAP, not a memory limit', async () => {
      const { runtime } = testRuntime();
      const guest = await (await runtime.load(guestPath('hostile'))).instantiate();
      await expect(guest.call('peek', 70_000, 4)).rejects.toMatchObject({
        code: 'TRAP',
        message: expect.stringContaining('out of bounds'),
      });
      await guest.dispose();
    });

    it('leaves nothing on a disposed instance that reaches the memory its successor now uses', async () => {
      const { runtime } = testRuntime();
      const hostile = await runtime.load(guestPath('hostile'));
      const first = await hostile.instantiate();
      await first.call('peek', 0, 4);
      await first.dispose();
      const second = await hostile.instantiate();
      await second.call('poke', 8192, new TextEncoder().encode('secret'));
      const reachable = Object.values(first as object).flatMap((v) => (Array.isArray(v) ? v : [v]));
      expect(reachable.some((v) => v instanceof WebAssembly.Memory || ArrayBuffer.isView(v))).toBe(false);
      expect(first.exports).toBeUndefined();
      await second.dispose();
    });
  });
});
