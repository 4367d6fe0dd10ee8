import { componentEmbed, componentNew } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { checkWorld, isWitError, readWitSource, WIT_ROOT } from '../src/index.js';
import { readFixture } from './fixtures.js';

const LIFECYCLE = 'airssys:core/component-lifecycle@1.0.0';
const LIFECYCLE_FUNCTIONS = [
  'initialize',
  'handle-message',
  'handle-callback',
  'metadata',
  'health',
  'shutdown',
];

async function dummy(options: { witPath?: string; witSource?: string; world: string }): Promise<Uint8Array> {
  return componentNew(await componentEmbed({ dummy: true, ...options }), []);
}

/** A guest package beside a changed copy of `airssys:core`, as one WIT source with a nested package. */
function withCore(guest: string, change: (core: string) => string): string {
  const core = change(readWitSource('airssys:core')).replace(
    'package airssys:core@1.0.0;',
    'package airssys:core@1.0.0 {',
  );
  return `package test:guest;\n${guest}\n${core}\n}\n`;
}

describe('checkWorld', () => {
  it('accepts a component built for airssys:core/component', async () => {
    const result = await checkWorld(await dummy({ witPath: `${WIT_ROOT}/core`, world: 'component' }));
    expect(result).toMatchObject({
      ok: true,
      world: 'airssys:core/component@1.0.0',
      missingExports: [],
      extraImports: [],
    });
  });

  it('accepts a component that imports only part of the world', async () => {
    const source = withCore(
      'world g { import airssys:core/host-services@1.0.0; export airssys:core/component-lifecycle@1.0.0; }',
      (c) => c,
    );
    const result = await checkWorld(await dummy({ witSource: source, world: 'g' }));
    expect(result.ok).toBe(true);
    expect(result.extraImports).toEqual([]);
    expect(result.inspection.imports.map((i) => i.name)).not.toContain('airssys:core/storage@1.0.0');
  });

  it('lists every lifecycle export that adder lacks', async () => {
    const result = await checkWorld(readFixture('adder.component.wasm'));
    expect(result.ok).toBe(false);
    expect(result.missingExports).toEqual(LIFECYCLE_FUNCTIONS.map((f) => `${LIFECYCLE}#${f}`));
    expect(result.extraImports).toEqual([]);
  });

  it('lists the lifecycle functions a partial export lacks', async () => {
    const source = withCore('world g { export airssys:core/component-lifecycle@1.0.0; }', (core) =>
      core.replace(/ {2}\/\/\/ Polled by the supervisor[^\n]*\n {2}health: func\(\) -> health-status;\n/, ''),
    );
    const result = await checkWorld(await dummy({ witSource: source, world: 'g' }));
    expect(result.ok).toBe(false);
    expect(result.missingExports).toEqual([`${LIFECYCLE}#health`]);
  });

  it('reports wasi imports as extra', async () => {
    const result = await checkWorld(readFixture('hello_stdout.component.wasm'));
    expect(result.extraImports).toEqual(
      expect.arrayContaining(['wasi:cli/stdout@0.2.3', 'wasi:io/streams@0.2.3']),
    );
    expect(result.extraImports.every((name) => name.startsWith('wasi:'))).toBe(true);
    expect(result.missingExports).toHaveLength(6);
  });

  it('reports a host function the world does not have as interface#function', async () => {
    const source = withCore('world g { include airssys:core/component@1.0.0; }', (core) =>
      core.replace('usage: func()', 'clear: func() -> result<_, storage-error>;\n  usage: func()'),
    );
    const result = await checkWorld(await dummy({ witSource: source, world: 'g' }));
    expect(result.ok).toBe(true);
    expect(result.extraImports).toEqual(['airssys:core/storage@1.0.0#clear']);
  });

  it('reports an extension import as extra against the core world and accepts it against its own', async () => {
    const bytes = await dummy({ witPath: `${WIT_ROOT}/ext/filesystem`, world: 'filesystem-guest' });
    const core = await checkWorld(bytes);
    expect(core.ok).toBe(true);
    expect(core.extraImports).toEqual(['airssys:filesystem/types@1.0.0', 'airssys:filesystem/fs@1.0.0']);
    const own = await checkWorld(bytes, 'airssys:filesystem/filesystem-guest');
    expect(own).toMatchObject({
      ok: true,
      world: 'airssys:filesystem/filesystem-guest@1.0.0',
      extraImports: [],
    });
  });

  it('accepts a versioned world id', async () => {
    const result = await checkWorld(readFixture('adder.component.wasm'), 'airssys:core/component@1.0.0');
    expect(result.world).toBe('airssys:core/component@1.0.0');
  });

  it('rejects an unknown world with WIT_NOT_FOUND', async () => {
    const bytes = readFixture('adder.component.wasm');
    for (const world of ['airssys:core/nope', 'acme:other/world', 'component']) {
      const error = await checkWorld(bytes, world).catch((e: unknown) => e);
      expect(isWitError(error) && error.code).toBe('WIT_NOT_FOUND');
    }
  });

  it('rejects bad component bytes with INVALID_COMPONENT', async () => {
    const error = await checkWorld(new Uint8Array([1, 2, 3])).catch((e: unknown) => e);
    expect(isWitError(error) && error.code).toBe('INVALID_COMPONENT');
  });
});
