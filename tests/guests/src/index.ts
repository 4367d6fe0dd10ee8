import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The guest components built by `npm run build:guests` (never committed):
 * - `echo`: world `airssys:core/component` in hand-written WAT; `handle-message` returns a copy of the payload
 *   and first calls host `log` when the payload is one byte long.
 * - `hostile`: world `airssys:test-guests/hostile`: `spin`, `hog`, `hog-trap`, `boom`, `recurse`, `add`, `echo`.
 * - `tiny`: world `airssys:test-guests/tiny`: `ping() -> u32` returns 42; no memory, no imports.
 * - `relay`: world `airssys:core/component` in WAT, importing only `host-messaging.send`: a payload `>rest`
 *   is sent on to `bench/sink`, a request is answered with a copy of its payload, anything else is counted.
 * - `ts-echo`: world `airssys:core/component` in TypeScript via componentize-js (about 12 MB).
 * - `ts-actor`: world `airssys:core/component` in TypeScript (about 12 MB); one binary whose role follows
 *   its component name (`billing`, `intake`, `subscriber`, `crasher`, `flaky-health`, `spinner`, `storer`,
 *   else `default`). See the README for what each role does.
 */
export const GUESTS = ['echo', 'hostile', 'relay', 'tiny', 'ts-actor', 'ts-echo'] as const;

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
  /** `self-id` as `namespace/name` (picks the role of `ts-actor`). @default 'test/guest' */
  self?: string;
  /** Replaces single functions, e.g. `{ 'airssys:core/storage@1.0.0': { get: () => { throw … } } }`. */
  override?: Record<string, Record<string, unknown>>;
}

/**
 * Plain-object host imports for the airssys world (`host-services`, `storage`, `host-messaging`), enough to
 * run the `echo`, `relay`, `ts-echo` and `ts-actor` guests directly on the runtime in tests, benchmarks and
 * the demo.
 */
export function airssysHostStub(options: HostStubOptions = {}): Record<string, Record<string, unknown>> {
  const logs = options.logs ?? [];
  const store = options.store ?? new Map<string, Uint8Array>();
  const [namespace = 'test', name = 'guest'] = (options.self ?? 'test/guest').split('/');
  const imports: Record<string, Record<string, unknown>> = {
    'airssys:core/host-services@1.0.0': {
      log: (level: string, line: string) => void logs.push(`${level}:${line}`),
      currentTimeMs: () => 1_700_000_000_000n,
      listComponents: () => [],
      getComponentMetadata: () => undefined,
    },
    'airssys:core/storage@1.0.0': storageStub(store),
    'airssys:core/host-messaging@1.0.0': {
      send: () => {},
      request: () => 'stub-correlation',
      cancelRequest: () => {},
      broadcast: () => 0,
      publish: () => {},
      selfId: () => ({ namespace, name, instance: '0' }),
    },
  };
  for (const [iface, members] of Object.entries(options.override ?? {})) {
    imports[iface] = { ...imports[iface], ...members };
  }
  return imports;
}

/** The `airssys:core/storage` functions over a Map, for host stubs in tests. */
export function storageStub(store: Map<string, Uint8Array>): Record<string, (...args: never[]) => unknown> {
  return {
    get: (key: string) => store.get(key),
    set: (key: string, value: Uint8Array) => void store.set(key, value),
    delete: (key: string) => store.delete(key),
    exists: (key: string) => store.has(key),
    listKeys: (prefix: string) => [...store.keys()].filter((k) => k.startsWith(prefix)).sort(),
    usage: () => ({
      bytes: BigInt([...store.values()].reduce((n, v) => n + v.length, 0)),
      keys: BigInt(store.size),
    }),
  };
}
