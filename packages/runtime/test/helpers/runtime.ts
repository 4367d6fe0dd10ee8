import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime, type Runtime } from '../../src/index.js';

/** The third-party components from the shared folder laid beside the repository. */
export const THIRD_PARTY =
  process.env.AIRSSYS_FIXTURES ??
  fileURLToPath(new URL('../../../../../shared/fixtures/third-party/jco/', import.meta.url));

/** Path of one third-party component. */
export function thirdParty(file: string): string {
  return join(THIRD_PARTY, file);
}

/** A cache shared by every test file, so a 12 MB guest is transpiled once per machine, not once per file. */
export const TEST_CACHE = join(tmpdir(), 'airssys-test-cache');

/** A runtime over the shared test cache whose guest log lines are collected. */
export function testRuntime(): { runtime: Runtime; lines: string[] } {
  const lines: string[] = [];
  return { runtime: createRuntime({ cacheDir: TEST_CACHE, log: (line) => lines.push(line) }), lines };
}

/** Collects bytes a guest writes to a WASI stream. */
export function collector(): { write: (bytes: Uint8Array) => void; text: () => string } {
  const chunks: Uint8Array[] = [];
  return {
    write: (bytes) => void chunks.push(bytes.slice()),
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}
