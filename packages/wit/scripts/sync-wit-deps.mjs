// Refreshes the copies of `airssys:core` under each extension package's `deps/` folder after `wit/core` changes.
// The copies exist because WIT resolves `include airssys:core/component` through `deps/`, and a copy works on
// every platform and in the npm package, where a symlink would not. test/wit-packages.test.ts fails on drift.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const wit = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'wit');
const core = join(wit, 'core', 'airssys.wit');
for (const ext of readdirSync(join(wit, 'ext'))) {
  const dir = join(wit, 'ext', ext, 'deps', 'airssys-core');
  mkdirSync(dir, { recursive: true });
  copyFileSync(core, join(dir, 'airssys.wit'));
  console.log(`sync-wit-deps: ${core} -> ${dir}`);
}
