import { Worker } from 'node:worker_threads';
import { WasmError } from './errors.js';
import { camelCase, kebabCase } from './names.js';
import type { ComponentExport, ComponentImport } from './types.js';
import { workerScriptUrl } from './worker-script.js';

/** The exact jco release whose glue this runtime loads (see docs: later releases are 2–4× slower a call). */
export const JCO_VERSION = '1.13.0';
/** Base name jco gives the generated files. */
export const GLUE_NAME = 'component';

/** What a transpile produced, ready to cache. */
export interface TranspiledComponent {
  glue: string;
  coreFiles: Record<string, Uint8Array>;
  imports: ComponentImport[];
  exports: ComponentExport[];
}

interface WorkerReply {
  ok: boolean;
  message?: string;
  files?: Record<string, Uint8Array>;
  imports?: string[];
  exports?: [string, string][];
}

/** Transpile a component with jco in a worker thread, so the host keeps serving meanwhile. */
export async function transpileComponent(bytes: Uint8Array, label: string): Promise<TranspiledComponent> {
  const worker = new Worker(await workerScriptUrl('transpile-worker'), {
    workerData: { bytes, name: GLUE_NAME },
    execArgv: [],
  });
  const reply = await new Promise<WorkerReply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`transpile worker exited with code ${code}`)));
  }).finally(() => void worker.terminate());
  if (!reply.ok || !reply.files) {
    throw new WasmError(
      'INVALID_COMPONENT',
      `Expected \`${label}\` to be a valid component, but jco could not read it: ${firstLine(reply.message)}`,
    );
  }
  const glueBytes = reply.files[`${GLUE_NAME}.js`];
  if (!glueBytes) throw new WasmError('INVALID_COMPONENT', `jco produced no glue for \`${label}\`.`);
  const glue = patchGlue(new TextDecoder().decode(glueBytes));
  const coreFiles: Record<string, Uint8Array> = {};
  for (const [file, content] of Object.entries(reply.files)) {
    if (file.endsWith('.wasm')) coreFiles[file] = content;
  }
  return {
    glue,
    coreFiles,
    imports: requiredImports(glue, reply.imports ?? []),
    exports: exportList(reply.exports ?? []),
  };
}

function firstLine(message: string | undefined): string {
  return (message ?? 'unknown error').split('\n').filter(Boolean).slice(0, 3).join(' ').trim();
}

/**
 * Fixes and speed-ups to jco 1.13.0 glue, applied before it is cached (each guarded by a test):
 * - strings are encoded straight into guest memory, ASCII ones by a plain loop (~35 ns instead of ~155 ns for
 *   `encodeInto` and its view), others with `encodeInto`;
 * - byte lists are copied in and out through one byte view per memory (`mem8`), renewed only when the memory
 *   grows, instead of a fresh view (and a `memory.buffer` read) per value: ~150 → ~35 ns to copy one in;
 * - other numeric list results are copied out with one `slice()` of a view instead of `buffer.slice`, which
 *   allocates an off-heap ArrayBuffer per call (690 → 250 ns for a 64-byte echo, per the notes); the canonical
 *   ABI aligns list elements, so the view is always aligned;
 * - every resource table the component creates handles in (`resource.new`) is marked as defined by the
 *   component. jco 1.13.0 misses the tables of a composition's inner components (a WASI-Virt layer's own
 *   streams), so borrowed handles reach them as handles instead of reps and their writes are lost.
 */
