// A hand-rolled bounded FIFO rather than p-queue: with concurrency 1 p-queue allocates a promise per task and
// runs each on its own microtask turn, about 100 000 tasks/s on the bench VM, under the 250 000 msg/s target.
// This one keeps p-queue's semantics (bounded, one task at a time, FIFO, `onIdle`) and runs a burst of
// synchronous handlers in one turn.

/** Messages handled in one turn before the mailbox yields to the event loop. */
export const MAILBOX_BATCH = 512;

/** A bounded FIFO that runs one item at a time; see {@link createMailbox}. */
export interface Mailbox<T> {
  readonly capacity: number;
  /** Items waiting, not counting the one being handled. */
  readonly size: number;
  /** True while an item is being handled or a run is scheduled. */
  readonly busy: boolean;
  /** Queues an item; false (and nothing queued) when `size` has reached `capacity`. */
  offer(item: T): boolean;
  /** Resolves once every accepted item has been handled. */
  idle(): Promise<void>;
}

type Run<T> = (item: T) => undefined | PromiseLike<unknown>;

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';

/**
 * Creates a {@link Mailbox} that calls `run` for each item in order, awaiting it when it returns a promise.
 * `run` must not throw; if it does, `onError` gets the error and the next item still runs.
 */
export function createMailbox<T>(
  capacity: number,
  run: Run<T>,
  onError: (error: unknown) => void,
): Mailbox<T> {
  let items: (T | undefined)[] = [];
  let head = 0;
  let busy = false;
  let waiters: (() => void)[] = [];

  const settle = (): void => {
    items = [];
    head = 0;
    busy = false;
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };

  const resume = (): void => drain();
  const resumeAfterError = (error: unknown): void => {
    onError(error);
    drain();
  };

  function drain(): void {
    let budget = MAILBOX_BATCH;
    while (head < items.length) {
      if (budget-- === 0) {
        setImmediate(drain);
        return;
      }
      const item = items[head] as T;
      items[head] = undefined;
      head += 1;
      let result: unknown;
      try {
        result = run(item);
      } catch (error) {
        onError(error);
        continue;
      }
      if (isThenable(result)) {
        result.then(resume, resumeAfterError);
        return;
      }
    }
    settle();
  }

  return {
    capacity,
    get size() {
      return items.length - head;
    },
    get busy() {
      return busy;
    },
    offer(item) {
      if (items.length - head >= capacity) return false;
      if (head > 1024 && head * 2 > items.length) {
        items = items.slice(head);
        head = 0;
      }
      items.push(item);
      if (!busy) {
        busy = true;
        queueMicrotask(drain);
      }
      return true;
    },
    idle() {
      return busy ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve();
    },
  };
}
