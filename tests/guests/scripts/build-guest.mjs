// Builds ONE guest into dist/<name>.wasm. Run by build.mjs in a child process: a trap inside jco's tooling
// can poison it for the rest of a process, so every guest gets a fresh one.
// Usage: node scripts/build-guest.mjs <name> <fingerprint>   (reports { bytes, steps } to the parent over IPC)
// The stamp is written only after the component is in place, so an old stamp always describes the file on disk.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeGuestTypes } from './guest-types.mjs';
import { CACHE, DIST, findGuest } from './guests.mjs';

/** Every WASI feature off: the component imports only what its world says, so hosts need no WASI shims. */
const DISABLE_FEATURES = ['random', 'stdio', 'clocks', 'http', 'fetch-event'];
/** `\0asm`, version 0x0d, layer 1: a component, not a core module. */
const COMPONENT_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

const steps = {};
let currentStep = 'start';
async function step(label, fn) {
  const start = performance.now();
  currentStep = label;
  try {
    return await fn();
  } finally {
    steps[label] = Math.round(performance.now() - start);
  }
}

/** WAT → core module → embed the world's metadata → component. */
async function buildWat(guest) {
  const { parse, componentEmbed, componentNew } = await import('@bytecodealliance/jco');
  const wat = readFileSync(join(guest.dir, `${guest.name}.wat`), 'utf8');
  const core = await step('parse', () => parse(wat));
  const embedded = await step('embed', () =>
    componentEmbed({ binary: core, witPath: guest.wit, world: guest.world }),
  );
  return step('new', () => componentNew(embedded, []));
}

/**
 * Type-checks a TypeScript guest with the tsconfig in its folder (guest lib: ES2022 + DOM, no Node types).
 * Runs `tsc` in its own process so it overlaps with componentize; resolves with tsc's output on failure.
 */
function typecheck(guest) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const child = spawn(process.execPath, [tsc, '-p', join(guest.dir, 'tsconfig.json'), '--pretty', 'false'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`TypeScript errors in guest \`${guest.name}\`:\n${output.trim()}`));
    });
  });
}

/** guest types → (tsc ‖ esbuild → componentize-js). */
async function buildTs(guest) {
  await step('types', () => writeGuestTypes(guest));
  const checked = step('tsc', () => typecheck(guest));
  checked.catch((e) => fail('tsc', e)); // a type error ends the build at once, not after componentize
  const bundle = join(CACHE, 'build', guest.name, 'guest.js');
  const { build } = await import('esbuild');
  await step('esbuild', () =>
    build({
      entryPoints: [join(guest.dir, 'guest.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      external: ['airssys:*', 'wasi:*'],
      outfile: bundle,
      logLevel: 'error',
    }),
  );
  const { componentize } = await import('@bytecodealliance/componentize-js');
  const { component } = await step('componentize', () =>
    componentize({
      sourcePath: bundle,
      witPath: guest.wit,
      worldName: guest.world,
      disableFeatures: DISABLE_FEATURES,
    }),
  );
  await checked;
  return component;
}

async function main() {
  const guest = findGuest(process.argv[2] ?? '');
  const component = guest.kind === 'ts' ? await buildTs(guest) : await buildWat(guest);
  if (!COMPONENT_HEADER.every((b, i) => component[i] === b)) {
    throw new Error(`Guest \`${guest.name}\` built, but the output is not a component (bad header).`);
  }
  mkdirSync(DIST, { recursive: true });
  const out = join(DIST, `${guest.name}.wasm`);
  const stamp = join(DIST, `${guest.name}.stamp`);
  writeFileSync(`${out}.tmp`, component);
  rmSync(stamp, { force: true });
  renameSync(`${out}.tmp`, out);
  if (process.argv[3]) writeFileSync(stamp, `${process.argv[3]}\n`);
  process.send?.({ bytes: component.length, steps });
}

/** Prints why the build failed and ends this process. */
function fail(label, e) {
  // jco's tooling throws wasm-tools errors as Errors, strings or objects carrying `payload`.
  const detail = e instanceof Error ? e.message : (e?.payload ?? String(e));
  console.error(`Step \`${label}\` failed: ${detail}`);
  process.exit(1);
}

main().then(
  () => process.disconnect?.(),
  (e) => fail(currentStep, e),
);
