/** One measured figure with the baseline it is compared against. */
export interface Row {
  group: string;
  case: string;
  value: number;
  unit: 'ns' | 'µs' | 'ms' | 'ops/s';
  /** Label of the baseline row in the same group, when the figure is a ratio against it. */
  baseline?: string;
  target?: string;
  note?: string;
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Time a synchronous function: warm up, then the median over `batches` of the per-call cost of `iterations`
 * calls, in nanoseconds.
 */
export function timeSync(fn: () => unknown, iterations: number, batches = 5, warmup = iterations): number {
  for (let i = 0; i < warmup; i++) fn();
  const perCall: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    perCall.push(Number(process.hrtime.bigint() - t0) / iterations);
  }
  return median(perCall);
}

/** Median of individually timed async operations, in nanoseconds. */
export async function timeEach(
  fn: () => Promise<unknown>,
  count: number,
  warmup = Math.min(count, 200),
): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0));
  }
  return median(samples);
}
