import { type Entity, readComponentShape } from './component-types.js';
import { WitError } from './errors.js';
import { componentWit, jcoMessage } from './jco.js';
import type { ComponentInspection, ComponentItem } from './types.js';

/**
 * Reads a component's world: its WIT text, and each import and export with its function names.
 * @example const { imports, exports } = await inspectComponent(readFileSync('adder.wasm'));
 */
export async function inspectComponent(bytes: Uint8Array): Promise<ComponentInspection> {
  if (!(bytes instanceof Uint8Array)) {
    throw new WitError(
      'INVALID_COMPONENT',
      `Expected component bytes as a Uint8Array, got ${describe(bytes)}.`,
    );
  }
  const shape = readComponentShape(bytes);
  let worldText: string;
  try {
    worldText = await componentWit(bytes);
  } catch (cause) {
    throw new WitError(
      'INVALID_COMPONENT',
      `Expected a component that jco can decode, but it reports: ${jcoMessage(cause)}`,
      { cause },
    );
  }
  return { worldText, imports: toItems(shape.imports), exports: toItems(shape.exports) };
}

/** Turns binary imports or exports into items; types, values, modules and components are left out. */
export function toItems(entries: Array<[string, Entity]>): ComponentItem[] {
  const items: ComponentItem[] = [];
  for (const [name, entity] of entries) {
    if (entity.sort === 'func') items.push({ name, kind: 'function', functions: [name] });
    if (entity.sort === 'instance') {
      const functions: string[] = [];
      for (const [member, value] of entity.exports)
        if (value.sort === 'func') functions.push(functionName(member));
      items.push({ name, kind: 'interface', functions });
    }
  }
  return items;
}

/** `[method]y.get-a` → `y.get-a`, `[static]y.add` → `y.add`, `[constructor]y` → `y.constructor`. */
export function functionName(binaryName: string): string {
  const match = /^\[([a-z -]+)\](.+)$/.exec(binaryName);
  if (!match) return binaryName;
  const [, kind = '', rest = ''] = match;
  return kind.endsWith('constructor') ? `${rest}.constructor` : rest;
}

function describe(value: unknown): string {
  if (value === null) return '`null`';
  if (typeof value !== 'object') return `a ${typeof value}`;
  return `a ${value.constructor?.name ?? 'object'}`;
}
