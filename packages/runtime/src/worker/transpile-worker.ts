// Runs jco's transpiler off the main thread: transpiling a 12 MB guest keeps a core busy for seconds.
import { parentPort, workerData } from 'node:worker_threads';
import { transpile } from '@bytecodealliance/jco';

interface TranspileRequest {
  bytes: Uint8Array;
  name: string;
}

const { bytes, name } = workerData as TranspileRequest;
try {
  const result = await transpile(bytes, { name, instantiation: 'sync', nodejsCompat: false });
  const files: Record<string, Uint8Array> = {};
  for (const [file, content] of Object.entries(result.files)) {
    if (file.endsWith('.js') || file.endsWith('.wasm')) files[file] = content;
  }
  parentPort!.postMessage({ ok: true, files, imports: result.imports, exports: result.exports });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
