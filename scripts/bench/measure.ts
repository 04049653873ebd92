/** The spread of one figure over repeated runs. */
export interface Spread {
  min: number;
  median: number;
  max: number;
  /** Every run's value, in run order. */
  values: number[];
}

/** min, median and max of `values` (the median of an even count is the mean of the middle two). */
export function spreadOf(values: number[]): Spread {
  if (values.length === 0) throw new Error('no values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2
      ? sorted[middle]
      : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], values };
}

/** The spread of a figure over runs, and what each run returned. */
export type Measured<T> = Spread & { results: T[] };

/**
 * Runs `fn` `runs` times, one after the other, and returns the min, median
 * and max of the figure each run returned (or that `figure` picks from what
 * it returned), with every run's result.
 */
export async function measure(
  runs: number,
  fn: (run: number) => Promise<number>,
): Promise<Measured<number>>;
export async function measure<T>(
  runs: number,
  fn: (run: number) => Promise<T>,
  figure: (result: T) => number,
): Promise<Measured<T>>;
export async function measure<T>(
  runs: number,
  fn: (run: number) => Promise<T>,
  figure: (result: T) => number = result => result as unknown as number,
): Promise<Measured<T>> {
  const results: T[] = [];
  for (let run = 0; run < runs; run++) results.push(await fn(run));
  return { ...spreadOf(results.map(figure)), results };
}

/** Seconds `fn` took, measured with the monotonic clock. */
export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** `median (min–max)` with `digits` decimals. */
export function formatSpread(s: Spread, digits = 2, unit = ''): string {
  const f = (n: number) => n.toFixed(digits);
  return `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)}${unit})`;
}

/** The spread of a ratio a/b, pairing the extremes: min a / max b to max a / min b. */
export function ratioSpread(a: Spread, b: Spread): Spread {
  return {
    min: a.min / b.max,
    median: a.median / b.median,
    max: a.max / b.min,
    values: [],
  };
}
