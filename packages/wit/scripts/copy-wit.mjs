// Copies the repo's top-level `wit/` into `dist/wit` so a built or published package carries its WIT files.
// Usage: node scripts/copy-wit.mjs [out-dir]   (default: dist/wit next to this package's package.json)
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const from = resolve(pkg, '..', '..', 'wit');
const to = resolve(process.argv[2] ?? join(pkg, 'dist', 'wit'));

if (!existsSync(join(from, 'core', 'airssys.wit'))) {
  console.error(`copy-wit: expected the WIT packages at ${from}`);
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true, dereference: true });
console.log(`copy-wit: ${from} -> ${to}`);
