import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_QUOTAS } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { canonicalCapabilities, loadManifest, ManifestError, parseManifest } from '../src/index.js';
import { EXAMPLE, MINIMAL } from './fixtures.js';

function errorOf(text: string, file?: string): ManifestError {
  try {
    parseManifest(text, file === undefined ? {} : { file });
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error('expected a ManifestError');
}

describe('parseManifest', () => {
  it('parses the DESIGN.md example into a typed manifest', () => {
    const manifest = parseManifest(EXAMPLE);
    expect(manifest.file).toBe('Component.toml');
    expect(manifest.component).toEqual({
      namespace: 'acme',
      name: 'order-intake',
      version: '1.2.0',
      source: 'order-intake.wasm',
      id: 'acme/order-intake',
    });
    expect(manifest.limits).toEqual({ memoryBytes: 16 * 2 ** 20, timeoutMs: 500, isolation: 'auto' });
    expect(manifest.quotas).toEqual({ ...DEFAULT_QUOTAS, network: 10 * 2 ** 20 });
    expect(manifest.capabilities).toHaveLength(8);
    expect(manifest.capabilities[0]).toEqual({
      kind: 'storage',
      action: 'read',
      pattern: 'cache/*',
      original: 'read:cache/*',
    });
  });

  it('defaults the namespace to `local` and fills default quotas', () => {
    const manifest = parseManifest(MINIMAL);
    expect(manifest.component.id).toBe('local/a');
    expect(manifest.capabilities).toEqual([]);
    expect(manifest.quotas).toEqual(DEFAULT_QUOTAS);
    expect(manifest.limits).toEqual({});
  });

  it('accepts an optional `process` kind', () => {
    const manifest = parseManifest(`${MINIMAL}[capabilities]\nprocess = ["spawn:/usr/bin/git"]\n`);
    expect(manifest.capabilities).toEqual([
      { kind: 'process', action: 'spawn', pattern: '/usr/bin/git', original: 'spawn:/usr/bin/git' },
    ]);
  });

  it('names the file, key, expectation and value of a bad limit', () => {
    const error = errorOf(`${MINIMAL}[limits]\nmemory = "lots"\n`);
    expect(error.code).toBe('INVALID_MANIFEST');
    expect(error.message).toBe(
      '`Component.toml`: expected `limits.memory` to be a size like `16MiB`, got `lots`.',
    );
    expect(error).toMatchObject({ file: 'Component.toml', key: 'limits.memory', got: 'lots' });
    expect(error.expected).toBe('a size like `16MiB`');
  });

  it('names the list index of a bad capability', () => {
    const error = errorOf(
      `${MINIMAL}[capabilities]\nnetwork = ["outbound:a.com:443", "outbound:*.com:443"]\n`,
      'x/C.toml',
    );
    expect(error.key).toBe('capabilities.network[1]');
    expect(error.file).toBe('x/C.toml');
    expect(error.message).toMatch(
      /^`x\/C\.toml`: expected `capabilities\.network\[1\]` to be a `host:port` pattern/,
    );
  });

  it.each([
    ['an unknown top-level table', `${MINIMAL}[capabilites]\nnetwork = []\n`, 'capabilites'],
    ['an unknown limit', `${MINIMAL}[limits]\nmemroy = "1MiB"\n`, 'limits.memroy'],
    [
      'an unknown capability kind',
      `${MINIMAL}[capabilities]\nnetwrok = ["outbound:a.com:443"]\n`,
      'capabilities.netwrok',
    ],
    [
      'an unknown component key',
      `${MINIMAL.replace('[component]', '[component]\nauthor = "x"')}`,
      'component.author',
    ],
    ['an unknown quota', `${MINIMAL}[quotas]\ndisk = "1MiB"\n`, 'quotas.disk'],
  ])('rejects %s', (_, text, key) => {
    const error = errorOf(text);
    expect(error.key).toBe(key);
    expect(error.message).toMatch(/to be a (top-level table|key of)/);
  });

  it.each([
    ['a missing name', MINIMAL.replace('name = "a"\n', ''), 'component.name'],
    ['a bad name', MINIMAL.replace('"a"', '"Order_Intake"'), 'component.name'],
    ['a bad version', MINIMAL.replace('1.0.0', '1.0'), 'component.version'],
    ['a numeric source', MINIMAL.replace('"a.wasm"', '7'), 'component.source'],
    ['a bad isolation', `${MINIMAL}[limits]\nisolation = "thread"\n`, 'limits.isolation'],
    ['a bad timeout', `${MINIMAL}[limits]\ntimeout-ms = -5\n`, 'limits.timeout-ms'],
    ['a bad quota', `${MINIMAL}[quotas]\nnetwork = "fast"\n`, 'quotas.network'],
    [
      'a capability list that is a string',
      `${MINIMAL}[capabilities]\nstorage = "read:a"\n`,
      'capabilities.storage',
    ],
    ['a capability that is a number', `${MINIMAL}[capabilities]\nstorage = [1]\n`, 'capabilities.storage[0]'],
    ['an empty capability', `${MINIMAL}[capabilities]\nstorage = [""]\n`, 'capabilities.storage[0]'],
    ['an empty action', `${MINIMAL}[capabilities]\nstorage = [":cache/*"]\n`, 'capabilities.storage[0]'],
    ['a blank pattern', `${MINIMAL}[capabilities]\nstorage = ["read: "]\n`, 'capabilities.storage[0]'],
    [
      'an unknown action',
      `${MINIMAL}[capabilities]\nstorage = ["admin:cache/*"]\n`,
      'capabilities.storage[0]',
    ],
    [
      'a wildcard action',
      `${MINIMAL}[capabilities]\nfilesystem = ["*:/srv/**"]\n`,
      'capabilities.filesystem[0]',
    ],
    [
      'a mis-cased action',
      `${MINIMAL}[capabilities]\nfilesystem = ["READ:/srv/**"]\n`,
      'capabilities.filesystem[0]',
    ],
    [
      'a topic action on ids',
      `${MINIMAL}[capabilities]\nmessaging = ["publish:acme/x"]\n`,
      'capabilities.messaging[0]',
    ],
    ['no [component] table', '[limits]\nmemory = "1MiB"\n', 'component'],
  ])('rejects %s and names `%s`', (_, text, key) => {
    expect(errorOf(text).key).toBe(key);
  });

  it('reports invalid TOML with its line', () => {
    const error = errorOf('[component]\nname = \n');
    expect(error.key).toBe('');
    expect(error.message).toMatch(/^`Component\.toml`: expected valid TOML, got `.* at line 2`\.$/);
  });

  it('rejects a duplicate key as invalid TOML', () => {
    expect(errorOf(`${MINIMAL}name = "b"\n`).expected).toBe('valid TOML');
  });
});

describe('canonicalCapabilities', () => {
  it('sorts, normalises and de-duplicates the grants', () => {
    const manifest = parseManifest(
      `${MINIMAL}[capabilities]\nnetwork = ["outbound:API.example.com.:443", "outbound:api.example.com:443"]\nstorage = ["read:a"]\n`,
    );
    expect(canonicalCapabilities(manifest)).toEqual([
      'network:outbound:api.example.com:443',
      'storage:read:a',
    ]);
  });
});

describe('loadManifest', () => {
  it('reads a file and names its path in errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cap-'));
    const good = join(dir, 'Component.toml');
    writeFileSync(good, EXAMPLE);
    expect((await loadManifest(good)).file).toBe(good);
    const bad = join(dir, 'Bad.toml');
    writeFileSync(bad, `${MINIMAL}[limits]\nmemory = "lots"\n`);
    await expect(loadManifest(bad)).rejects.toThrow(`\`${bad}\`: expected \`limits.memory\``);
    await expect(loadManifest(join(dir, 'missing.toml'))).rejects.toMatchObject({
      code: 'INVALID_MANIFEST',
      got: 'ENOENT',
    });
  });
});
