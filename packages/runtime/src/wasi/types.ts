// The public options and result of `createWasi`.

/** A host directory made visible to the guest. */
export interface WasiPreopen {
  /** The host directory; a relative path resolves from the process's working directory. */
  hostPath: string;
  /** Refuse every change under it (write, create, delete, rename, set-size, set-times). @default false */
  readonly?: boolean;
}

/** What one component instance may see of the host. Everything defaults to nothing. */
export interface WasiOptions {
  /** Environment variables. @default {} (never the host's `process.env`) */
  env?: Record<string, string>;
  /** Command-line arguments. @default [] */
  args?: string[];
  /** `wasi:cli/environment.initial-cwd`. @default undefined */
  cwd?: string;
  /** Guest path → host directory. @default {} (no filesystem at all) */
  preopens?: Record<string, string | WasiPreopen>;
  /** Receives each write to stdout. @default drop */
  stdout?: (bytes: Uint8Array) => void;
  /** Receives each write to stderr. @default drop */
  stderr?: (bytes: Uint8Array) => void;
  /** The whole of stdin. @default empty (end of stream at once) */
  stdin?: Uint8Array;
  /** Wall clock, in nanoseconds since the epoch. @default the real clock */
  now?: () => bigint;
  /** Monotonic clock, in nanoseconds. @default process.hrtime.bigint */
  monotonicNow?: () => bigint;
  /** Source of random bytes, for `wasi:random/*`. @default node:crypto randomBytes */
  randomBytes?: (n: number) => Uint8Array;
}

/** The WASI imports of one component instance, and what it did with them. */
export interface WasiHost {
  /** Import objects by interface name without version (`wasi:cli/stdout`), as jco 1.13 glue reads them. */
  imports: Record<string, Record<string, unknown>>;
  /** The status passed to `wasi:cli/exit`, once the guest has called it. */
  exitCode: number | undefined;
  /** Closes every file the guest still holds open; later filesystem calls fail with `bad-descriptor`. */
  dispose(): void;
}
