// A test-only reading of the WIT text jco prints for a component (`package root:component; world root {…}`):
// the names of its imports and exports, and the functions of inline interfaces. Used to cross-check the
// binary reader against jco's own decoder.
export interface TextItem {
  direction: 'import' | 'export';
  name: string;
  kind: 'interface' | 'function';
  /** Functions of an inline interface (`import imports: interface { … }`); undefined for named ones. */
  functions?: string[];
}

export function readWorldText(text: string): TextItem[] {
  const items: TextItem[] = [];
  let current: TextItem | undefined;
  let resource: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const depth = (raw.length - raw.trimStart().length) / 2;
    if (depth === 1) {
      const m = /^(import|export) (%?[^\s:;]+(?::[^\s;/]+\/[^\s;]+)?)(?:: (func|async func|interface))?/.exec(
        line,
      );
      if (!m) continue;
      const [, direction, name = '', kind] = m;
      const item: TextItem = {
        direction: direction as TextItem['direction'],
        name: name.replace(/^%/, ''),
        kind: kind?.endsWith('func') ? 'function' : 'interface',
      };
      if (kind === 'interface') item.functions = [];
      items.push(item);
      current = kind === 'interface' ? item : undefined;
    } else if (current?.functions && depth === 2) {
      const r = /^resource (%?[a-z0-9-]+)/.exec(line);
      if (r) resource = r[1]?.replace(/^%/, '');
      const f = /^(%?[a-z0-9-]+): (?:async )?func/.exec(line);
      if (f) current.functions.push(f[1]!.replace(/^%/, ''));
    } else if (current?.functions && depth === 3 && resource) {
      if (line.startsWith('constructor(')) current.functions.push(`${resource}.constructor`);
      const f = /^(%?[a-z0-9-]+): (?:static )?(?:async )?func/.exec(line);
      if (f) current.functions.push(`${resource}.${f[1]!.replace(/^%/, '')}`);
    }
  }
  return items;
}
