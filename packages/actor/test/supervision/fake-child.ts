import type { ChildLink, StopReason, Supervisable } from '../../src/supervision/index.js';

/** One call a fake child received, in the order all fakes of a journal received them. */
export type Call = `start ${string}` | `stop ${string} ${StopReason}`;

/** A fake child that records its calls into a shared journal; `failStarts` makes the next starts throw. */
export interface FakeChild extends Supervisable {
  /** Instances started so far; a restart makes a fresh one. */
  readonly instance: number;
  link: ChildLink | undefined;
  failStarts: number;
  crash(error?: unknown): void;
  exit(): void;
}

/** Creates a fake child writing to `journal`. */
export function fakeChild(id: string, journal: Call[]): FakeChild {
  const child: FakeChild = {
    id,
    instance: 0,
    link: undefined,
    failStarts: 0,
    async start() {
      journal.push(`start ${id}`);
      if (child.failStarts > 0) {
        child.failStarts -= 1;
        throw new Error(`${id} cannot start`);
      }
      (child as { instance: number }).instance += 1;
    },
    async stop(reason) {
      journal.push(`stop ${id} ${reason}`);
    },
    attach(link) {
      child.link = link;
    },
    crash(error = new Error(`${id} crashed`)) {
      child.link?.failed(error);
    },
    exit() {
      child.link?.exited();
    },
  };
  return child;
}

/** Lets every pending promise continuation run (no timers, no sleeping). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
