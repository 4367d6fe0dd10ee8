import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  airssysPackageOf,
  checkLayers,
  findImports,
  formatViolation,
  LAYERS,
  loadWorkspaces,
  type Workspace,
} from '../src/layers.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function workspace(name: string, fields: Partial<Workspace> = {}): Workspace {
  const dir = `packages/${name.replace('@airssys/', '')}`;
  return { name, dir, dependencies: {}, peerDependencies: {}, sources: [], ...fields };
}

function report(workspaces: Workspace[]): string[] {
  return checkLayers(workspaces).map(formatViolation);
}

describe('layers of this repository', () => {
  const workspaces = loadWorkspaces(REPO_ROOT);

  it('finds the workspaces under packages/ and apps/', () => {
    const names = workspaces.map((ws) => ws.name);
    expect(names).toContain('@airssys/core');
    expect(workspaces.find((ws) => ws.name === '@airssys/core')?.sources.length).toBeGreaterThan(0);
  });

  it('has every workspace in the layer table and every @airssys dependency pointing to a lower layer', () => {
    expect(report(workspaces)).toEqual([]);
  });
});

describe('checkLayers', () => {
  it('accepts imports of lower layers that are declared in dependencies', () => {
    const runtime = workspace('@airssys/runtime', {
      dependencies: { '@airssys/core': '^0.1.0', '@airssys/wit': '^0.1.0' },
      sources: [
        {
          path: 'packages/runtime/src/a.ts',
          text: "import { x } from '@airssys/core';\nimport '@airssys/wit';",
        },
      ],
    });
    expect(report([workspace('@airssys/core'), workspace('@airssys/wit'), runtime])).toEqual([]);
  });

  it('fails when a package imports a higher layer, naming the package, file and import', () => {
    const core = workspace('@airssys/core', {
      dependencies: { '@airssys/runtime': '^0.1.0' },
      sources: [
        { path: 'packages/core/src/bad.ts', text: "// fine\nexport { load } from '@airssys/runtime';\n" },
      ],
    });
    expect(report([core, workspace('@airssys/runtime')])).toEqual([
      '@airssys/core packages/core/package.json: depends on `@airssys/runtime` of layer 2, but a layer-0 package may only depend on lower layers',
      '@airssys/core packages/core/src/bad.ts:2: imports `@airssys/runtime` of layer 2, but a layer-0 package may only depend on lower layers',
    ]);
  });

  it('fails when a package imports one of its own layer', () => {
    const quota = workspace('@airssys/quota', {
      dependencies: { '@airssys/audit': '^0.1.0' },
      sources: [{ path: 'packages/quota/src/q.ts', text: "const a = await import('@airssys/audit/sinks');" }],
    });
    const violations = checkLayers([quota, workspace('@airssys/audit')]);
    expect(violations).toHaveLength(2);
    expect(violations[1]).toMatchObject({
      package: '@airssys/quota',
      file: 'packages/quota/src/q.ts',
      line: 1,
      specifier: '@airssys/audit/sinks',
    });
    expect(violations[1]?.message).toContain('layer 1, but a layer-1 package');
  });

  it('fails when a package imports itself by name', () => {
    const broker = workspace('@airssys/broker', {
      sources: [{ path: 'packages/broker/src/x.ts', text: "import type { T } from '@airssys/broker';" }],
    });
    expect(report([broker])[0]).toContain('`@airssys/broker` (itself) of layer 1');
  });

  it('fails when an imported @airssys package is missing from dependencies', () => {
    const host = workspace('@airssys/host', {
      dependencies: { '@airssys/core': '^0.1.0' },
      sources: [
        { path: 'packages/host/src/h.ts', text: "import { createActorSystem } from '@airssys/actor';" },
      ],
    });
    expect(report([workspace('@airssys/core'), workspace('@airssys/actor'), host])).toEqual([
      '@airssys/host packages/host/src/h.ts:1: imports `@airssys/actor`, but `@airssys/actor` is not in the `dependencies` (or `peerDependencies`) of packages/host/package.json',
    ]);
  });

  it('counts peerDependencies as declared but still checks their layer', () => {
    const cli = workspace('@airssys/cli', {
      peerDependencies: { '@airssys/host': '^0.1.0', '@airssys/playground': '^0.1.0' },
      sources: [{ path: 'packages/cli/src/c.ts', text: "import { createHost } from '@airssys/host';" }],
    });
    const playground = { ...workspace('@airssys/playground'), dir: 'apps/playground' };
    expect(report([workspace('@airssys/host'), playground, cli])).toEqual([
      '@airssys/cli packages/cli/package.json: depends on `@airssys/playground` of layer 6, but a layer-5 package may only depend on lower layers',
    ]);
  });

  it('fails for a workspace or a dependency that is not in the layer table', () => {
    const mystery = workspace('@airssys/mystery', { dependencies: { '@airssys/test-guests': '*' } });
    expect(report([mystery])).toEqual([
      '@airssys/mystery: workspace `packages/mystery` (`@airssys/mystery`) is not in the layer table (DESIGN.md); add it to LAYERS in tests/repo/src/layers.ts',
      '@airssys/mystery packages/mystery/package.json: depends on `@airssys/test-guests`, which is not in the layer table',
    ]);
  });

  it('encodes the layer table of DESIGN.md', () => {
    expect(LAYERS['@airssys/core']).toBe(0);
    expect(LAYERS['@airssys/broker']).toBe(1);
    expect(LAYERS['@airssys/runtime']).toBe(2);
    expect(LAYERS['@airssys/actor']).toBe(3);
    expect([LAYERS['@airssys/host'], LAYERS['@airssys/guest']]).toEqual([4, 4]);
    expect(LAYERS['@airssys/cli']).toBe(5);
    expect(LAYERS['apps/playground']).toBe(6);
    expect(Object.keys(LAYERS)).toHaveLength(14);
  });
});

