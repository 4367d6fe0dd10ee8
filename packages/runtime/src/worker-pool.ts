import { Worker } from 'node:worker_threads';
import { workerScriptUrl } from './worker-script.js';

/** Heap limit of a guest worker's own JavaScript (guest linear memory is capped separately). */
const WORKER_HEAP_MB = 256;

/** Workers that already loaded the guest-worker script and wait for a guest to host. */
export interface WorkerPool {
  /** A booted worker if one is idle, else a new one; the pool refills in the background. */
  take(): Promise<Worker>;
  readonly size: number;
}

/**
 * Keep `size` guest workers booted ahead of time: starting a thread and loading its script costs 30–60 ms,
 * which would otherwise be paid on every worker instantiation and every supervised restart.
 */
export function createWorkerPool(size: number): WorkerPool {
  const idle: Worker[] = [];
  let filling = false;

  async function start(): Promise<Worker> {
    const worker = new Worker(await workerScriptUrl('guest-worker'), {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      // The script is plain JavaScript: inheriting a loader such as tsx would add ~100 ms a start.
      execArgv: [],
    });
    worker.unref();
    return worker;
  }

  function refill(): void {
    if (filling || idle.length >= size) return;
    filling = true;
    setImmediate(async () => {
      try {
        while (idle.length < size) {
          const worker = await start();
          const drop = () => {
            const at = idle.indexOf(worker);
            if (at >= 0) idle.splice(at, 1);
          };
          worker.once('exit', drop);
          worker.once('error', drop);
          idle.push(worker);
        }
      } finally {
        filling = false;
      }
    });
  }

  return {
    size,
    async take() {
      const worker = idle.shift();
      refill();
      if (worker) {
        worker.removeAllListeners();
        return worker;
      }
      return start();
    },
  };
}
