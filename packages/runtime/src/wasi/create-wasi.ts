// createWasi: the WASI 0.2 imports of one component instance, built from its options and nothing else.

import { createCliInterfaces } from './cli.js';
import { createClockInterfaces } from './clocks.js';
import { createFsContext } from './file-handle.js';
import { createFilesystemInterfaces, openPreopens } from './filesystem.js';
import { createPollInterface } from './poll.js';
import { createRandomInterfaces } from './random.js';
import { createStreamInterfaces } from './streams.js';
import type { WasiHost, WasiOptions } from './types.js';

/** Every interface `createWasi` provides, by name without version (any WASI 0.2.x version maps to it). */
export const WASI_INTERFACES = [
  'wasi:cli/environment',
  'wasi:cli/exit',
  'wasi:cli/stdin',
  'wasi:cli/stdout',
  'wasi:cli/stderr',
  'wasi:cli/terminal-input',
  'wasi:cli/terminal-output',
  'wasi:cli/terminal-stdin',
  'wasi:cli/terminal-stdout',
  'wasi:cli/terminal-stderr',
  'wasi:io/error',
  'wasi:io/poll',
  'wasi:io/streams',
  'wasi:clocks/monotonic-clock',
  'wasi:clocks/wall-clock',
  'wasi:filesystem/types',
  'wasi:filesystem/preopens',
  'wasi:random/random',
  'wasi:random/insecure',
  'wasi:random/insecure-seed',
] as const;

/** A WASI interface name this host provides. */
export type WasiInterfaceName = (typeof WASI_INTERFACES)[number];

/** Strips the version from an import name: `wasi:cli/stdout@0.2.3` → `wasi:cli/stdout`. */
export function unversionedName(name: string): string {
  const at = name.indexOf('@');
  return at === -1 ? name : name.slice(0, at);
}

/** True when `name` (with or without a version) is a WASI interface `createWasi` provides. */
export function isWasiInterface(name: string): boolean {
  return (WASI_INTERFACES as readonly string[]).includes(unversionedName(name));
}

/**
 * Builds the WASI imports for one component instance: only the given env, args, stdio and preopens are
 * reachable. Call it once per instance; nothing is shared between hosts.
 * @example
 * const wasi = createWasi({ preopens: { '/data': { hostPath: dir, readonly: true } }, stdout: log });
 * glue.instantiate(getCoreModule, { ...wasi.imports, ...hostImports });
 */
export function createWasi(options: WasiOptions = {}): WasiHost {
  const ctx = createFsContext();
  const preopens = openPreopens(ctx, options.preopens);
  let exitCode: number | undefined;
  const imports: Record<string, Record<string, unknown>> = {
    ...createCliInterfaces(options, (code) => {
      exitCode = code;
    }),
    ...createStreamInterfaces(),
    'wasi:io/poll': createPollInterface(),
    ...createClockInterfaces({ now: options.now, monotonicNow: options.monotonicNow }),
    ...createFilesystemInterfaces(preopens),
    ...createRandomInterfaces(options.randomBytes),
  };
  return {
    imports,
    get exitCode() {
      return exitCode;
    },
    dispose() {
      ctx.disposed = true;
      for (const handle of [...ctx.handles]) handle.close();
    },
  };
}
