// The guests this workspace builds, their inputs, and the fingerprint that decides whether to rebuild one.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the `@airssys/test-guests` workspace. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where built components go (`dist/<name>.wasm`, plus `<name>.stamp`). */
export const DIST = join(ROOT, 'dist');
/** Scratch space: generated guest types and intermediate bundles (git- and biome-ignored). */
export const CACHE = join(ROOT, '.cache');

const CORE_WIT = resolve(ROOT, '../../wit/core');
const TEST_WIT = join(ROOT, 'wit');

/**
 * Every guest, longest build first so it starts first. `wat` guests are one WAT file; `ts` guests are a
 * folder whose `guest.ts` is bundled with esbuild and componentized (its `tsconfig.json` type-checks it).
 */
export const GUESTS = [
  { name: 'ts-actor', kind: 'ts', dir: join(ROOT, 'src/ts-actor'), wit: CORE_WIT, world: 'component' },
  { name: 'ts-echo', kind: 'ts', dir: join(ROOT, 'src/ts-echo'), wit: CORE_WIT, world: 'component' },
  { name: 'echo', kind: 'wat', dir: join(ROOT, 'src/echo'), wit: CORE_WIT, world: 'component' },
  { name: 'relay', kind: 'wat', dir: join(ROOT, 'src/relay'), wit: CORE_WIT, world: 'component' },
  { name: 'hostile', kind: 'wat', dir: join(ROOT, 'src/hostile'), wit: TEST_WIT, world: 'hostile' },
  { name: 'tiny', kind: 'wat', dir: join(ROOT, 'src/tiny'), wit: TEST_WIT, world: 'tiny' },
];

/** Returns the guest called `name`, or throws naming the known ones. */
export function findGuest(name) {
  const guest = GUESTS.find((g) => g.name === name);
  if (!guest) {
    throw new Error(
      `Unknown guest \`${name}\`; expected one of ${GUESTS.map((g) => `\`${g.name}\``).join(', ')}.`,
    );
  }
  return guest;
}

/** Folder of the generated `declare module` types for a WIT world (shared by every guest of that world). */
export function guestTypesDir(guest) {
  return join(
    CACHE,
    'guest-types',
    `${relative(resolve(ROOT, '../..'), guest.wit).replaceAll('/', '-')}-${guest.world}`,
  );
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/** Version of an installed package, found by walking up from its resolved entry point. */
function versionOf(pkg) {
  let dir = dirname(fileURLToPath(import.meta.resolve(pkg)));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8'));
      if (json.name === pkg) return json.version;
    }
    if (dirname(dir) === dir) throw new Error(`Cannot find the package.json of \`${pkg}\`.`);
    dir = dirname(dir);
  }
}

/** Tools whose version is part of a guest's fingerprint. */
export function toolVersions(kind) {
  const tools = ['@bytecodealliance/jco'];
  if (kind === 'ts') tools.push('@bytecodealliance/componentize-js', 'esbuild', 'typescript');
  return Object.fromEntries(tools.map((t) => [t, versionOf(t)]));
}

/**
 * sha-256 over everything that shapes a guest: its sources, its WIT package, the tool versions and the
 * build scripts themselves. Equal to the recorded stamp means the built component is up to date.
 */
export function fingerprint(guest) {
  const hash = createHash('sha256');
  const scripts = ['guests.mjs', 'guest-types.mjs', 'build-guest.mjs'].map((f) => join(ROOT, 'scripts', f));
  for (const file of [...filesUnder(guest.dir), ...filesUnder(guest.wit), ...scripts]) {
    hash
      .update(`${relative(ROOT, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  }
  hash.update(
    JSON.stringify({ world: guest.world, tools: toolVersions(guest.kind), node: process.versions.modules }),
  );
  return hash.digest('hex');
}
