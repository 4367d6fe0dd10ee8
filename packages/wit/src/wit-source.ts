// Lexical look-ups in WIT source: enough to list a package's name and worlds before jco resolves it.

/** The source with `//` and `/* … *\/` comments blanked out (offsets and line numbers are kept). */
export function stripComments(source: string): string {
  return source.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
}

/** The id in the source's `package ns:name@version;` declaration, if it has one. */
export function packageNameOf(source: string): string | undefined {
  return /^\s*package\s+([^\s;{]+)\s*;/m.exec(stripComments(source))?.[1];
}

/** The names of the worlds declared at the top level of the source (not inside nested `package { }` blocks). */
export function worldNamesOf(source: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const match of stripComments(source).matchAll(/[{}]|\bworld\s+%?([a-z][a-z0-9-]*)/g)) {
    if (match[0] === '{') depth++;
    else if (match[0] === '}') depth--;
    else if (depth === 0 && match[1]) names.push(match[1]);
  }
  return names;
}
