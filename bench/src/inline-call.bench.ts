// Inline call of the echo guest with a 64-byte payload: airssys vs bare jco glue vs the raw core-wasm floor.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRuntime } from '@airssys/runtime';
import { transpile } from '@bytecodealliance/jco';
import { echoImports, echoMessage, emit, HANDLE, LIFECYCLE, readGuest } from './common.js';
import { median, type Row, timeEach, timeSync } from './harness.js';

const ITER = 200_000;
const bytes = readGuest('echo');
const msg = echoMessage(64);

// Bare jco glue: exactly what jco 1.13.0 emits, instantiated by hand.
const { files } = await transpile(bytes, { name: 'bare', instantiation: 'sync', nodejsCompat: false });
const glueText = new TextDecoder()
  .decode(files['bare.js'])
  .replace(/^export function instantiate\(/m, 'function instantiate(');
const instantiateBare = new Function(`${glueText}\nreturn instantiate;`)();
const bareModules: Record<string, WebAssembly.Module> = {};
for (const [name, content] of Object.entries(files))
  if (name.endsWith('.wasm'))
    bareModules[name] = await WebAssembly.compile(content as Uint8Array<ArrayBuffer>);
const bare = instantiateBare((n: string) => bareModules[n], {
  'airssys:core/host-services': echoImports['airssys:core/host-services@1.0.0'],
});
const bareHandle = bare[LIFECYCLE].handleMessage as (m: unknown) => Uint8Array;

// Raw floor: the core module called directly, lowering and lifting by hand with the cheapest copies.
const coreName = Object.keys(bareModules).find((n) =>
  WebAssembly.Module.exports(bareModules[n]!).some((e) => e.name.includes('handle-message')),
)!;
const decoder = new TextDecoder();
let logged = 0;
const rawLog = (line: string) => {
  logged += line.length;
};
const core = new WebAssembly.Instance(bareModules[coreName]!, {
  // Like the glue, lift the log line to a JS string before handing it to the host.
  'cm32p2|airssys:core/host-services@1': {
    log: (_level: number, ptr: number, len: number) =>
      rawLog(decoder.decode(new Uint8Array(memory.buffer, ptr, len))),
  },
});
const ex = core.exports as Record<string, (...a: number[]) => number> & Record<string, WebAssembly.Memory>;
const name = (part: string) => Object.keys(ex).find((k) => k.endsWith(part))!;
const rawHandle = ex[name('|handle-message')]! as unknown as (...a: number[]) => number;
const rawPost = ex[name('|handle-message_post')]! as unknown as (p: number) => void;
const realloc = ex[name('_realloc')]! as unknown as (a: number, b: number, c: number, d: number) => number;
const memory = ex[name('_memory')]! as unknown as WebAssembly.Memory;
const encoder = new TextEncoder();
function rawCall(payload: Uint8Array): Uint8Array {
  // Lower the sender string as cheaply as possible: encode straight into guest memory.
  const s = realloc(0, 0, 1, 4);
  encoder.encodeInto('host', new Uint8Array(memory.buffer, s, 4));
  const p = realloc(0, 0, 1, payload.length);
  new Uint8Array(memory.buffer, p, payload.length).set(payload);
  const ret = rawHandle(s, 4, p, payload.length, 0, 0, 0, 0, 0, 0);
  const view = new DataView(memory.buffer);
  const out = new Uint8Array(
    memory.buffer,
    view.getInt32(ret + 8, true),
    view.getInt32(ret + 12, true),
  ).slice();
  rawPost(ret);
  return out;
}
if (rawCall(msg.payload).length !== 64) throw new Error('raw floor does not echo');

const runtime = createRuntime({ cacheDir: mkdtempSync(join(tmpdir(), 'bench-')) });
const instance = await (await runtime.load(bytes)).instantiate({ imports: echoImports });
const direct = (instance.exports![LIFECYCLE] as Record<string, (m: unknown) => Uint8Array>).handleMessage!;
if (direct(msg).length !== 64 || bareHandle(msg).length !== 64) throw new Error('echo does not echo');

await sleep(1500); // let V8's background tier-up after jco's tooling settle (notes §1)
// Alternate the cases round by round so that drift on the shared VM hits each of them alike.
const rounds = { floor: [] as number[], bare: [] as number[], exports: [] as number[] };
for (let round = 0; round < 7; round++) {
  rounds.floor.push(timeSync(() => rawCall(msg.payload), ITER / 4, 3));
  rounds.bare.push(timeSync(() => bareHandle(msg), ITER / 4, 3));
  rounds.exports.push(timeSync(() => direct(msg), ITER / 4, 3));
}
const floor = median(rounds.floor);
const bareNs = median(rounds.bare);
const exportsNs = median(rounds.exports);
const callNs = await timeEach(() => instance.call(HANDLE, msg), 20_000, 2000);
const one = echoMessage(1);
const withImport = timeSync(() => direct(one), ITER);
const rawOne = timeSync(() => rawCall(one.payload), ITER);

const rows: Row[] = [
  { group: 'inline call, echo 64 B', case: 'raw core wasm (floor)', value: floor, unit: 'ns' },
  {
    group: 'inline call, echo 64 B',
    case: 'bare jco 1.13.0 glue',
    value: bareNs,
    unit: 'ns',
    baseline: 'raw core wasm (floor)',
  },
  {
    group: 'inline call, echo 64 B',
    case: 'airssys `instance.exports` (sync)',
    value: exportsNs,
    unit: 'ns',
    baseline: 'raw core wasm (floor)',
    target: '≤ 1.5×',
  },
  {
    group: 'inline call, echo 64 B',
    case: 'airssys `instance.call()` (Promise)',
    value: callNs,
    unit: 'ns',
    baseline: 'raw core wasm (floor)',
  },
  {
    group: 'inline call, echo 64 B',
    case: 'raw core wasm, 1 B payload (guest calls host `log`)',
    value: rawOne,
    unit: 'ns',
  },
  {
    group: 'inline call, echo 64 B',
    case: 'airssys `instance.exports`, 1 B payload + host import',
    value: withImport,
    unit: 'ns',
    baseline: 'raw core wasm, 1 B payload (guest calls host `log`)',
  },
];
if (logged === 0) throw new Error('raw floor never logged');
emit(rows);
