import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readComponentShape } from './component-types.js';
import { WitError } from './errors.js';
import { toItems } from './inspect.js';
import { dummyComponent, jcoMessage } from './jco.js';
import type { WitInput, WitValidation, WitWorld } from './types.js';
import { packageNameOf, worldNamesOf } from './wit-source.js';

/**
 * Parses WIT with jco's own parser and resolves every world it declares (a dummy component per world).
 * A folder may hold a `deps/` folder with the packages it uses.
 * @example await validateWit({ path: 'wit/ext/filesystem' }); // throws INVALID_WIT with line and column
 */
export async function validateWit(input: WitInput): Promise<WitValidation> {
  const loaded = load(input);
  const { wit, label, sources } = loaded;
  const packageName = sources.map(packageNameOf).find((name) => name !== undefined);
  if (!packageName) {
    throw new WitError('INVALID_WIT', `Expected a \`package ns:name@version;\` declaration in ${label}.`);
  }
  const names = sources.flatMap(worldNamesOf);
  if (names.length === 0) {
    throw new WitError('INVALID_WIT', `Expected at least one \`world\` in ${label} to resolve against.`);
  }
  const worlds: WitWorld[] = [];
  for (const name of names) {
    let component: Uint8Array;
    try {
      component = await dummyComponent(wit, name);
    } catch (cause) {
      const reason = (await locateError(loaded, name)) ?? jcoMessage(cause);
      const message = `Expected valid WIT in ${label} (world \`${name}\`), but jco reports: ${reason}`;
      throw new WitError('INVALID_WIT', message, { cause });
    }
    const shape = readComponentShape(component);
    worlds.push({ name, imports: toItems(shape.imports), exports: toItems(shape.exports) });
  }
  return { packageName, worlds };
}

type Loaded = {
  wit: { path: string } | { source: string };
  label: string;
  sources: string[];
  files: string[];
};

function load(input: WitInput): Loaded {
  if ('source' in input) {
    return { wit: { source: input.source }, label: 'the WIT source', sources: [input.source], files: [] };
  }
  const raw = input.path;
  // jco's WASI layer resolves only absolute paths ("os error 44" otherwise).
  const path = resolve(raw instanceof URL || raw.startsWith('file:') ? fileURLToPath(raw) : raw);
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((f) => f.endsWith('.wit'))
          .sort()
          .map((f) => join(path, f))
      : [path];
  } catch (cause) {
    throw new WitError('WIT_NOT_FOUND', `Expected a WIT file or folder at \`${path}\`.`, { cause });
  }
  return { wit: { path }, label: `\`${path}\``, sources: files.map((f) => readFileSync(f, 'utf8')), files };
}

/**
 * jco reports a failure under a path as just `failed to parse package: <path>`. For a one-file package,
 * parse it again as source, with its `deps/` packages nested in, to get the line and column.
 */
async function locateError(loaded: Loaded, world: string): Promise<string | undefined> {
  const [file, ...others] = loaded.files;
  const [own] = loaded.sources;
  if (!file || own === undefined || others.length > 0) return undefined;
  const deps = join(dirname(file), 'deps');
  const nested = existsSync(deps) ? witFilesUnder(deps).map((f) => nest(readFileSync(f, 'utf8'))) : [];
  try {
    await dummyComponent({ source: [own, ...nested].join('\n') }, world);
    return undefined;
  } catch (cause) {
    const message = jcoMessage(cause);
    const line = Number(/component\.wit:(\d+):\d+/.exec(message)?.[1] ?? Number.NaN);
    // A line past the package's own file points into a nested dependency: no precise answer then.
    if (!(line <= own.split('\n').length)) return undefined;
    return message.replace('component.wit', file);
  }
}

function witFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return witFilesUnder(path);
      return name.endsWith('.wit') ? [path] : [];
    });
}

/** `package a:b@1.0.0; …` → `package a:b@1.0.0 { … }`, so several packages fit in one source. */
function nest(source: string): string {
  return source.replace(/^(\s*package\s+[^\s;{]+)\s*;/m, '$1 {') + '\n}\n';
}
