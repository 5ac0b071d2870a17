/**
 * What the receiver of one of Voxgate's outgoing RTP streams measures:
 *
 * - loss as RFC 3550 appendix A.3 counts it: packets expected (extended highest sequence number
 *   minus the first, plus one, the 16-bit sequence number extended by its wrap count as in
 *   appendix A.1) less packets received
 *   (https://www.rfc-editor.org/rfc/rfc3550#appendix-A.3);
 * - inter-packet jitter as the benchmark defines it: for each packet that follows its predecessor
 *   in sequence, |arrival delta - 20 ms|. A late media clock tick, a catch-up burst and a skipped
 *   tick all show up in it, where RFC 3550's smoothed interarrival jitter would blur them.
 *
 * Voxgate's streams are 20 ms PCMU (160 timestamp units a packet) without silence suppression, so
 * a packet whose timestamp moves by more than one frame means the media clock skipped ticks.
 * RFC 3550's interarrival jitter J (section 6.4.1, the 1/16 smoothed |D|) is kept too, for
 * comparison with what RTCP receivers report (https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1).
 */

/** Voxgate's packet time (src/telephony/rtp/media-clock.ts, RFC 3551 section 4.5). */
export const PTIME_MS = 20;
/** 8000 Hz x 20 ms. */
export const TIMESTAMP_STEP = 160;
/** PCMU's RTP clock: timestamp units per millisecond. */
const TIMESTAMP_UNITS_PER_MS = 8;
/** J += (|D| - J) / 16 (RFC 3550 section 6.4.1). */
const JITTER_GAIN = 1 / 16;

const SEQUENCE_MOD = 0x1_0000;
/** A forward step smaller than this is in order (with a gap); a larger one is a late or duplicate packet (A.1's MAX_DROPOUT idea). */
const MAX_FORWARD_STEP = 0x8000;

/** Where jitter samples go; null while the step is not measuring jitter. */
export interface JitterRecorder {
  record(ms: number): void;
}

export class StreamStatistics {
  #received = 0;
  #baseSequence = -1;
  #highestSequence = 0;
  /** Wraps of the sequence number, times 65,536 (A.1's `cycles`). */
  #cycles = 0;
  #lastSequence = -1;
  #lastTimestamp = 0;
  #lastArrivalMs = 0;
  #lateOrDuplicate = 0;
  #timestampJumps = 0;
  #interarrivalJitterMs = 0;

  /** Counts one packet; a sample goes to `jitter` when it follows its predecessor in sequence. */
  update(sequenceNumber: number, timestamp: number, arrivalMs: number, jitter: JitterRecorder | null): void {
    this.#received += 1;
    if (this.#baseSequence < 0) {
      this.#baseSequence = sequenceNumber;
      this.#highestSequence = sequenceNumber;
      this.#remember(sequenceNumber, timestamp, arrivalMs);
      return;
    }
    const step = (sequenceNumber - this.#highestSequence + SEQUENCE_MOD) % SEQUENCE_MOD;
    if (step === 0 || step >= MAX_FORWARD_STEP) {
      this.#lateOrDuplicate += 1;
      return;
    }
    if (sequenceNumber < this.#highestSequence) this.#cycles += SEQUENCE_MOD;
    this.#highestSequence = sequenceNumber;
    // D(i, j) = (Rj - Ri) - (Sj - Si), in ms; the timestamp difference as a signed 32-bit value.
    const timestampMs = ((timestamp - this.#lastTimestamp) | 0) / TIMESTAMP_UNITS_PER_MS;
    const d = arrivalMs - this.#lastArrivalMs - timestampMs;
    this.#interarrivalJitterMs += (Math.abs(d) - this.#interarrivalJitterMs) * JITTER_GAIN;
    if (step === 1) {
      jitter?.record(arrivalMs - this.#lastArrivalMs - PTIME_MS);
      if ((timestamp - this.#lastTimestamp) >>> 0 !== TIMESTAMP_STEP) this.#timestampJumps += 1;
    }
    this.#remember(sequenceNumber, timestamp, arrivalMs);
  }

  #remember(sequenceNumber: number, timestamp: number, arrivalMs: number): void {
    this.#lastSequence = sequenceNumber;
    this.#lastTimestamp = timestamp;
    this.#lastArrivalMs = arrivalMs;
  }

  get received(): number {
    return this.#received;
  }

  /** A.3's `expected`: 0 before the first packet. */
  get expected(): number {
    if (this.#baseSequence < 0) return 0;
    return this.#cycles + this.#highestSequence - this.#baseSequence + 1;
  }

  /** A.3's cumulative loss; negative when duplicates outnumber losses, as the RFC allows. */
  get lost(): number {
    return this.expected - this.#received;
  }

  /** Packets at or behind the highest sequence number seen: reordered or duplicated. */
  get lateOrDuplicate(): number {
    return this.#lateOrDuplicate;
  }

  /** In-sequence packets whose timestamp moved by more than one 20 ms frame: ticks Voxgate skipped. */
  get timestampJumps(): number {
    return this.#timestampJumps;
  }

  /** RFC 3550's interarrival jitter estimate J after the newest packet, in ms. */
  get interarrivalJitterMs(): number {
    return this.#interarrivalJitterMs;
  }

  /** Arrival time of the newest in-order packet, or null before any. */
  get lastArrivalMs(): number | null {
    return this.#lastSequence < 0 ? null : this.#lastArrivalMs;
  }
}
