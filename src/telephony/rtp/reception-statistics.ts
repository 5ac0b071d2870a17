/**
 * What a receiver knows about one RTP source (RFC 3550 appendix A.1, A.3 and
 * A.8): the extended highest sequence number, packets expected and lost, and
 * the interarrival jitter, updated per packet without allocating.
 * https://www.rfc-editor.org/rfc/rfc3550#appendix-A.8
 */

/** A jump larger than this is a restart or a misordering, not loss (appendix A.1). */
const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;
const SEQ_MOD = 0x1_0000;

export class ReceptionStatistics {
  readonly #clockRate: number;
  #started = false;
  #baseSeq = 0;
  #maxSeq = 0;
  #cycles = 0;
  #received = 0;
  #transit = 0;
  /** Jitter in timestamp units, times 16 (the appendix's integer form). */
  #jitterQ4 = 0;

  constructor(clockRateHz: number) {
    this.#clockRate = clockRateHz;
  }

  /** One packet: its sequence number, RTP timestamp and arrival time in ms. */
  update(sequence: number, timestamp: number, arrivalMs: number): void {
    const arrival = Math.round((arrivalMs * this.#clockRate) / 1000);
    if (!this.#started) {
      this.#started = true;
      this.#baseSeq = sequence;
      this.#maxSeq = sequence;
      this.#transit = arrival - timestamp;
      this.#received = 1;
      return;
    }
    const delta = (sequence - this.#maxSeq + SEQ_MOD) % SEQ_MOD;
    if (delta < MAX_DROPOUT) {
      if (sequence < this.#maxSeq) this.#cycles += SEQ_MOD;
      this.#maxSeq = sequence;
    } else if (delta <= SEQ_MOD - MAX_MISORDER) {
      // A very large jump: the source restarted; count from here (appendix A.1, simplified).
      this.#baseSeq = sequence;
      this.#maxSeq = sequence;
      this.#cycles = 0;
      this.#received = 0;
    }
    this.#received += 1;
    // Interarrival jitter, J += (|D| - J) / 16 (section 6.4.1, appendix A.8).
    const transit = arrival - timestamp;
    let d = transit - this.#transit;
    this.#transit = transit;
    if (d < 0) d = -d;
    this.#jitterQ4 += d - ((this.#jitterQ4 + 8) >> 4);
  }

  get received(): number {
    return this.#received;
  }

  get extendedHighestSequence(): number {
    return this.#cycles + this.#maxSeq;
  }

  get expected(): number {
    return this.#started ? this.extendedHighestSequence - this.#baseSeq + 1 : 0;
  }

  /** Cumulative packets lost; negative when duplicates arrived (section 6.4.1). */
  get lost(): number {
    return this.expected - this.#received;
  }

  /** Interarrival jitter in timestamp units. */
  get jitter(): number {
    return this.#jitterQ4 >> 4;
  }

  get jitterMs(): number {
    return (this.jitter * 1000) / this.#clockRate;
  }
}
