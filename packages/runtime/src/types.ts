import type { WasiOptions } from './wasi/index.js';

/** Where a component instance runs. */
export type IsolationMode = 'inline' | 'worker';

/** Host functions (and, inline only, resource classes) keyed by interface name, e.g. `test:strings/host@0.1.0`. */
export type HostImports = Record<string, Record<string, unknown>>;

/** Limits applied to one instance. */
export interface InstanceLimits {
  /** Cap on every linear memory, in bytes or as a size string like `16MiB`. @default 256 MiB */
  memory?: number | string;
  /** Deadline for one export call; pre-empts only in `worker` isolation. */
  timeoutMs?: number;
}

/** Options of {@link LoadedComponent.instantiate}. */
export interface InstantiateOptions {
  /** Host imports; the same object works inline and in a worker (functions only in a worker). */
  imports?: HostImports;
  /** WASI 0.2 configuration for this instance, or `false` to give the component no WASI at all. */
  wasi?: WasiOptions | false;
  limits?: InstanceLimits;
  /** @default 'inline' */
  isolation?: IsolationMode;
  /** The component id used in errors and logs. @default the short hash */
  componentId?: string;
}

/** Lifecycle of an instance. */
export type InstanceState = 'ready' | 'poisoned' | 'disposed';

/** One running instance of a component. */
export interface ComponentInstance {
  readonly isolation: IsolationMode;
  readonly state: InstanceState;
  /** The lifted exports for direct synchronous calls; only inline instances have them. */
  readonly exports: Record<string, unknown> | undefined;
  /** Call an export: `"name"` for a world function, `"<interface>#<function>"` for an interface function. */
  call(exportName: string, ...args: unknown[]): Promise<unknown>;
  /**
   * Inline instances only: call an export and return its result on the spot, or throw the `WasmError` that
   * `call` would reject with. Saves the promise and the microtask turn of `call` on hot paths.
   */
  callSync?(exportName: string, ...args: unknown[]): unknown;
  /** Release the instance; later calls fail with `INSTANCE_DISPOSED`. */
  dispose(): Promise<void>;
}

/** An import of a component: an interface (unversioned, as the glue looks it up) and the members it uses. */
export interface ComponentImport {
  name: string;
  members: string[];
}

/** An export of a component: a world-level function or an interface. */
export interface ComponentExport {
  name: string;
  kind: 'function' | 'interface';
}

/** A component that was validated, transpiled and compiled; instantiate it as often as needed. */
export interface LoadedComponent {
  /** sha-256 hex of the component bytes. */
  readonly hash: string;
  readonly imports: readonly ComponentImport[];
  readonly exports: readonly ComponentExport[];
  /** Size of the component binary in bytes. */
  readonly size: number;
  instantiate(options?: InstantiateOptions): Promise<ComponentInstance>;
}

/** Options of {@link createRuntime}. */
export interface RuntimeOptions {
  /** Folder for transpiled components, or `false` for memory only. @default `.airssys/cache` under the working directory */
  cacheDir?: string | false;
  /** Receives guest stdout/stderr lines when an instance gives no callback. @default process stderr */
  log?: (line: string) => void;
  /** Guest workers kept booted so a worker instance starts in milliseconds; 0 turns the pool off. @default 1 */
  warmWorkers?: number;
  /**
   * Bytes of linear memory kept from disposed inline instances, zeroed, for the next instances of the same
   * component shape; 0 turns recycling off. Spawning small guests is several times faster with it.
   * @default 32 MiB
   */
  memoryPoolBytes?: number;
}

/** Loads components and keeps their transpiled and compiled forms. */
export interface Runtime {
  readonly cacheDir: string | undefined;
  /** Load a component from bytes or a file path. */
  load(source: Uint8Array | string): Promise<LoadedComponent>;
  /** Counters of what the caches did. */
  stats(): RuntimeStats;
}

/** What the runtime's caches did so far. */
export interface RuntimeStats {
  transpiled: number;
  diskHits: number;
  memoryHits: number;
  /** Inline instances that started on a recycled (zeroed) linear memory instead of a fresh one. */
  memoriesRecycled: number;
}
