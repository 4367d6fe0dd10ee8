import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WitError } from './errors.js';
import type { WitPackage } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));

// A built package carries a copy in `dist/wit` (scripts/copy-wit.mjs); from source, use the repo's `wit/`.
function findWitRoot(): string {
  const candidates = [join(here, 'wit'), resolve(here, '..', '..', '..', 'wit')];
  return candidates.find((dir) => existsSync(join(dir, 'core', 'airssys.wit'))) ?? candidates[0]!;
}

/** Absolute path of the folder holding the WIT packages (`core/`, `ext/filesystem/`, …). */
export const WIT_ROOT: string = findWitRoot();

const PACKAGES = [
  { name: 'airssys:core@1.0.0', dir: 'core', files: ['airssys.wit'], worlds: ['component'] },
  {
    name: 'airssys:filesystem@1.0.0',
    dir: 'ext/filesystem',
    files: ['filesystem.wit'],
    worlds: ['filesystem-guest'],
  },
  { name: 'airssys:network@1.0.0', dir: 'ext/network', files: ['network.wit'], worlds: ['network-guest'] },
  { name: 'airssys:process@1.0.0', dir: 'ext/process', files: ['process.wit'], worlds: ['process-guest'] },
];

/** The WIT packages this package ships: the airssys world and the capability-gated extensions. */
export const witPackages: readonly WitPackage[] = PACKAGES.map(({ name, dir, files, worlds }) =>
  Object.freeze({ name, path: join(WIT_ROOT, dir), files, worlds }),
);

/** Finds a shipped package by id, with or without its version (`airssys:core` or `airssys:core@1.0.0`). */
export function findWitPackage(name: string): WitPackage {
  const found = witPackages.find((p) => p.name === name || p.name.split('@')[0] === name);
  if (!found) {
    const known = witPackages.map((p) => `\`${p.name}\``).join(', ');
    throw new WitError('WIT_NOT_FOUND', `Expected one of the WIT packages ${known}, got \`${name}\`.`);
  }
  return found;
}

/** The WIT source text of a shipped package (its own files, joined). */
export function readWitSource(name: string): string {
  const pkg = findWitPackage(name);
  return pkg.files
    .map((file) => {
      const path = join(pkg.path, file);
      if (!existsSync(path)) {
        throw new WitError('WIT_NOT_FOUND', `Expected WIT file \`${path}\` of \`${pkg.name}\` to exist.`);
      }
      return readFileSync(path, 'utf8');
    })
    .join('\n');
}
