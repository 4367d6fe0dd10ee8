import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/component-bytes.js';
import { createRuntime } from '../src/index.js';
import { testRuntime, thirdParty } from './helpers/runtime.js';

const run = promisify(execFile);
const ADDER = thirdParty('adder.component.wasm');
const tsx = join(process.cwd(), '..', '..', 'node_modules', '.bin', 'tsx');

async function loadInFreshProcess(cacheDir: string) {
  const { stdout } = await run(tsx, [
    '--conditions=@airssys/source',
    'test/scripts/load-once.ts',
    cacheDir,
    ADDER,
  ]);
  return JSON.parse(stdout.trim().split('\n').pop()!) as {
    transpiled: number;
    diskHits: number;
    sum: number;
    hash: string;
  };
}

describe('load', () => {
  it('loads from a path or bytes and reports hash, imports and exports', async () => {
    const { runtime } = testRuntime();
    const bytes = readFileSync(ADDER);
    const fromPath = await runtime.load(ADDER);
    const fromBytes = await runtime.load(new Uint8Array(bytes));
    expect(fromPath.hash).toBe(sha256Hex(bytes));
    expect(fromBytes.hash).toBe(fromPath.hash);
    expect(fromPath.exports).toEqual([{ name: 'docs:adder/add@0.1.0', kind: 'interface' }]);
    expect(fromPath.imports).toEqual([]);
    const hello = await runtime.load(thirdParty('hello_stdout.component.wasm'));
    expect(hello.imports.map((i) => i.name)).toContain('wasi:cli/stdout');
    expect(hello.imports.find((i) => i.name === 'wasi:cli/stdout')?.members).toEqual(['getStdout']);
  });

  it('transpiles once per process and once per cache folder, also across processes', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'airssys-cache-'));
    const runtime = createRuntime({ cacheDir });
    await runtime.load(ADDER);
    await runtime.load(ADDER);
    expect(runtime.stats()).toEqual({ transpiled: 1, diskHits: 0, memoryHits: 1, memoriesRecycled: 0 });
    expect(readdirSync(cacheDir)).toHaveLength(1);

    const second = createRuntime({ cacheDir });
    await second.load(ADDER);
    expect(second.stats()).toEqual({ transpiled: 0, diskHits: 1, memoryHits: 0, memoriesRecycled: 0 });

    const fresh = await loadInFreshProcess(cacheDir);
    expect(fresh).toMatchObject({ transpiled: 0, diskHits: 1, sum: 3 });
  });

  it('transpiles again when the cache entry was damaged', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'airssys-cache-'));
    await createRuntime({ cacheDir }).load(ADDER);
    const [entry] = readdirSync(cacheDir);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(cacheDir, entry!, 'meta.json'), '{ broken');
    const runtime = createRuntime({ cacheDir });
    const adder = await runtime.load(ADDER);
    expect(runtime.stats().transpiled).toBe(1);
    expect(await (await adder.instantiate()).call('docs:adder/add#add', 2, 2)).toBe(4);
  });

  it('works without a disk cache', async () => {
    const runtime = createRuntime({ cacheDir: false });
    expect(runtime.cacheDir).toBeUndefined();
    const adder = await runtime.load(ADDER);
    expect(await (await adder.instantiate({ isolation: 'worker' })).call('docs:adder/add#add', 2, 5)).toBe(7);
  });
});

describe('load rejects bad input with INVALID_COMPONENT', () => {
  const { runtime } = testRuntime();
  const adder = new Uint8Array(readFileSync(ADDER));

  it.each([
    ['random bytes', Uint8Array.from({ length: 256 }, (_, i) => (i * 7919) & 0xff), /magic/],
    ['an empty buffer', new Uint8Array(0), /too short/],
    [
      'a core module',
      Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00),
      /core WebAssembly module/,
    ],
    ['a truncated component', adder.subarray(0, 200), /jco could not read it/],
    ['an unknown layer', Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x07, 0x00), /component header/],
  ])('for %s', async (_, bytes, message) => {
    await expect(runtime.load(bytes)).rejects.toMatchObject({
      code: 'INVALID_COMPONENT',
      message: expect.stringMatching(message),
    });
  });

  it('for a missing file, naming the path', async () => {
    await expect(runtime.load('/nonexistent/x.wasm')).rejects.toMatchObject({
      code: 'INVALID_COMPONENT',
      message: expect.stringContaining('`/nonexistent/x.wasm`'),
    });
  });

  it('for something that is neither bytes nor a path', async () => {
    await expect(runtime.load(42 as never)).rejects.toMatchObject({ code: 'INVALID_COMPONENT' });
  });

  it('and keeps loading good components afterwards', async () => {
    await runtime.load(adder.subarray(0, 300)).catch(() => {});
    const ok = await runtime.load(adder);
    expect(await (await ok.instantiate()).call('docs:adder/add#add', 1, 1)).toBe(2);
  });
});

describe('load from several processes at once', () => {
  it('transpiles a component once while the others wait for the cache entry', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'airssys-cache-'));
    const results = await Promise.all([
      loadInFreshProcess(cacheDir),
      loadInFreshProcess(cacheDir),
      loadInFreshProcess(cacheDir),
    ]);
    expect(results.map((r) => r.transpiled).reduce((a, b) => a + b, 0)).toBe(1);
    expect(results.every((r) => r.sum === 3)).toBe(true);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });
});
