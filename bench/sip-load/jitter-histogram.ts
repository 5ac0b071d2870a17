/**
 * A fixed-bucket histogram of inter-packet jitter samples in milliseconds: at 1,000 streams of
 * 50 packets a second a step records millions of samples, so they are counted into 10 µs buckets
 * instead of kept, and recording one never allocates.
 */

/** Bucket width: finer than any figure we report (2 ms threshold, two decimals). */
export const JITTER_BUCKET_MS = 0.01;
/** Samples at or above this land in the last bucket; anything that large fails the step anyway. */
export const JITTER_RANGE_MS = 200;

const BUCKETS = Math.round(JITTER_RANGE_MS / JITTER_BUCKET_MS);

export interface JitterSummary {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  /** The largest sample, exact (not bucketed). */
  readonly maxMs: number;
}

export class JitterHistogram {
  readonly #counts = new Uint32Array(BUCKETS + 1);
  #samples = 0;
  #maxMs = 0;

  /** Records one sample; negative values count as their magnitude. */
  record(ms: number): void {
    const value = Math.abs(ms);
    const bucket = Math.min(BUCKETS, Math.floor(value / JITTER_BUCKET_MS));
    this.#counts[bucket]! += 1;
    this.#samples += 1;
    if (value > this.#maxMs) this.#maxMs = value;
  }

  get samples(): number {
    return this.#samples;
  }

  /**
   * Nearest-rank percentile (`percent` 0 to 100), reported as the upper edge of its bucket (or the
   * largest sample, when smaller, or past the range) so it never understates; NaN without samples.
   */
  percentile(percent: number): number {
    if (this.#samples === 0) return Number.NaN;
    const rank = Math.min(this.#samples, Math.max(1, Math.ceil((percent / 100) * this.#samples)));
    let seen = 0;
    for (let bucket = 0; bucket <= BUCKETS; bucket += 1) {
      seen += this.#counts[bucket]!;
      if (seen < rank) continue;
      // The overflow bucket has no upper edge: the largest sample is the honest figure.
      return bucket === BUCKETS ? this.#maxMs : Math.min(this.#maxMs, (bucket + 1) * JITTER_BUCKET_MS);
    }
    return this.#maxMs;
  }

  summary(): JitterSummary {
    return {
      samples: this.#samples,
      p50Ms: this.percentile(50),
      p99Ms: this.percentile(99),
      p999Ms: this.percentile(99.9),
      maxMs: this.#samples === 0 ? Number.NaN : this.#maxMs,
    };
  }
}
