/**
 * In-band DTMF detection, for peers that send key tones in the audio instead of RFC 4733 events.
 * A key is one tone of the low (row) group plus one of the high (column) group (ITU-T Q.23). The
 * detector measures the eight frequencies with the Goertzel algorithm over blocks of
 * {@link DTMF_BLOCK_SAMPLES} samples of 8 kHz signed 16-bit PCM, checks each block as ITU-T Q.24
 * asks, and applies a duration rule across blocks.
 *
 * Block size: 105 samples (13.1 ms) make the Goertzel bins about 76 Hz wide, just narrower than the
 * closest row tones (697 and 770 Hz, 73 Hz apart), and short blocks measure duration finely.
 *
 * A block passes every check ("strong") when: both tones reach {@link MIN_TONE_LEVEL_DBM0}; the
 * twist is within limits; each tone stands {@link RELATIVE_PEAK_DB} above the rest of its group;
 * the two tones hold {@link STRONG_ENERGY_RATIO} of the block's energy (speech and music spread
 * theirs); and both tones are within {@link MAX_DEVIATION} of their frequency, measured from the
 * phase their DFT turns between the block's halves. That last check refuses a voice whose 3rd and
 * 4th harmonics straddle 941 and 1209 Hz, the commonest talk-off. Tone power is the largest of the
 * Goertzel powers at the nominal frequency and 1 % either side, so a tone 1.5 % off (which Q.24
 * accepts) keeps its power in the energy check instead of losing a third of it at 1633 Hz.
 * Tuned on 74 minutes of espeak-ng speech (22 voices, 5 pitches, 2 speeds), heard at two levels:
 * no digit.
 *
 * Duration: Q.24 wants a 40 ms key accepted and a 20 ms one refused. A key is reported when three
 * consecutive blocks vote for it and at least two are strong; the third may be a block the tone only
 * partly covers ("weak": right tones, level and twist, holding {@link WEAK_ENERGY_RATIO} of the
 * energy). A 40 ms tone covers two whole blocks and over half of a third; a 20 ms tone covers at most
 * one whole block plus 55 samples shared by its neighbours, too little to make both weak. A key is
 * released after two blocks without it (26 ms): a 40 ms pause separates two presses of one key, a
 * one-block dropout does not.
 */

/** The sampling rate the detector expects (G.711). */
export const DTMF_SAMPLE_RATE_HZ = 8000;
/** Samples per Goertzel block (see the module comment). */
export const DTMF_BLOCK_SAMPLES = 105;

/** Low (row) group, then high (column) group, in Hz (ITU-T Q.23). */
const FREQUENCIES_HZ = [697, 770, 852, 941, 1209, 1336, 1477, 1633];
/** Keys by row, then column. */
const KEYS = ['1', '2', '3', 'A', '4', '5', '6', 'B', '7', '8', '9', 'C', '*', '0', '#', 'D'];

/** Mean square of a 0 dBm0 sine in the 16-bit G.711 scale: the µ-law digital milliwatt peaks near 22,700. */
const DBM0_MEAN_SQUARE = (22_700 * 22_700) / 2;
/** Quietest tone accepted (Q.24 asks for operation down to about -25 dBm0 per tone). */
const MIN_TONE_LEVEL_DBM0 = -38;
/** Twist limits (Q.24): the high group up to 8 dB above the low ("normal" twist, as line loss
 * favours low frequencies), the low group up to 4 dB above the high ("reverse" twist). */
const NORMAL_TWIST_DB = 8;
const REVERSE_TWIST_DB = 4;
const RELATIVE_PEAK_DB = 8;
const STRONG_ENERGY_RATIO = 0.8;
/** The share falls with the part of the block a tone covers: 0.35 is a third of a block. */
const WEAK_ENERGY_RATIO = 0.35;
/** Q.24 accepts 1.5 % and refuses 3.5 %. The phase measure errs by up to about 1 % (the other tone
 * leaks in), so a tone right at 1.5 % is now and then refused; phones generate DTMF far closer. */
const MAX_DEVIATION = 0.02;
/** Where tone power is also measured, either side of the nominal frequency. */
const PROBE_OFFSET = 0.01;
const BLOCKS_TO_REPORT = 3;
const STRONG_BLOCKS_TO_REPORT = 2;
const BLOCKS_TO_RELEASE = 2;

