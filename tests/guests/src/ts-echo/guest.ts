// `ts-echo`: an airssys component written in TypeScript, built with componentize-js (world `airssys:core/component`).
//
// componentize-js maps `result<T, E>` exports the jco way: return the `ok` value, throw the `err` value.
// Throw only plain values (a `ComponentError` object): throwing an `Error` instance traps the instance.
import type * as Lifecycle from 'airssys:core/component-lifecycle@1.0.0';
import type { ComponentError, StorageError } from 'airssys:core/errors@1.0.0';
import { currentTimeMs, log } from 'airssys:core/host-services@1.0.0';
import { get, set } from 'airssys:core/storage@1.0.0';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** The `err` arm of a lifecycle export. */
function fail(error: ComponentError): never {
  throw error;
}

/** A host import that returns `err` throws an object whose `payload` is the error. */
function storageFailure(e: unknown): never {
  const payload = (e as { payload?: StorageError } | undefined)?.payload;
  fail({
    tag: 'internal',
    val: payload ? `storage ${payload.tag}: ${payload.val}` : `storage: ${String(e)}`,
  });
}

/**
 * Allocates 1 MiB blocks until the engine runs out of memory. SpiderMonkey throws the string
 * `out of memory`; it is turned into a `component-error` here, since a bare string is no valid `err`
 * for this world and would trap the instance instead.
 */
function hog(): never {
  try {
    const hoard: Uint8Array[] = [];
    for (;;) {
      const block = new Uint8Array(1 << 20);
      block[0] = hoard.length & 0xff;
      hoard.push(block);
    }
  } catch (e) {
    fail({ tag: 'internal', val: String(e) });
  }
}

function reply(text: string): Uint8Array {
  if (text === 'ping') return utf8('pong');
  if (text === 'time') return utf8(currentTimeMs().toString());
  if (text === 'hog') hog();
  if (text === 'fail') fail({ tag: 'internal', val: 'asked to fail' });
  if (text === 'throw') throw new Error('boom');
  if (text.startsWith('log:')) {
    log('info', text.slice(4));
    return utf8('logged');
  }
  if (text.startsWith('store:')) {
    const body = text.slice(6);
    const eq = body.indexOf('=');
    if (eq < 0) fail({ tag: 'invalid-input', val: 'expected `store:<key>=<value>`' });
    try {
      set(body.slice(0, eq), utf8(body.slice(eq + 1)));
    } catch (e) {
      storageFailure(e);
    }
    return utf8('ok');
  }
  if (text.startsWith('load:')) {
    let value: Uint8Array | undefined;
    try {
      value = get(text.slice(5));
    } catch (e) {
      storageFailure(e);
    }
    return value ?? utf8('missing');
  }
  return utf8([...text].reverse().join(''));
}

export const componentLifecycle: typeof Lifecycle = {
  initialize() {},
  handleMessage(msg) {
    return reply(decoder.decode(msg.payload));
  },
  handleCallback() {},
  metadata() {
    return {
      name: 'ts-echo',
      version: '1.0.0',
      description: 'Answers ping, log, time, store and load commands; reverses anything else',
    };
  },
  health() {
    return 'healthy';
  },
  shutdown() {},
};
