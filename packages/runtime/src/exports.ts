import { WasmError } from './errors.js';
import { camelCase, unversioned } from './names.js';

/** Names of the exports in a lifted exports object, for error messages. */
export function describeExports(exports: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const [key, value] of Object.entries(exports)) {
    if (typeof value === 'function') names.push(key);
    else if (key.includes(':') && value && typeof value === 'object') {
      for (const fn of Object.keys(value)) names.push(`${key}#${fn}`);
    }
  }
  return names;
}

/** Where an export lives in jco's lifted exports: a world function, or a member of an interface object. */
export interface ExportPath {
  key: string;
  member: string | undefined;
}

/**
 * Find the function for `exportName` in jco's lifted exports: `"test-file-read"` for a world function,
 * `"docs:adder/add@0.1.0#add"` for an interface function (the version may be left out). With `paths`, the
 * way to it is remembered, so the next instance of the same component finds it without a search.
 */
export function resolveExport(
  exports: Record<string, unknown>,
  exportName: string,
  paths?: Map<string, ExportPath>,
): (...args: unknown[]) => unknown {
  const known = paths?.get(exportName);
  if (known) {
    const holder = known.member === undefined ? exports : exports[known.key];
    const fn = (holder as Record<string, unknown> | undefined)?.[known.member ?? known.key];
    if (typeof fn === 'function') return fn as (...args: unknown[]) => unknown;
  }
  const hashAt = exportName.indexOf('#');
  let fn: unknown;
  let path: ExportPath | undefined;
  if (hashAt < 0) {
    path = { key: camelCase(exportName), member: undefined };
    fn = exports[path.key];
  } else {
    const iface = exportName.slice(0, hashAt);
    const member = camelCase(exportName.slice(hashAt + 1));
    const key = iface in exports ? iface : findUnversioned(exports, unversioned(iface));
    const target = key === undefined ? undefined : exports[key];
    if (target && typeof target === 'object') {
      fn = (target as Record<string, unknown>)[member];
      path = { key: key!, member };
    }
  }
  if (typeof fn !== 'function') {
    throw new WasmError(
      'EXPORT_NOT_FOUND',
      `Expected an export named \`${exportName}\`; the component exports ${
        describeExports(exports)
          .map((n) => `\`${n}\``)
          .join(', ') || 'nothing callable'
      }.`,
      { exportName },
    );
  }
  if (path) paths?.set(exportName, path);
  return fn as (...args: unknown[]) => unknown;
}

function findUnversioned(exports: Record<string, unknown>, bare: string): string | undefined {
  for (const key of Object.keys(exports)) {
    if (key.includes(':') && unversioned(key) === bare) return key;
  }
  return undefined;
}
