// How jco spells WIT names, and back.

/** `wasi:cli/stdout@0.2.3` → `wasi:cli/stdout`, the key jco 1.13 glue looks up. */
export function unversioned(name: string): string {
  const at = name.lastIndexOf('@');
  return at > 0 ? name.slice(0, at) : name;
}

/** `handle-message` → `handleMessage`, as jco names lifted functions. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `handleMessage` → `handle-message` and `Descriptor` → `descriptor`: jco's names back in WIT's spelling. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `-${c.toLowerCase()}`));
}
