/** Small statistics helpers: the machine is noisy, so benchmarks report medians and spreads. */

export function sorted(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** Linear-interpolated percentile, p in [0, 100]. */
export function percentile(xs: readonly number[], p: number): number {
  const s = sorted(xs);
  if (s.length === 0) return NaN;
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = s[lo] ?? NaN;
  const b = s[hi] ?? NaN;
  return a + (b - a) * (rank - lo);
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/**
 * How far the samples stray from their median, in percent: the interquartile range when
 * there are enough samples, else the full range; 0 for a single sample.
 */
export function spreadPct(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = median(xs);
  const width = xs.length >= 5 ? percentile(xs, 75) - percentile(xs, 25) : Math.max(...xs) - Math.min(...xs);
  return m === 0 ? 0 : (100 * width) / m;
}

/** Rounds for display and results.json: 3 significant digits, at most 3 decimals. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const digits = Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(Math.abs(x) || 1))));
  return Number(x.toFixed(digits));
}

/** Microseconds since an arbitrary origin, sub-microsecond resolution. */
export function nowUs(): number {
  return Number(process.hrtime.bigint()) / 1000;
}
