import { readdirSync } from 'node:fs';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { type ComponentItem, inspectComponent, isWitError, type WitError } from '../src/index.js';
import { functionName } from '../src/inspect.js';
import { jcoFixturesDir, readFixture } from './fixtures.js';
import { readWorldText } from './world-text.js';

const names = (items: ComponentItem[]) => items.map((item) => item.name);

async function rejection(promise: Promise<unknown>): Promise<WitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isWitError(error)) throw new Error(`Expected a WitError, got ${String(error)}`);
  return error;
}

describe('inspectComponent', () => {
  it('reads the exported interface and its function from adder', async () => {
    const result = await inspectComponent(readFixture('adder.component.wasm'));
    expect(result.imports).toEqual([]);
    expect(result.exports).toEqual([{ name: 'docs:adder/add@0.1.0', kind: 'interface', functions: ['add'] }]);
    expect(result.worldText).toContain('export docs:adder/add@0.1.0;');
  });

  it('reads world-level function exports of a composed component', async () => {
    const result = await inspectComponent(readFixture('env-allow.composed.wasm'));
    expect(result.exports).toEqual(
      ['test-get-env', 'test-get-config', 'test-file-read', 'test-stdio'].map((name) => ({
        name,
        kind: 'function',
        functions: [name],
      })),
    );
    expect(names(result.imports)).toContain('wasi:cli/environment@0.2.1');
    const environment = result.imports.find((item) => item.name === 'wasi:cli/environment@0.2.1');
    expect(environment?.functions).toContain('get-environment');
  });

  it('reads the wasi 0.2.3 imports and the run export of hello_stdout', async () => {
    const result = await inspectComponent(readFixture('hello_stdout.component.wasm'));
    expect(result.exports).toEqual([{ name: 'wasi:cli/run@0.2.3', kind: 'interface', functions: ['run'] }]);
    expect(names(result.imports)).toEqual(
      expect.arrayContaining([
        'wasi:cli/stdout@0.2.3',
        'wasi:io/streams@0.2.3',
        'wasi:filesystem/types@0.2.3',
      ]),
    );
    expect(names(result.imports).every((name) => name.startsWith('wasi:') && name.endsWith('@0.2.3'))).toBe(
      true,
    );
    const streams = result.imports.find((item) => item.name === 'wasi:io/streams@0.2.3');
    expect(streams?.functions).toContain('output-stream.blocking-write-and-flush');
  });

  it('names resource functions as resource.method', async () => {
    const result = await inspectComponent(readFixture('resources.component.wasm'));
    const exported = result.exports.find((item) => item.name === 'exports');
    expect(exported?.kind).toBe('interface');
    expect(exported?.functions).toEqual(
      expect.arrayContaining(['x.constructor', 'x.get-a', 'x.add', 'z.num-dropped', 'add', 'test-imports']),
    );
    expect(result.imports.find((item) => item.name === 'imports')?.functions).toEqual([
      'y.constructor',
      'y.get-a',
      'y.set-a',
      'y.add',
    ]);
  });

  it('agrees with the world jco prints for every third-party fixture', async () => {
    const files = readdirSync(jcoFixturesDir()).filter((file) => file.endsWith('.wasm'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const result = await inspectComponent(readFixture(file));
      const text = readWorldText(result.worldText);
      const fromText = (direction: string) =>
        text.filter((item) => item.direction === direction).map(({ name, kind }) => ({ name, kind }));
      const fromBinary = (items: ComponentItem[]) => items.map(({ name, kind }) => ({ name, kind }));
      expect(fromBinary(result.imports), file).toEqual(fromText('import'));
      expect(fromBinary(result.exports), file).toEqual(fromText('export'));
      for (const item of text.filter((i) => i.functions)) {
        const list = item.direction === 'import' ? result.imports : result.exports;
        const found = list.find((i) => i.name === item.name);
        expect(found?.functions.slice().sort(), `${file} ${item.name}`).toEqual(
          item.functions?.slice().sort(),
        );
      }
    }
  });

  it('reads a component built from the airssys world', async () => {
    const { WIT_ROOT } = await import('../src/index.js');
    const core = await componentEmbed({ dummy: true, witPath: `${WIT_ROOT}/core`, world: 'component' });
    const result = await inspectComponent(await componentNew(core, []));
    expect(result.exports).toEqual([
      {
        name: 'airssys:core/component-lifecycle@1.0.0',
        kind: 'interface',
        functions: ['initialize', 'handle-message', 'handle-callback', 'metadata', 'health', 'shutdown'],
      },
    ]);
    expect(result.imports.find((i) => i.name === 'airssys:core/storage@1.0.0')?.functions).toEqual([
      'get',
      'set',
      'delete',
      'exists',
      'list-keys',
      'usage',
    ]);
  });
});

describe('inspectComponent on bad input', () => {
  it('rejects random bytes, naming the expected magic', async () => {
    const error = await rejection(inspectComponent(new Uint8Array([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5])));
    expect(error.code).toBe('INVALID_COMPONENT');
    expect(error.message).toContain('magic `00 61 73 6d`');
    expect(error.message).toContain('`de ad be ef`');
  });

  it('rejects empty bytes', async () => {
    const error = await rejection(inspectComponent(new Uint8Array()));
    expect(error.code).toBe('INVALID_COMPONENT');
    expect(error.message).toContain('got no bytes');
  });

  it('rejects a core module, saying it is not a component', async () => {
    const error = await rejection(inspectComponent(await parse('(module)')));
    expect(error.code).toBe('INVALID_COMPONENT');
    expect(error.message).toContain('got a core module (layer 0');
    expect(error.message).toContain('component (layer 1)');
  });

  it('rejects a truncated component', async () => {
    const bytes = readFixture('adder.component.wasm');
    const error = await rejection(inspectComponent(bytes.subarray(0, 5000)));
    expect(error.code).toBe('INVALID_COMPONENT');
    expect(error.message).toContain('truncated');
  });

  it('rejects a component cut inside its preamble', async () => {
    const error = await rejection(inspectComponent(readFixture('adder.component.wasm').subarray(0, 6)));
    expect(error.message).toContain('got only 6 bytes');
  });

  it('rejects a component of another binary version', async () => {
    const bytes = readFixture('adder.component.wasm').slice();
    bytes[4] = 0x0a;
    const error = await rejection(inspectComponent(bytes));
    expect(error.message).toContain('version `0x0d`, got `0x0a`');
  });

  it("rejects a component whose embedded core module is broken, with jco's reason", async () => {
    const bytes = readFixture('adder.component.wasm').slice();
    bytes[12] = 0x62; // the core module's magic, right after section 1's id and two-byte size
    const error = await rejection(inspectComponent(bytes));
    expect(error.code).toBe('INVALID_COMPONENT');
    expect(error.message).toContain(
      'but it reports: Failed to decode wit component: magic header not detected',
    );
    expect(error.message).not.toContain('\n');
  });

  it('rejects a value that is not bytes', async () => {
    const error = await rejection(inspectComponent('adder.wasm' as unknown as Uint8Array));
    expect(error.message).toBe('Expected component bytes as a Uint8Array, got a string.');
  });

  it('keeps working after a rejected input', async () => {
    await rejection(inspectComponent(readFixture('adder.component.wasm').subarray(0, 700)));
    const result = await inspectComponent(readFixture('adder.component.wasm'));
    expect(names(result.exports)).toEqual(['docs:adder/add@0.1.0']);
  });
});

describe('functionName', () => {
  it('turns binary resource names into resource.method', () => {
    expect(functionName('add')).toBe('add');
    expect(functionName('[constructor]y')).toBe('y.constructor');
    expect(functionName('[method]y.get-a')).toBe('y.get-a');
    expect(functionName('[static]y.add')).toBe('y.add');
    expect(functionName('[async method]y.wait')).toBe('y.wait');
  });
});
