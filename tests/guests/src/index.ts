import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The guest components built by `npm run build:guests` (never committed):
 * - `echo`: world `airssys:core/component` in hand-written WAT; `handle-message` returns a copy of the payload
 *   and first calls host `log` when the payload is one byte long.
 * - `hostile`: world `airssys:test-guests/hostile`: `spin`, `hog`, `hog-trap`, `boom`, `recurse`, `add`, `echo`.
 * - `tiny`: world `airssys:test-guests/tiny`: `ping() -> u32` returns 42; no memory, no imports.
 * - `ts-echo`: world `airssys:core/component` in TypeScript via componentize-js (about 12 MB).
 */
export const GUESTS = ['echo', 'hostile', 'tiny', 'ts-echo'] as const;

/** The name of one built guest. */
export type GuestName = (typeof GUESTS)[number];

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** Absolute path of `dist/<name>.wasm`; throws when the guest is unknown or has not been built. */
export function guestPath(name: GuestName): string {
  if (!(GUESTS as readonly string[]).includes(name)) {
    throw new Error(
      `Unknown guest \`${name}\`; expected one of ${GUESTS.map((g) => `\`${g}\``).join(', ')}.`,
    );
  }
  const path = join(DIST, `${name}.wasm`);
  if (!existsSync(path)) {
    throw new Error(`Guest \`${name}\` is not built (no \`${path}\`); run \`npm run build:guests\` first.`);
  }
  return path;
}

/** The component bytes of a built guest. */
export function readGuest(name: GuestName): Uint8Array {
  return readFileSync(guestPath(name));
}

/** What {@link airssysHostStub} records. */
export interface HostStubOptions {
  /** Receives `level:message` for each `host-services.log` call. */
  logs?: string[];
  /** Backs `storage`; a fresh Map when omitted. */
  store?: Map<string, Uint8Array>;
  /** Replaces single functions, e.g. `{ 'airssys:core/storage@1.0.0': { get: () => { throw … } } }`. */
  override?: Record<string, Record<string, unknown>>;
}

/**
 * Plain-object host imports for the airssys world (`host-services`, `storage`, `host-messaging`), enough to
 * run the `echo` and `ts-echo` guests directly on the runtime in tests, benchmarks and the demo.
 */
export function airssysHostStub(options: HostStubOptions = {}): Record<string, Record<string, unknown>> {
  const logs = options.logs ?? [];
  const store = options.store ?? new Map<string, Uint8Array>();
  const imports: Record<string, Record<string, unknown>> = {
    'airssys:core/host-services@1.0.0': {
      log: (level: string, line: string) => void logs.push(`${level}:${line}`),
      currentTimeMs: () => 1_700_000_000_000n,
      listComponents: () => [],
      getComponentMetadata: () => undefined,
    },
    'airssys:core/storage@1.0.0': {
      get: (key: string) => store.get(key),
      set: (key: string, value: Uint8Array) => void store.set(key, value),
      delete: (key: string) => store.delete(key),
      exists: (key: string) => store.has(key),
      listKeys: (prefix: string) => [...store.keys()].filter((k) => k.startsWith(prefix)).sort(),
      usage: () => ({
        bytes: BigInt([...store.values()].reduce((n, v) => n + v.length, 0)),
        keys: BigInt(store.size),
      }),
    },
    'airssys:core/host-messaging@1.0.0': {
      send: () => {},
      request: () => 'stub-correlation',
      cancelRequest: () => {},
      broadcast: () => 0,
      publish: () => {},
      selfId: () => ({ namespace: 'test', name: 'guest', instance: '0' }),
    },
  };
  for (const [iface, members] of Object.entries(options.override ?? {})) {
    imports[iface] = { ...imports[iface], ...members };
  }
  return imports;
}
