// What the guest tests share: jco-transpiled guests (cached on disk), a fake host, message helpers.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transpile } from '@bytecodealliance/jco';
import { type GuestName, readGuest, storageStub } from '../src/index.js';

// Node has WebAssembly; lib ES2023 without DOM does not declare it.
declare const WebAssembly: { Module: new (bytes: Uint8Array) => object };

export type Imports = Record<string, Record<string, (...args: never[]) => unknown>>;
export interface Message {
  sender: string;
  payload: Uint8Array;
  correlationId?: string;
  topic?: string;
}
/** The `component-lifecycle` exports as jco 1.13.0 glue presents them (`err` arrives as a thrown `payload`). */
export interface Lifecycle {
  initialize(config: [string, string][]): void;
  handleMessage(msg: Message): Uint8Array | undefined;
  handleCallback(correlationId: string, outcome: { tag: 'ok' | 'err'; val: unknown }): void;
  metadata(): { name: string; version: string; description: string };
  health(): string;
  shutdown(): void;
}
export interface AirssysGuest {
  componentLifecycle: Lifecycle;
}
export interface HostileGuest {
  boom(): void;
  recurse(depth: number): number;
  add(a: number, b: number): number;
  echo(bytes: Uint8Array): Uint8Array;
}
export interface TinyGuest {
  ping(): number;
}
interface Glue<T> {
  instantiate(getCoreModule: (name: string) => object, imports: Imports): T;
}

export const enc = new TextEncoder();
export const dec = new TextDecoder();
/** jco's own package.json (its `exports` map hides it), found from its entry point `src/api.js`. */
const JCO_PACKAGE = join(
  createRequire(import.meta.url).resolve('@bytecodealliance/jco'),
  '../../package.json',
);
const JCO_VERSION = (JSON.parse(readFileSync(JCO_PACKAGE, 'utf8')) as { version: string }).version;
const TRANSPILED = fileURLToPath(new URL('../.cache/transpiled/', import.meta.url));
mkdirSync(TRANSPILED, { recursive: true });

/**
 * Transpiles a built guest with jco 1.13.0 (sync instantiation) and returns a factory of fresh instances.
 * The output is kept in `.cache/transpiled/<name>-<hash>/` (older builds of the guest are removed): a 12 MB
 * guest takes 6–15 s to transpile.
 */
export async function loadGuest<T>(name: GuestName): Promise<(imports: Imports) => T> {
  const bytes = readGuest(name);
  const hash = createHash('sha256').update(bytes).update(`jco@${JCO_VERSION}/sync`).digest('hex');
  const dir = join(TRANSPILED, `${name}-${hash.slice(0, 32)}`);
  if (!existsSync(join(dir, 'g.mjs'))) {
    const { files } = await transpile(bytes, { name: 'g', instantiation: 'sync', nodejsCompat: false });
    const tmp = mkdtempSync(`${dir}.tmp-`);
    for (const [file, content] of Object.entries(files)) {
      if (!file.includes('/')) writeFileSync(join(tmp, file.replace(/\.js$/, '.mjs')), content);
    }
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another run got there first
    }
    for (const old of readdirSync(TRANSPILED)) {
      if (new RegExp(`^${name}-[0-9a-f]{32}$`).test(old) && join(TRANSPILED, old) !== dir) {
        rmSync(join(TRANSPILED, old), { recursive: true, force: true });
      }
    }
  }
  const glue = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'g.mjs')).href)) as Glue<T>;
  const modules = new Map<string, object>();
  const getCoreModule = (file: string) =>
    modules.get(file) ?? modules.set(file, new WebAssembly.Module(readFileSync(join(dir, file)))).get(file)!;
  return (imports) => glue.instantiate(getCoreModule, imports);
}

/** Host imports of the airssys world, backed by plain arrays and a Map; `self` is the `self-id`. */
export function fakeHost(self = 'local/guest') {
  const logs: [string, string][] = [];
  const store = new Map<string, Uint8Array>();
  /** Every `host-messaging` call but `self-id`, payloads decoded as utf-8. */
  const calls: unknown[][] = [];
  /** Targets and topics the host refuses with `denied`. */
  const denied = new Set<string>();
  const refuse = (what: string) => {
    if (denied.has(what)) throw { tag: 'denied', val: what };
  };
  const [namespace, name] = self.split('/');
  const imports: Imports = {
    'airssys:core/host-services': {
      log: (level: string, message: string) => void logs.push([level, message]),
      currentTimeMs: () => 1_700_000_000_123n,
      listComponents: () => [],
      getComponentMetadata: () => undefined,
    },
    'airssys:core/storage': {
      ...storageStub(store),
      set: (key: string, value: Uint8Array) => {
        if (key.startsWith('secret/')) throw { tag: 'denied', val: `write:${key}` };
        if (store.size >= 4 && !store.has(key)) throw { tag: 'quota-exceeded', val: 'at most 4 keys' };
        store.set(key, value);
      },
    },
    'airssys:core/host-messaging': {
      send: (target: string, payload: Uint8Array) => {
        calls.push(['send', target, dec.decode(payload)]);
        refuse(target);
      },
      request: (target: string, payload: Uint8Array, timeoutMs: number) => {
        calls.push(['request', target, dec.decode(payload), timeoutMs]);
        refuse(target);
        return `corr-${calls.length}`;
      },
      cancelRequest: (id: string) => void calls.push(['cancel-request', id]),
      broadcast: () => 0,
      publish: (topic: string, payload: Uint8Array) => {
        calls.push(['publish', topic, dec.decode(payload)]);
        refuse(topic);
      },
      selfId: () => ({ namespace, name, instance: '' }),
    },
  };
  return { logs, store, calls, denied, imports };
}

export const message = (payload: string | Uint8Array, extra: Partial<Message> = {}): Message => ({
  sender: 'host',
  payload: typeof payload === 'string' ? enc.encode(payload) : payload,
  ...extra,
});

/** The `err` of a lifecycle call (jco throws it with `payload`); fails the test when the call succeeds. */
export function errOf(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return (e as { payload?: unknown }).payload;
  }
  throw new Error('expected the call to return err');
}