describe('findImports', () => {
  it('finds static, type, export-from, side-effect, dynamic and require specifiers with their lines', () => {
    const text = [
      "import a from '@airssys/a';",
      "import type { B } from '@airssys/b';",
      "export * from '@airssys/c/sub';",
      "import '@airssys/d';",
      "const e = await import('@airssys/e');",
      "const f = require('@airssys/f');",
    ].join('\n');
    expect(findImports(text)).toEqual([
      { specifier: '@airssys/a', line: 1 },
      { specifier: '@airssys/b', line: 2 },
      { specifier: '@airssys/c/sub', line: 3 },
      { specifier: '@airssys/d', line: 4 },
      { specifier: '@airssys/e', line: 5 },
      { specifier: '@airssys/f', line: 6 },
    ]);
  });

  it('ignores specifiers inside comments and strings', () => {
    const text = [
      "// import x from '@airssys/host';",
      "/** @example import { y } from '@airssys/cli' */",
      'const s = "import z from \'@airssys/actor\'";',
    ].join('\n');
    expect(findImports(text)).toEqual([]);
  });

  it('maps subpath specifiers to their package', () => {
    expect(airssysPackageOf('@airssys/core/testing')).toBe('@airssys/core');
    expect(airssysPackageOf('@airssys/core')).toBe('@airssys/core');
    expect(airssysPackageOf('vitest')).toBeUndefined();
  });
});

describe('loadWorkspaces', () => {
  const root = mkdtempSync(join(tmpdir(), 'airssys-layers-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it('reads manifests and nested src files, skipping node_modules, dist and other files', () => {
    write('packages/core/package.json', JSON.stringify({ name: '@airssys/core' }));
    write('packages/core/src/index.ts', "export * from './a.js';");
    write('packages/core/src/deep/a.mjs', "import '@airssys/host';");
    write('packages/core/src/node_modules/x.ts', "import '@airssys/cli';");
    write('packages/core/src/notes.md', "import '@airssys/cli';");
    write('packages/core/test/a.test.ts', "import '@airssys/cli';");
    write('packages/empty/README.md', 'no package.json, not a workspace');
    write(
      'apps/playground/package.json',
      JSON.stringify({ name: 'playground', dependencies: { '@airssys/host': '1' } }),
    );

    const workspaces = loadWorkspaces(root);
    expect(workspaces.map((ws) => [ws.dir, ws.name, ws.sources.map((s) => s.path)])).toEqual([
      ['apps/playground', 'playground', []],
      ['packages/core', '@airssys/core', ['packages/core/src/deep/a.mjs', 'packages/core/src/index.ts']],
    ]);
    expect(report(workspaces)).toEqual([
      '@airssys/core packages/core/src/deep/a.mjs:1: imports `@airssys/host` of layer 4, but a layer-0 package may only depend on lower layers',
      '@airssys/core packages/core/src/deep/a.mjs:1: imports `@airssys/host`, but `@airssys/host` is not in the `dependencies` (or `peerDependencies`) of packages/core/package.json',
    ]);
  });
});
