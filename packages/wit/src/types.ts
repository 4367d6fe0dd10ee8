/** One import or export of a component, as its world names it. */
export interface ComponentItem {
  /** An interface id such as `wasi:cli/stdout@0.2.3`, or a plain name such as `test-file-read`. */
  name: string;
  /** `interface` for an instance (named or inline), `function` for a world-level function. */
  kind: 'interface' | 'function';
  /**
   * For an interface, its function names in declaration order; resource functions appear as
   * `resource.method`, `resource.constructor` and `resource.static-name`. For a function, `[name]`.
   */
  functions: string[];
}

/** What `inspectComponent` reports. */
export interface ComponentInspection {
  /** The component's world as WIT text, printed by jco (`package root:component; world root { … }`). */
  worldText: string;
  imports: ComponentItem[];
  exports: ComponentItem[];
}

/** What `checkWorld` reports about a component against a world. */
export interface WorldCheck {
  /** True when every export the world requires is present. */
  ok: boolean;
  /** The world checked against, fully qualified: `airssys:core/component@1.0.0`. */
  world: string;
  /** Required exports the component lacks, as `interface#function` or a world-level function name. */
  missingExports: string[];
  /** Imports the world does not provide: whole interfaces (`wasi:cli/stdout@0.2.3`) or `interface#function`. */
  extraImports: string[];
  /** The component's own imports and exports. */
  inspection: ComponentInspection;
}

/** One WIT package shipped with this package. */
export interface WitPackage {
  /** The package id, for example `airssys:core@1.0.0`. */
  name: string;
  /** Absolute path of the package's folder (the one to give jco or componentize-js as `witPath`). */
  path: string;
  /** The package's own `.wit` files, relative to `path` (copies under `deps/` are not listed). */
  files: string[];
  /** The worlds the package defines, by plain name. */
  worlds: string[];
}

/** WIT to validate: a file or folder on disk, or source text. */
export type WitInput = { path: string | URL } | { source: string };

/** One world of a validated WIT package, as jco resolved it. */
export interface WitWorld {
  /** The world's plain name, for example `component`. */
  name: string;
  /** What a component of this world imports, including interfaces pulled in through `use`. */
  imports: ComponentItem[];
  /** What a component of this world exports. */
  exports: ComponentItem[];
}

/** What `validateWit` reports. */
export interface WitValidation {
  /** The package id from the `package` declaration, for example `airssys:core@1.0.0`. */
  packageName: string;
  worlds: WitWorld[];
}
