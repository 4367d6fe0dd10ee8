/**
 * Waits for `work` or for `ms` to pass, whichever comes first, and clears the timer either way: a stop or a
 * restart runs thousands of times a second, and a timer left behind for each one is work for nothing.
 */
export async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms).unref();
  });
  try {
    await Promise.race([work, elapsed]);
  } finally {
    clearTimeout(timer);
  }
}
