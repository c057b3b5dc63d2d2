/** Percentiles and medians for the benchmark (latencies in ms). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (xs: readonly number[]) => percentile(xs, 50);

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One row of the results table and of bench/results.json. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≤ 1.5 × bare p99 (75.0 ms)". */
  target: string;
  pass: boolean;
}

export const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
};
