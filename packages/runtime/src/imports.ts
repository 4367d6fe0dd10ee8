import { shortHash, WasmError } from './errors.js';
import { kebabCase, unversioned } from './names.js';
import type { ComponentImport, HostImports } from './types.js';

/** Key user imports the way the glue looks them up (without versions). */
export function normaliseImports(imports: HostImports | undefined): HostImports {
  const out: HostImports = {};
  if (!imports) return out;
  for (const [name, value] of Object.entries(imports)) {
    if (value === null || typeof value !== 'object') {
      throw new WasmError(
        'INVALID_OPTIONS',
        `Expected \`imports['${name}']\` to be an object of functions, got \`${String(value)}\`.`,
      );
    }
    out[unversioned(name)] = value;
  }
  return out;
}

/**
 * Merge the host's imports with WASI and check every interface and member the component needs is there;
 * the error lists all that are missing, not just the first.
 */
export function linkImports(
  required: readonly ComponentImport[],
  user: HostImports,
  wasi: HostImports | undefined,
  context: { hash: string; componentId: string | undefined },
): HostImports {
  const linked: HostImports = {};
  const missing: string[] = [];
  for (const { name, members } of required) {
    const source = user[name] ?? wasi?.[name];
    if (!source) {
      missing.push(name);
      continue;
    }
    for (const member of members) {
      if (typeof source[member] !== 'function') missing.push(`${name}#${kebabCase(member)}`);
    }
    linked[name] = source;
  }
  if (missing.length > 0) {
    const who = context.componentId ?? shortHash(context.hash);
    throw new WasmError(
      'INSTANTIATION_FAILED',
      `Component \`${who}\` needs imports the host did not give: ${missing.map((m) => `\`${m}\``).join(', ')}.`,
      { componentHash: context.hash, componentId: context.componentId, missingImports: missing },
    );
  }
  return linked;
}
