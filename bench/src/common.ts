import { airssysHostStub, readGuest } from '@airssys/test-guests';
import type { Row } from './harness.js';

/** A 64-byte message for the echo guest's `handle-message`. */
export function echoMessage(size = 64) {
  return {
    sender: 'host',
    payload: Uint8Array.from({ length: size }, (_, i) => i),
    correlationId: undefined,
    topic: undefined,
  };
}

export const HANDLE = 'airssys:core/component-lifecycle@1.0.0#handle-message';
export const LIFECYCLE = 'airssys:core/component-lifecycle@1.0.0';

/** Host imports for the echo guest; `log` drops the line so a benchmark does not grow an array. */
export const echoImports = airssysHostStub({
  override: { 'airssys:core/host-services@1.0.0': { log: (_level: string, _line: string) => {} } },
});

/** Print rows for the runner to collect. */
export function emit(rows: Row[]): void {
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}

export { readGuest };