const fromDb = (db: number): number => 10 ** (db / 10);
const N = DTMF_BLOCK_SAMPLES;
/** |X(f)|^2 of a sine of amplitude A over N samples is (N A / 2)^2: its mean square times N^2 / 2. */
const MIN_TONE_POWER = (DBM0_MEAN_SQUARE * fromDb(MIN_TONE_LEVEL_DBM0) * N * N) / 2;
const NORMAL_TWIST = fromDb(NORMAL_TWIST_DB);
const REVERSE_TWIST = fromDb(REVERSE_TWIST_DB);
const RELATIVE_PEAK = fromDb(RELATIVE_PEAK_DB);
const NO_KEY = -1;
/**
 * The least share of N times the block's energy that the strongest row tone holds, at its nominal
 * frequency, in a block that can vote. A vote needs the two tones to hold WEAK_ENERGY_RATIO of the
 * energy, and the column may be up to NORMAL_TWIST stronger than the row, so the row holds at least
 * 1 / (1 + NORMAL_TWIST) of that; halved, as a tone 2 % off keeps over half its power at the nominal
 * frequency. Below it the block is refused without running the column filters.
 */
const ROW_FLOOR = (WEAK_ENERGY_RATIO / (2 * (1 + NORMAL_TWIST))) * 0.5;
const HALF = Math.floor(N / 2);

function coefficientOf(hz: number): number {
  return 2 * Math.cos((2 * Math.PI * hz) / DTMF_SAMPLE_RATE_HZ);
}

/** Goertzel coefficients of each tone at -1 %, nominal and +1 %. */
const COEFFICIENTS = Float64Array.from(FREQUENCIES_HZ, (hz) => coefficientOf(hz));
const COEFFICIENTS_BELOW = Float64Array.from(FREQUENCIES_HZ, (hz) => coefficientOf(hz * (1 - PROBE_OFFSET)));
const COEFFICIENTS_ABOVE = Float64Array.from(FREQUENCIES_HZ, (hz) => coefficientOf(hz * (1 + PROBE_OFFSET)));
/** cos and sin of 2 pi f n / fs, per tone, for n in [0, 2 * HALF): a DFT at each tone. */
const PHASOR_COS = new Float64Array(8 * 2 * HALF);
const PHASOR_SIN = new Float64Array(8 * 2 * HALF);
for (const [k, hz] of FREQUENCIES_HZ.entries()) {
  for (let n = 0; n < 2 * HALF; n++) {
    PHASOR_COS[k * 2 * HALF + n] = Math.cos((2 * Math.PI * hz * n) / DTMF_SAMPLE_RATE_HZ);
    PHASOR_SIN[k * 2 * HALF + n] = Math.sin((2 * Math.PI * hz * n) / DTMF_SAMPLE_RATE_HZ);
  }
}

/** Settings of a {@link DtmfDetector}. */
export interface DtmfDetectorOptions {
  /** Told of every key, also when one `process` call holds several (a long buffer). */
  readonly onDigit?: (digit: string) => void;
}

/** Detects DTMF keys in a stream of PCM; one detector per call leg. Allocates nothing per frame. */
export class DtmfDetector {
  readonly #onDigit: ((digit: string) => void) | undefined;
  readonly #block = new Float64Array(N);
  readonly #power = new Float64Array(8);
  readonly #probes = new Float64Array(4);
  #filled = 0;
  /** Sum of squares of the block's samples so far, added as they come. */
  #energy = 0;
  /** The key the current run of blocks votes for, its length, and how many were strong. */
  #runKey = NO_KEY;
  #runBlocks = 0;
  #runStrong = 0;
  /** The key reported and not yet released, and the blocks since it was last heard. */
  #heldKey = NO_KEY;
  #misses = 0;
  /** Whether the last block's vote (the key returned by `#vote`) passed every check. */
  #strong = false;

  constructor(options: DtmfDetectorOptions = {}) {
    this.#onDigit = options.onDigit;
  }

  /**
   * Feeds `length` samples from `samples[offset]`, in any chunking.
   * @returns the first key newly detected in these samples, or null (`onDigit` hears every one).
   */
  process(samples: Int16Array, offset = 0, length = samples.length - offset): string | null {
    return this.#feed(samples, offset, length, null);
  }

  /**
   * The same for G.711 codes, decoded through `table` (a code's linear value, as g711.ts's tables):
   * straight from the datagram into the block, with no decoded copy in between.
   */
  processCodes(
    codes: Uint8Array,
    offset: number,
    length: number,
    table: Readonly<Int16Array>,
  ): string | null {
    return this.#feed(codes, offset, length, table);
  }

