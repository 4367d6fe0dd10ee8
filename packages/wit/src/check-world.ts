import { readComponentShape } from './component-types.js';
import { WitError } from './errors.js';
import { inspectComponent, toItems } from './inspect.js';
import { dummyComponent, jcoMessage } from './jco.js';
import { findWitPackage } from './paths.js';
import type { ComponentItem, WorldCheck } from './types.js';

/** The world every airssys component targets. */
export const DEFAULT_WORLD = 'airssys:core/component';

interface WorldShape {
  world: string;
  imports: ComponentItem[];
  exports: ComponentItem[];
}

const worlds = new Map<string, Promise<WorldShape>>();

/**
 * Checks a component against a world of the shipped WIT packages: every export the world requires must be
 * present with all its functions; imports beyond the world are listed, not refused. Names are compared,
 * not signatures: a signature mismatch surfaces when the component is instantiated.
 * @example const { ok, missingExports } = await checkWorld(bytes); // against airssys:core/component
 */
export async function checkWorld(bytes: Uint8Array, world: string = DEFAULT_WORLD): Promise<WorldCheck> {
  const expected = await worldShape(world);
  const inspection = await inspectComponent(bytes);
  const missingExports = difference(expected.exports, inspection.exports, 'functions');
  const extraImports = difference(inspection.imports, expected.imports, 'interfaces');
  return { ok: missingExports.length === 0, world: expected.world, missingExports, extraImports, inspection };
}

/**
 * What `have` has and `base` lacks, as `interface#function` or a world-level function name. An interface
 * `base` lacks entirely is listed by its name alone when `whole` is `interfaces`.
 */
function difference(
  have: ComponentItem[],
  base: ComponentItem[],
  whole: 'interfaces' | 'functions',
): string[] {
  const byName = new Map(base.map((item) => [item.name, item]));
  const out: string[] = [];
  for (const item of have) {
    const other = byName.get(item.name);
    if (item.kind === 'function') {
      if (other?.kind !== 'function') out.push(item.name);
      continue;
    }
    if (other?.kind !== 'interface') {
      const byFunction = whole === 'functions' && item.functions.length > 0;
      out.push(...(byFunction ? item.functions.map((f) => `${item.name}#${f}`) : [item.name]));
      continue;
    }
    const known = new Set(other.functions);
    for (const f of item.functions) if (!known.has(f)) out.push(`${item.name}#${f}`);
  }
  return out;
}

function worldShape(world: string): Promise<WorldShape> {
  let shape = worlds.get(world);
  if (!shape) {
    shape = loadWorldShape(world);
    shape.catch(() => worlds.delete(world));
    worlds.set(world, shape);
  }
  return shape;
}

async function loadWorldShape(world: string): Promise<WorldShape> {
  const match = /^([a-z][a-z0-9-]*:[a-z][a-z0-9-]*)\/([a-z][a-z0-9-]*)(@[^\s/]+)?$/.exec(world);
  if (!match) {
    throw new WitError('WIT_NOT_FOUND', `Expected a world id like \`${DEFAULT_WORLD}\`, got \`${world}\`.`);
  }
  const [, pkgId = '', name = '', version = ''] = match;
  const pkg = findWitPackage(pkgId + version);
  if (!pkg.worlds.includes(name)) {
    const known = pkg.worlds.map((w) => `\`${pkgId}/${w}\``).join(', ');
    throw new WitError('WIT_NOT_FOUND', `Expected a world of \`${pkg.name}\` (${known}), got \`${world}\`.`);
  }
  let component: Uint8Array;
  try {
    component = await dummyComponent({ path: pkg.path }, `${pkgId}/${name}`);
  } catch (cause) {
    const message = `Expected world \`${world}\` to resolve, but jco reports: ${jcoMessage(cause)}`;
    throw new WitError('INVALID_WIT', message, { cause });
  }
  const shape = readComponentShape(component);
  const qualified = `${pkg.name.split('@')[0]}/${name}@${pkg.name.split('@')[1]}`;
  return { world: qualified, imports: toItems(shape.imports), exports: toItems(shape.exports) };
}
