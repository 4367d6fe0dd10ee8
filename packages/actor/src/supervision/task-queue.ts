/** Runs async tasks one at a time, in the order they were queued. */
export type TaskQueue = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Creates a {@link TaskQueue}: each task starts after the previous one settled, whether it resolved or
 * threw; the returned promise settles like the task.
 * @example const serial = createTaskQueue(); void serial(async () => a()); await serial(async () => b()); // a, then b
 */
export function createTaskQueue(): TaskQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