export function patchGlue(glue: string): string {
  const copied = glue
    .replace(/^(export function instantiate\([^\n]*\{\n)/m, `$1${MEMORY_VIEW}`)
    .replace(UTF8_ENCODE, UTF8_ENCODE_INTO)
    .replace(
      /new (\w+Array)\(memory(\d+)\.buffer\.slice\((ptr\d+), \3 \+ (len\d+) \* \d\)\)/g,
      'new $1(memory$2.buffer, $3, $4).slice()',
    )
    .replace(
      /new Uint8Array\((memory\d+)\.buffer, (ptr\d+), (len\d+)\)\.slice\(\)/g,
      'mem8($1, $2, $3).slice($2, $2 + $3)',
    )
    .replace(
      /new Uint8Array\((val\d+)\.buffer \|\| \1, \1\.byteOffset, (len\d+) \* 1\)/g,
      '($1 instanceof Uint8Array ? $1 : new Uint8Array($1.buffer || $1, $1.byteOffset, $2 * 1))',
    )
    .replace(
      /\(new Uint8Array\((memory\d+)\.buffer, (ptr\d+), (len\d+ \* \d+)\)\)\.set\((src\d+)\);/g,
      'mem8($1, $2, $3).set($4, $2);',
    );
  const defined: boolean[] = [];
  for (const match of copied.matchAll(/rscTableCreateOwn\.bind\(null, handleTable(\d+)\)/g)) {
    defined[Number(match[1])] = true;
  }
  if (defined.length === 0) return copied;
  return copied.replace(
    /const definedResourceTables = .*;/,
    `const definedResourceTables = ${JSON.stringify(Array.from(defined, (d) => d === true))};`,
  );
}

// A byte view of a memory's current buffer, kept in this instance's closure (nothing outside the glue can see or
// replace it) and renewed when it is too short or detached (after `memory.grow` the old buffer is detached and
// the view's length is 0). Out-of-range access throws a RangeError, as a fresh view would; a negative (>= 2 GiB)
// pointer is never read from the end. One entry: a component has one memory, nearly always.
const MEMORY_VIEW = `  let viewMemory;
  let view = new Uint8Array(0);
  function mem8(memory, ptr, len) {
    if (memory !== viewMemory || view.length === 0 || view.length < ptr + len) {
      viewMemory = memory;
      view = new Uint8Array(memory.buffer);
    }
    if (ptr < 0 || len < 0 || ptr + len > view.length) {
      throw new RangeError(\`guest pointer range \${ptr}..\${ptr + len} is out of bounds (\${view.length} bytes)\`);
    }
    return view;
  }
`;

// jco 1.13.0 encodes a string argument into a fresh Uint8Array and copies it into guest memory.
const UTF8_ENCODE = `    let buf = utf8Encoder.encode(s);
    let ptr = realloc(0, 0, 1, buf.length);
    new Uint8Array(memory.buffer).set(buf, ptr);
    utf8EncodedLen = buf.length;
    return ptr;`;

// Encode straight into guest memory instead: allocate one byte per UTF-16 unit, which fits ASCII exactly, and
// copy short ASCII strings with a loop; otherwise encode, grow to the worst case, finish, and shrink back so the
// allocation is exactly the string's size (a guest may free it with that size, as Rust's allocator requires).
const UTF8_ENCODE_INTO = `    let len = s.length;
    let ptr = realloc(0, 0, 1, len);
    if (len <= 256) {
      const view = mem8(memory, ptr, len);
      let i = 0;
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        view[ptr + i] = c;
      }
      if (i === len) {
        utf8EncodedLen = len;
        return ptr;
      }
    }
    let { read, written } = utf8Encoder.encodeInto(s, new Uint8Array(memory.buffer, ptr, len));
    if (read !== s.length) {
      const max = written + (s.length - read) * 3;
      ptr = realloc(ptr, len, 1, max);
      written += utf8Encoder.encodeInto(s.slice(read), new Uint8Array(memory.buffer, ptr + written, max - written)).written;
      if (written !== max) ptr = realloc(ptr, max, 1, written);
    }
    utf8EncodedLen = written;
    return ptr;`;

/** The interfaces and members the glue destructures from its `imports` argument. */
export function requiredImports(glue: string, names: readonly string[]): ComponentImport[] {
  const members = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const match of glue.matchAll(/const \{([^}]*)\} = imports\['([^']+)'\];/g)) {
    const list = match[1]!
      .split(',')
      .map((m) => m.split(':')[0]!.trim())
      .filter(Boolean);
    members.set(match[2]!, list);
  }
  return [...members].map(([name, m]) => ({ name, members: m }));
}

function exportList(raw: readonly [string, string][]): ComponentExport[] {
  const interfaces = raw.filter(([n, k]) => k === 'instance' && n.includes(':')).map(([n]) => n);
  const aliases = new Set(
    interfaces.map((n) => camelCase(n.replace(/@[^@]*$/, '').slice(n.lastIndexOf('/') + 1))),
  );
  const out: ComponentExport[] = [];
  for (const [name, kind] of raw) {
    if (kind === 'instance') {
      if (!name.includes(':') && aliases.has(name)) continue;
      out.push({ name, kind: 'interface' });
    } else {
      out.push({ name: kebabCase(name), kind: 'function' });
    }
  }
  return out;
}
