import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CAPABILITY_KINDS } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { isWitError, readWitSource, validateWit, WIT_ROOT, witPackages } from '../src/index.js';

const HOST_IMPORTS = ['host-messaging', 'host-services', 'storage'].map((i) => `airssys:core/${i}@1.0.0`);
const LIFECYCLE = 'airssys:core/component-lifecycle@1.0.0';

/** Folders under `wit/` that hold `.wit` files of their own, skipping `deps/` copies. */
function packageDirs(dir: string): string[] {
  const entries = readdirSync(dir).filter((name) => name !== 'deps');
  const own = entries.some((name) => name.endsWith('.wit')) ? [dir] : [];
  const nested = entries
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .flatMap((n) => packageDirs(join(dir, n)));
  return [...own, ...nested];
}

describe('witPackages', () => {
  it('lists every WIT package folder under wit/', () => {
    expect(WIT_ROOT).toBe(fileURLToPath(new URL('../../../wit', import.meta.url)));
    const listed = witPackages.map((p) => relative(WIT_ROOT, p.path)).sort();
    expect(
      packageDirs(WIT_ROOT)
        .map((d) => relative(WIT_ROOT, d))
        .sort(),
    ).toEqual(listed);
    expect(listed).toEqual(['core', 'ext/filesystem', 'ext/network', 'ext/process']);
  });

  it('lists each package with its own files', () => {
    for (const pkg of witPackages) {
      const own = readdirSync(pkg.path).filter((name) => name.endsWith('.wit'));
      expect(pkg.files, pkg.name).toEqual(own);
    }
  });

  for (const pkg of witPackages) {
    it(`parses ${pkg.name} with jco and resolves each of its worlds`, async () => {
      const result = await validateWit({ path: pkg.path });
      expect(result.packageName).toBe(pkg.name);
      expect(result.worlds.map((w) => w.name)).toEqual(pkg.worlds);
      for (const world of result.worlds) {
        expect(
          world.exports.map((e) => e.name),
          world.name,
        ).toEqual([LIFECYCLE]);
        expect(
          world.imports.map((i) => i.name),
          world.name,
        ).toEqual(expect.arrayContaining(HOST_IMPORTS));
      }
    });
  }

  it('gives each extension world its own interfaces on top of the airssys world', async () => {
    const expected: Record<string, Record<string, string[]>> = {
      'airssys:filesystem@1.0.0': {
        'airssys:filesystem/fs@1.0.0': [
          'read-file',
          'write-file',
          'append-file',
          'delete',
          'create-dir',
          'list-dir',
          'stat',
          'exists',
        ],
      },
      'airssys:network@1.0.0': {
        'airssys:network/http@1.0.0': ['send'],
        'airssys:network/tcp@1.0.0': ['exchange'],
      },
      'airssys:process@1.0.0': { 'airssys:process/spawn@1.0.0': ['run'] },
    };
    for (const [name, interfaces] of Object.entries(expected)) {
      const pkg = witPackages.find((p) => p.name === name)!;
      const [world] = (await validateWit({ path: pkg.path })).worlds;
      for (const [iface, functions] of Object.entries(interfaces)) {
        expect(world?.imports.find((i) => i.name === iface)?.functions, iface).toEqual(functions);
      }
    }
  });

  it('lists in the WIT enum `capability-kind` exactly the kinds a manifest can grant', () => {
    const core = readFileSync(join(WIT_ROOT, 'core', 'airssys.wit'), 'utf8');
    const cases = /enum capability-kind \{([^}]*)\}/
      .exec(core)?.[1]
      ?.split(',')
      .map((c) => c.trim());
    expect(new Set(cases)).toEqual(new Set(CAPABILITY_KINDS));
  });

  it('keeps the deps copies of airssys:core equal to wit/core (run `npm run sync-wit-deps` after a change)', () => {
    const core = readFileSync(join(WIT_ROOT, 'core', 'airssys.wit'), 'utf8');
    for (const pkg of witPackages.filter((p) => p.name !== 'airssys:core@1.0.0')) {
      expect(readFileSync(join(pkg.path, 'deps', 'airssys-core', 'airssys.wit'), 'utf8'), pkg.name).toBe(
        core,
      );
    }
  });

  it('documents every interface, world, type and function of the extension packages', () => {
    const item = /^\s*(interface|world|record|variant|enum|flags|resource|type)\s|^\s*[a-z][a-z0-9-]*: func/;
    for (const pkg of witPackages.filter((p) => p.name !== 'airssys:core@1.0.0')) {
      const lines = readWitSource(pkg.name).split('\n');
      const undocumented = lines.filter(
        (line, i) => item.test(line) && !lines[i - 1]?.trim().startsWith('///'),
      );
      expect(undocumented, pkg.name).toEqual([]);
    }
  });
});

describe('readWitSource', () => {
  it('returns the source of a package by id, with or without version', () => {
    expect(readWitSource('airssys:core@1.0.0')).toContain('package airssys:core@1.0.0;');
    expect(readWitSource('airssys:filesystem')).toContain('package airssys:filesystem@1.0.0;');
  });

  it('rejects an unknown package with WIT_NOT_FOUND', () => {
    const error = (() => {
      try {
        readWitSource('wasi:cli');
      } catch (e) {
        return e;
      }
    })();
    expect(isWitError(error) && error.code).toBe('WIT_NOT_FOUND');
    expect(String((error as Error).message)).toContain('got `wasi:cli`');
  });
});

describe('copy-wit script', () => {
  it('copies every package into the given folder for the built package', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'airssys-wit-')), 'wit');
    const script = fileURLToPath(new URL('../scripts/copy-wit.mjs', import.meta.url));
    execFileSync(process.execPath, [script, out], { stdio: 'pipe' });
    for (const pkg of witPackages) {
      for (const file of pkg.files) {
        const copied = readFileSync(join(out, relative(WIT_ROOT, pkg.path), file), 'utf8');
        expect(copied).toBe(readFileSync(join(pkg.path, file), 'utf8'));
      }
    }
  });
});
