// Where the third-party component fixtures live: `shared/fixtures/third-party/jco/` beside the repository
// (CI lays `shared/` out the same way), or wherever `AIRSSYS_FIXTURES` points.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The default folder, resolved from this file (packages/runtime/test/helpers/). */
const DEFAULT_DIR = new URL('../../../../../shared/fixtures/third-party/jco/', import.meta.url);

/**
 * The folder of the jco third-party fixtures. `AIRSSYS_FIXTURES` may name either the `fixtures` folder
 * (holding `third-party/jco/`) or the jco folder itself.
 */
export function jcoFixturesDir(): string {
  const fromEnv = process.env.AIRSSYS_FIXTURES;
  if (fromEnv === undefined || fromEnv === '') return fileURLToPath(DEFAULT_DIR);
  const nested = resolve(fromEnv, 'third-party', 'jco');
  return existsSync(nested) ? nested : resolve(fromEnv);
}

/** The absolute path of one jco fixture, e.g. `hello_stdout.component.wasm`. */
export function jcoFixturePath(name: string): string {
  return join(jcoFixturesDir(), name);
}

/** The bytes of one jco fixture; a clear error names the folder when it is missing. */
export function readJcoFixture(name: string): Uint8Array {
  const path = jcoFixturePath(name);
  if (!existsSync(path)) {
    throw new Error(
      `Expected the fixture \`${name}\` in \`${jcoFixturesDir()}\`; set AIRSSYS_FIXTURES to its folder.`,
    );
  }
  return new Uint8Array(readFileSync(path));
}

/** The names of every `.wasm` fixture in the jco folder. */
export function listJcoFixtures(): string[] {
  return readdirSync(jcoFixturesDir())
    .filter((name) => name.endsWith('.wasm'))
    .sort();
}
