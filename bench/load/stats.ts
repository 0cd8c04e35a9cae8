/** Nearest-rank percentile of unsorted samples (NaN when there are none). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** p50, p95 and p99 of samples in milliseconds, rounded to 0.1 ms, and how many there were. */
export function latency(samples: readonly number[]) {
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: samples.length, p50: r(percentile(samples, 0.5)), p95: r(percentile(samples, 0.95)), p99: r(percentile(samples, 0.99)) };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
