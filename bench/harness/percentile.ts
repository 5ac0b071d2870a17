/**
 * Nearest-rank percentiles over raw samples. autocannon's own histogram keeps
 * whole milliseconds only, which turns sub-millisecond medians into 0.
 */

/** `sorted` must be in ascending order; `percent` is 0 to 100. NaN when there are no samples. */
export function percentile(sorted: Float64Array, percent: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
