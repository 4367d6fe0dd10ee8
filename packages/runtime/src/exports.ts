import { WasmError } from './errors.js';
import { unversioned } from './imports.js';

/** `handle-message` → `handleMessage`, as jco names lifted functions. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

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

/**
 * Find the function for `exportName` in jco's lifted exports: `"test-file-read"` for a world function,
 * `"docs:adder/add@0.1.0#add"` for an interface function (the version may be left out).
 */
export function resolveExport(
  exports: Record<string, unknown>,
  exportName: string,
): (...args: unknown[]) => unknown {
  const hashAt = exportName.indexOf('#');
  let fn: unknown;
  if (hashAt < 0) {
    fn = exports[camelCase(exportName)];
  } else {
    const iface = exportName.slice(0, hashAt);
    const member = camelCase(exportName.slice(hashAt + 1));
    const target = exports[iface] ?? findUnversioned(exports, unversioned(iface));
    if (target && typeof target === 'object') fn = (target as Record<string, unknown>)[member];
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
  return fn as (...args: unknown[]) => unknown;
}

function findUnversioned(exports: Record<string, unknown>, bare: string): unknown {
  for (const [key, value] of Object.entries(exports)) {
    if (key.includes(':') && unversioned(key) === bare) return value;
  }
  return undefined;
}