  /** Samples, or codes through `table`, into the block; each full block votes, the energy added as they come. */
  #feed(
    values: Int16Array | Uint8Array,
    offset: number,
    length: number,
    table: Readonly<Int16Array> | null,
  ): string | null {
    const end = Math.min(values.length, offset + length);
    const block = this.#block;
    let filled = this.#filled;
    let energy = this.#energy;
    let found: string | null = null;
    for (let i = Math.max(0, offset); i < end; i++) {
      const value = values[i] ?? 0;
      const x = table === null ? value : (table[value] ?? 0);
      block[filled++] = x;
      energy += x * x;
      if (filled < N) continue;
      const key = this.#blockFilled(energy);
      found ??= key;
      filled = 0;
      energy = 0;
    }
    this.#filled = filled;
    this.#energy = energy;
    return found;
  }

  /** Forgets any partial block and held key, as after a pause in the media. */
  reset(): void {
    this.#filled = 0;
    this.#energy = 0;
    this.#runKey = NO_KEY;
    this.#runBlocks = 0;
    this.#runStrong = 0;
    this.#heldKey = NO_KEY;
    this.#misses = 0;
  }

  /** A block is full: its vote, through the duration rule; the key newly reported, told to `onDigit`. */
  #blockFilled(energy: number): string | null {
    const key = this.#track(this.#vote(energy), this.#strong);
    if (key !== null) this.#onDigit?.(key);
    return key;
  }

  /** The key the block just filled (of that `energy`) votes for, or NO_KEY; sets `#strong`. */
  #vote(energy: number): number {
    this.#strong = false;
    const block = this.#block;
    // Silence, the commonest block, needs no filter: even one tone at the minimum level holds more.
    if (energy < (2 * MIN_TONE_POWER) / N) return NO_KEY;
    const power = this.#power;
    const c = COEFFICIENTS;
    goertzel4(block, c[0] ?? 0, c[1] ?? 0, c[2] ?? 0, c[3] ?? 0, power, 0);
    const row = strongestOf(power, 0);
    // Much speech ends here, before the column filters: see ROW_FLOOR.
    if ((power[row] ?? 0) < ROW_FLOOR * N * energy) return NO_KEY;
    goertzel4(block, c[4] ?? 0, c[5] ?? 0, c[6] ?? 0, c[7] ?? 0, power, 4);
    const column = strongestOf(power, 4);
    // Most speech ends here: even a tone 2 % off keeps over half its power at the nominal frequency.
    if ((power[row] ?? 0) + (power[column] ?? 0) < (N * energy * WEAK_ENERGY_RATIO) / 4) return NO_KEY;
    // A tone 1.5 % off (which Q.24 accepts) loses a third of its power at 1633 Hz; measured 1 %
    // either side as well, it keeps nearly all of it.
    const probes = this.#probes;
    const below = COEFFICIENTS_BELOW;
    const above = COEFFICIENTS_ABOVE;
    goertzel4(block, below[row] ?? 0, above[row] ?? 0, below[column] ?? 0, above[column] ?? 0, probes, 0);
    const rowPower = Math.max(power[row] ?? 0, probes[0] ?? 0, probes[1] ?? 0);
    const columnPower = Math.max(power[column] ?? 0, probes[2] ?? 0, probes[3] ?? 0);
    if (rowPower < MIN_TONE_POWER || columnPower < MIN_TONE_POWER) return NO_KEY;
    if (columnPower > rowPower * NORMAL_TWIST || rowPower > columnPower * REVERSE_TWIST) return NO_KEY;
    // 2 |X|^2 / N is a tone's energy over the block, comparable with the sum of squares.
    const share = (2 * (rowPower + columnPower)) / (N * energy);
    if (share < WEAK_ENERGY_RATIO) return NO_KEY;
    this.#strong =
      share >= STRONG_ENERGY_RATIO &&
      isClearPeak(power, 0, row, rowPower) &&
      isClearPeak(power, 4, column, columnPower) &&
      Math.abs(frequencyDeviation(block, row)) <= MAX_DEVIATION &&
      Math.abs(frequencyDeviation(block, column)) <= MAX_DEVIATION;
    return row * 4 + (column - 4);
  }

  /** The duration rule of the module comment; answers the key when it is newly reported. */
  #track(key: number, strong: boolean): string | null {
    if (key !== NO_KEY && key === this.#runKey) {
      this.#runBlocks += 1;
      if (strong) this.#runStrong += 1;
    } else {
      this.#runKey = key;
      this.#runBlocks = key === NO_KEY ? 0 : 1;
      this.#runStrong = key !== NO_KEY && strong ? 1 : 0;
    }
    if (this.#heldKey !== NO_KEY) {
      if (key === this.#heldKey) this.#misses = 0;
      else if (++this.#misses >= BLOCKS_TO_RELEASE) this.#heldKey = NO_KEY;
    }
    const confirmed = this.#runBlocks >= BLOCKS_TO_REPORT && this.#runStrong >= STRONG_BLOCKS_TO_REPORT;
    if (!confirmed || this.#runKey === this.#heldKey) return null;
    this.#heldKey = this.#runKey;
    this.#misses = 0;
    return KEYS[this.#runKey] ?? null;
  }
}

/**
 * |X(f)|^2 of `block` at four frequencies (Goertzel coefficients `c0`..`c3`), into `out[at..at + 3]`.
 * The four recurrences run side by side: each is a chain of dependent multiply-adds, so one at a
 * time leaves the processor waiting, and four together cost little more than one.
 */
function goertzel4(
  block: Float64Array,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  out: Float64Array,
  at: number,
): void {
  let a1 = 0;
  let a2 = 0;
  let b1 = 0;
  let b2 = 0;
  let d1 = 0;
  let d2 = 0;
  let e1 = 0;
  let e2 = 0;
  for (let i = 0; i < block.length; i++) {
    const x = block[i] ?? 0;
    const a0 = x + c0 * a1 - a2;
    const b0 = x + c1 * b1 - b2;
    const d0 = x + c2 * d1 - d2;
    const e0 = x + c3 * e1 - e2;
    a2 = a1;
    a1 = a0;
    b2 = b1;
    b1 = b0;
    d2 = d1;
    d1 = d0;
    e2 = e1;
    e1 = e0;
  }
  out[at] = a1 * a1 + a2 * a2 - c0 * a1 * a2;
  out[at + 1] = b1 * b1 + b2 * b2 - c1 * b1 * b2;
  out[at + 2] = d1 * d1 + d2 * d2 - c2 * d1 * d2;
  out[at + 3] = e1 * e1 + e2 * e2 - c3 * e1 * e2;
}

/**
 * The relative deviation from frequency `k` of the tone near it. Over each half of the block (M
 * samples) the DFT at the nominal frequency turns by 2 pi df M / fs for a tone off by df, so the
 * phase between the halves' DFTs measures df finely, where 105 samples of power alone cannot tell
 * 697 Hz from 707 Hz.
 */
function frequencyDeviation(block: Float64Array, k: number): number {
  const base = k * 2 * HALF;
  let re1 = 0;
  let im1 = 0;
  let re2 = 0;
  let im2 = 0;
  for (let n = 0; n < HALF; n++) {
    const x1 = block[n] ?? 0;
    const x2 = block[n + HALF] ?? 0;
    re1 += x1 * (PHASOR_COS[base + n] ?? 0);
    im1 -= x1 * (PHASOR_SIN[base + n] ?? 0);
    re2 += x2 * (PHASOR_COS[base + n + HALF] ?? 0);
    im2 -= x2 * (PHASOR_SIN[base + n + HALF] ?? 0);
  }
  // arg(X2 conj(X1)): the turn between the halves.
  const turn = Math.atan2(im2 * re1 - re2 * im1, re2 * re1 + im2 * im1);
  return (turn * DTMF_SAMPLE_RATE_HZ) / (2 * Math.PI * HALF * (FREQUENCIES_HZ[k] ?? 1));
}

/** Index of the strongest of the four tones from `first`. */
function strongestOf(power: Float64Array, first: number): number {
  let best = first;
  for (let k = first + 1; k < first + 4; k++) if ((power[k] ?? 0) > (power[best] ?? 0)) best = k;
  return best;
}

/** Whether tone `peak`, of power `peakPower`, stands RELATIVE_PEAK_DB above the rest of its group. */
function isClearPeak(power: Float64Array, first: number, peak: number, peakPower: number): boolean {
  const limit = peakPower / RELATIVE_PEAK;
  for (let k = first; k < first + 4; k++) if (k !== peak && (power[k] ?? 0) > limit) return false;
  return true;
}
