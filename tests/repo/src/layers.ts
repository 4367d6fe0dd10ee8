import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * The layer table of DESIGN.md "Packages and layers": a package may import only packages of lower layers.
 * Keyed by package name, or by workspace folder for apps whose package name is not part of the design.
 */
export const LAYERS: Readonly<Record<string, number>> = Object.freeze({
  '@airssys/core': 0,
  '@airssys/wit': 1,
  '@airssys/security-capability': 1,
  '@airssys/security-trust': 1,
  '@airssys/quota': 1,
  '@airssys/audit': 1,
  '@airssys/storage': 1,
  '@airssys/broker': 1,
  '@airssys/runtime': 2,
  '@airssys/actor': 3,
  '@airssys/host': 4,
  '@airssys/guest': 4,
  '@airssys/cli': 5,
  'apps/playground': 6,
});

/** Folders whose children are layered workspaces. */
export const LAYERED_FOLDERS = ['packages', 'apps'] as const;

/** Extensions of the source files that are scanned for imports. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** One source file of a workspace; `path` is relative to the repository root, with `/`. */
export interface SourceFile {
  path: string;
  text: string;
}

/** What the checker needs to know about a workspace. */
export interface Workspace {
  name: string;
  /** Folder relative to the repository root, for example `packages/core`. */
  dir: string;
  dependencies: Readonly<Record<string, string>>;
  peerDependencies: Readonly<Record<string, string>>;
  sources: readonly SourceFile[];
}

/** One broken rule; `file`, `line` and `specifier` are set when an import broke it. */
export interface Violation {
  package: string;
  file?: string;
  line?: number;
  specifier?: string;
  message: string;
}

/** An import, export-from, dynamic import or require specifier and its 1-based line. */
export interface ImportRef {
  specifier: string;
  line: number;
}

/** Every module specifier in `text`, ignoring comments and strings (TypeScript's own pre-processor). */
export function findImports(text: string): ImportRef[] {
  const info = ts.preProcessFile(text, true, true);
  const lineOf = (pos: number) => text.slice(0, pos).split('\n').length;
  return info.importedFiles.map((ref) => ({ specifier: ref.fileName, line: lineOf(ref.pos) }));
}

/** `@airssys/core/testing` → `@airssys/core`; undefined for anything outside `@airssys/`. */
export function airssysPackageOf(specifier: string): string | undefined {
  if (!specifier.startsWith('@airssys/')) return undefined;
  return specifier.split('/').slice(0, 2).join('/');
}

/** Checks the layering rules and returns every violation; an empty list means the layering holds. */
export function checkLayers(workspaces: readonly Workspace[], table = LAYERS): Violation[] {
  const violations: Violation[] = [];
  const layerOf = new Map<string, number>();
  for (const ws of workspaces) {
    const layer = table[ws.name] ?? table[ws.dir];
    if (layer !== undefined) layerOf.set(ws.name, layer);
  }
  const targetLayer = (name: string) => layerOf.get(name) ?? table[name];

  for (const ws of workspaces) {
    const own = layerOf.get(ws.name);
    if (own === undefined) {
      violations.push({
        package: ws.name,
        message: `workspace \`${ws.dir}\` (\`${ws.name}\`) is not in the layer table (DESIGN.md); add it to LAYERS in tests/repo/src/layers.ts`,
      });
    }
    const declared = { ...ws.dependencies, ...ws.peerDependencies };
    // `subject` is how the rule is broken, e.g. "imports `@airssys/host/x` (package `@airssys/host`)".
    const checkTarget = (target: string, where: Omit<Violation, 'package' | 'message'>, subject: string) => {
      const layer = targetLayer(target);
      if (layer === undefined) {
        violations.push({
          package: ws.name,
          ...where,
          message: `${subject}, which is not in the layer table`,
        });
      } else if (own !== undefined && layer >= own) {
        const self = target === ws.name ? ' (itself)' : '';
        violations.push({
          package: ws.name,
          ...where,
          message: `${subject}${self} of layer ${layer}, but a layer-${own} package may only depend on lower layers`,
        });
      }
    };

    for (const dep of Object.keys(declared)) {
      if (airssysPackageOf(dep) === undefined) continue;
      checkTarget(dep, { file: `${ws.dir}/package.json` }, `depends on \`${dep}\``);
    }
    for (const file of ws.sources) {
      for (const { specifier, line } of findImports(file.text)) {
        const target = airssysPackageOf(specifier);
        if (target === undefined) continue;
        const where = { file: file.path, line, specifier };
        const subject = specifier === target ? `\`${target}\`` : `\`${specifier}\` (package \`${target}\`)`;
        checkTarget(target, where, `imports ${subject}`);
        if (target !== ws.name && declared[target] === undefined) {
          violations.push({
            package: ws.name,
            ...where,
            message: `imports \`${specifier}\`, but \`${target}\` is not in the \`dependencies\` (or \`peerDependencies\`) of ${ws.dir}/package.json`,
          });
        }
      }
    }
  }
  return violations;
}

/** One line per violation: package, file:line, specifier and the rule. */
export function formatViolation(violation: Violation): string {
  const at =
    violation.file === undefined
      ? ''
      : ` ${violation.file}${violation.line === undefined ? '' : `:${violation.line}`}`;
  return `${violation.package}${at}: ${violation.message}`;
}

function listSources(root: string, dir: string): SourceFile[] {
  if (!existsSync(dir)) return [];
  const files: SourceFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') files.push(...listSources(root, full));
    } else if (entry.isFile() && SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
      files.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Reads every workspace under `packages/*` and `apps/*` of the repository at `root`, with its `src/` files. */
export function loadWorkspaces(root: string): Workspace[] {
  const workspaces: Workspace[] = [];
  for (const folder of LAYERED_FOLDERS) {
    const base = join(root, folder);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const dir = join(base, entry.name);
      const manifestPath = join(dir, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        name?: string;
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      const rel = `${folder}/${entry.name}`;
      workspaces.push({
        name: manifest.name ?? rel,
        dir: rel,
        dependencies: manifest.dependencies ?? {},
        peerDependencies: manifest.peerDependencies ?? {},
        sources: listSources(root, join(dir, 'src')),
      });
    }
  }
  return workspaces.sort((a, b) => a.dir.localeCompare(b.dir));
}
