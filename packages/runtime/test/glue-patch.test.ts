import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transpileComponent } from '../src/transpile.js';
import { thirdParty } from './helpers/runtime.js';

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
});
