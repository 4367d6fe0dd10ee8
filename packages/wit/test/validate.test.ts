import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isWitError, validateWit, WIT_ROOT, type WitError, type WitInput } from '../src/index.js';

async function rejection(input: WitInput): Promise<WitError> {
  const error = await validateWit(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isWitError(error)) throw new Error(`Expected a WitError, got ${String(error)}`);
  return error;
}

describe('validateWit', () => {
  it('resolves every world of a source string', async () => {
    const source = `package test:pkg@0.1.0;
interface api { ping: func() -> string; }
/// A world that exports api.
world server { export api; }
world client { import api; export run: func(); }
`;
    const result = await validateWit({ source });
    expect(result.packageName).toBe('test:pkg@0.1.0');
    expect(result.worlds).toEqual([
      {
        name: 'server',
        imports: [],
        exports: [{ name: 'test:pkg/api@0.1.0', kind: 'interface', functions: ['ping'] }],
      },
      {
        name: 'client',
        imports: [{ name: 'test:pkg/api@0.1.0', kind: 'interface', functions: ['ping'] }],
        exports: [{ name: 'run', kind: 'function', functions: ['run'] }],
      },
    ]);
  });

  it('reports a WIT error with its line and column', async () => {
    const error = await rejection({ source: 'package test:bad;\nworld w { import missing; }\n' });
    expect(error.code).toBe('INVALID_WIT');
    expect(error.message).toContain('world `w`');
    expect(error.message).toContain('`missing` does not exist');
    expect(error.message).toMatch(/:2:\d+/);
  });

  it('points at the file, line and column of an error in a folder with deps', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'airssys-wit-')), 'network');
    cpSync(join(WIT_ROOT, 'ext', 'network'), dir, { recursive: true });
    const file = join(dir, 'network.wit');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, source.replace('import tcp;', 'import tcp-typo;'));
    const line = source.split('\n').findIndex((l) => l.includes('import tcp;')) + 1;
    const error = await rejection({ path: dir });
    expect(error.code).toBe('INVALID_WIT');
    expect(error.message).toContain(`\`tcp-typo\` does not exist (at ${file}:${line}:`);
  });

  it('keeps working after jco rejected some WIT', async () => {
    await rejection({ source: 'package test:bad;\nworld w { import nope; }\n' });
    const result = await validateWit({ source: 'package test:ok;\nworld w {}\n' });
    expect(result.worlds).toEqual([{ name: 'w', imports: [], exports: [] }]);
  });

  it('accepts relative paths and file URLs (jco itself needs absolute ones)', async () => {
    const core = join(WIT_ROOT, 'core');
    expect((await validateWit({ path: relative(process.cwd(), core) })).packageName).toBe(
      'airssys:core@1.0.0',
    );
    expect((await validateWit({ path: pathToFileURL(core) })).packageName).toBe('airssys:core@1.0.0');
  });

  it('validates a single file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airssys-wit-'));
    writeFileSync(join(dir, 'one.wit'), 'package test:file;\nworld w { export f: func(); }\n');
    const result = await validateWit({ path: join(dir, 'one.wit') });
    expect(result.worlds[0]?.exports).toEqual([{ name: 'f', kind: 'function', functions: ['f'] }]);
  });

  it('rejects a missing path with WIT_NOT_FOUND', async () => {
    const error = await rejection({ path: join(tmpdir(), 'airssys-no-such-wit') });
    expect(error.code).toBe('WIT_NOT_FOUND');
  });

  it('rejects source without a package or without a world', async () => {
    expect((await rejection({ source: 'world w {}' })).message).toContain('`package ns:name@version;`');
    expect((await rejection({ source: 'package test:x;\ninterface i {}\n' })).message).toContain(
      'at least one `world`',
    );
  });

  it('ignores worlds in comments and nested packages', async () => {
    const source = `package test:outer;
// world commented {}
/* world blocked {} */
world real { import test:inner/i; }
package test:inner { interface i { f: func(); } world nested {} }
`;
    const result = await validateWit({ source });
    expect(result.worlds.map((w) => w.name)).toEqual(['real']);
  });
});
