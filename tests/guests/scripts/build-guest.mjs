// Builds ONE guest into dist/<name>.wasm. Run by build.mjs in a child process: a trap inside jco's tooling
// can poison it for the rest of a process, so every guest gets a fresh one.
// Usage: node scripts/build-guest.mjs <name>   (reports { bytes, steps } to the parent over IPC)
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeGuestTypes } from './guest-types.mjs';
import { CACHE, DIST, findGuest } from './guests.mjs';

/** Every WASI feature off: the component imports only what its world says, so hosts need no WASI shims. */
const DISABLE_FEATURES = ['random', 'stdio', 'clocks', 'http', 'fetch-event'];
/** `\0asm`, version 0x0d, layer 1: a component, not a core module. */
const COMPONENT_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

const steps = {};
async function step(label, fn) {
  const start = performance.now();
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

/** Type-checks a TypeScript guest with the tsconfig in its folder (guest lib: ES2022 + DOM, no Node types). */
async function typecheck(guest) {
  const { default: ts } = await import('typescript');
  const configPath = join(guest.dir, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = error ? { errors: [error] } : ts.parseJsonConfigFileContent(config, ts.sys, guest.dir);
  const diagnostics = parsed.errors.length
    ? parsed.errors
    : ts.getPreEmitDiagnostics(ts.createProgram(parsed.fileNames, parsed.options));
  if (diagnostics.length > 0) {
    const host = {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => guest.dir,
      getNewLine: () => '\n',
    };
    throw new Error(
      `TypeScript errors in guest \`${guest.name}\`:\n${ts.formatDiagnostics(diagnostics, host)}`,
    );
  }
}

/** guest types → tsc → esbuild (one ESM file) → componentize-js. */
async function buildTs(guest) {
  await step('types', () => writeGuestTypes(guest));
  await step('tsc', () => typecheck(guest));
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
  writeFileSync(`${out}.tmp`, component);
  renameSync(`${out}.tmp`, out);
  process.send?.({ bytes: component.length, steps });
}

main().then(
  () => process.disconnect?.(),
  (e) => {
    // jco's tooling throws wasm-tools errors as strings or objects carrying `payload`.
    const detail = e instanceof Error ? (e.stack ?? e.message) : (e?.payload ?? String(e));
    console.error(String(detail));
    process.exitCode = 1;
    process.disconnect?.();
  },
);
