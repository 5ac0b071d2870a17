/**
 * Sample-rate conversion for prompts: band-limited interpolation with a
 * Kaiser-windowed sinc low-pass (J. O. Smith, "Digital Audio Resampling",
 * https://ccrma.stanford.edu/~jos/resample/). Each output sample is the input
 * convolved with the kernel centred on the output instant, so any ratio works
 * (44.1 kHz to 8 kHz included) and content above the lower rate's Nyquist
 * frequency is filtered out instead of folding back into the band as
 * linear interpolation lets it.
 */

/** Stopband attenuation of the anti-aliasing filter: below G.711's ~38 dB SNR floor with margin. */
export const STOPBAND_ATTENUATION_DB = 70;

/** Cutoff as a fraction of the lower rate: 3650 Hz at 8 kHz, between speech (<= 3400 Hz) and Nyquist. */
const CUTOFF_RATIO = 0.45625;

/** Transition band as a fraction of the lower rate: 700 Hz at 8 kHz, so the stopband starts at 4 kHz. */
const TRANSITION_RATIO = 0.0875;

/** Kernel table entries per input sample; linear interpolation between them stays below -90 dB. */
const TABLE_STEPS_PER_SAMPLE = 256;

/** Most filter phases precomputed: 44.1 kHz to 8 kHz needs 80, 11.025 kHz 320, 48 kHz one. */
const MAX_PHASES = 1024;

/**
 * One direction of conversion. When the rate ratio reduces to L/M with at
 * most {@link MAX_PHASES} phases, the kernel is precomputed for each of the L
 * output phases (a polyphase filter: one multiply-add per tap); otherwise it
 * is tabulated finely and interpolated at each tap.
 */
export interface ResamplingKernel {
  readonly fromRateHz: number;
  readonly toRateHz: number;
  /** Half the kernel's length, in input samples; a phase has `2 * halfWidth + 1` taps. */
  readonly halfWidth: number;
  /** L: output samples per period of the ratio (phases), and M: input samples per period. */
  readonly phaseCount: number;
  readonly inputStride: number;
  /** Phase p's taps at `[p * taps, (p + 1) * taps)`, or null when the ratio has too many phases. */
  readonly phases: Float32Array | null;
  /** Otherwise the kernel from 0 to `halfWidth` input samples, `TABLE_STEPS_PER_SAMPLE` entries per sample. */
  readonly table: Float32Array | null;
}

/** Zeroth-order modified Bessel function of the first kind, by its power series (Kaiser window). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (x * x) / 4;
  for (let k = 1; k < 64 && term > sum * 1e-12; k += 1) {
    term *= quarterSquare / (k * k);
    sum += term;
  }
  return sum;
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/**
 * The low-pass for `fromRateHz` to `toRateHz` as a function of the distance
 * in input samples: cutoff and transition scale with the lower rate, the
 * length follows Kaiser's formula for {@link STOPBAND_ATTENUATION_DB}.
 */
function designLowPass(
  fromRateHz: number,
  toRateHz: number,
): { halfWidth: number; at: (d: number) => number } {
  const lowRateHz = Math.min(fromRateHz, toRateHz);
  const attenuation = STOPBAND_ATTENUATION_DB;
  // Kaiser's design formulas (Oppenheim & Schafer, 7.6): beta for the attenuation, length for the transition.
  const beta = 0.1102 * (attenuation - 8.7);
  const lengthS = (attenuation - 7.95) / (14.36 * TRANSITION_RATIO * lowRateHz);
  const halfWidth = Math.max(1, Math.ceil((lengthS * fromRateHz) / 2));
  const cycles = (2 * CUTOFF_RATIO * lowRateHz) / fromRateHz; // sinc zero crossings per input sample, halved
  const windowNorm = besselI0(beta);
  const at = (d: number): number => {
    const ratio = Math.abs(d) / halfWidth;
    if (ratio > 1) return 0;
    const x = Math.PI * cycles * d;
    const sinc = x === 0 ? 1 : Math.sin(x) / x;
    return (cycles * sinc * besselI0(beta * Math.sqrt(1 - ratio * ratio))) / windowNorm;
  };
  return { halfWidth, at };
}

/** Designs and tabulates the anti-aliasing (or anti-imaging) low-pass for one conversion. */
export function buildResamplingKernel(fromRateHz: number, toRateHz: number): ResamplingKernel {
  if (!(fromRateHz > 0 && toRateHz > 0)) throw new Error('sample rates must be positive');
  const { halfWidth, at } = designLowPass(fromRateHz, toRateHz);
  const integral = Number.isInteger(fromRateHz) && Number.isInteger(toRateHz);
  const divisor = integral ? greatestCommonDivisor(fromRateHz, toRateHz) : 1;
  const phaseCount = toRateHz / divisor;
  const inputStride = fromRateHz / divisor;
  if (!integral || phaseCount > MAX_PHASES) {
    const table = new Float32Array(halfWidth * TABLE_STEPS_PER_SAMPLE + 2);
    for (let i = 0; i < table.length; i += 1) table[i] = at(i / TABLE_STEPS_PER_SAMPLE);
    return { fromRateHz, toRateHz, halfWidth, phaseCount, inputStride, phases: null, table };
  }
  const taps = 2 * halfWidth + 1;
  const phases = new Float32Array(phaseCount * taps);
  for (let p = 0; p < phaseCount; p += 1) {
    for (let j = -halfWidth; j <= halfWidth; j += 1)
      phases[p * taps + j + halfWidth] = at(j - p / phaseCount);
  }
  return { fromRateHz, toRateHz, halfWidth, phaseCount, inputStride, phases, table: null };
}

/** Converts mono float PCM between two rates; the kernel is built once per instance. */
export class PcmResampler {
  readonly kernel: ResamplingKernel;

  constructor(fromRateHz: number, toRateHz: number) {
    this.kernel = buildResamplingKernel(fromRateHz, toRateHz);
  }

  /** Output samples for `inputLength` input samples: the same duration, rounded. */
  outputLength(inputLength: number): number {
    return Math.round((inputLength * this.kernel.toRateHz) / this.kernel.fromRateHz);
  }

  /**
   * Writes output samples `[outStart, outEnd)` into `output`. Split a long
   * signal into slices to let other work run between them; the result is the
   * same as in one pass. Samples outside the input count as silence.
   */
  process(input: Float32Array, output: Float32Array, outStart: number, outEnd: number): void {
    const { phases, table } = this.kernel;
    if (phases !== null) this.#polyphase(phases, input, output, outStart, outEnd);
    else if (table !== null) this.#interpolated(table, input, output, outStart, outEnd);
  }

  #polyphase(
    phases: Float32Array,
    input: Float32Array,
    output: Float32Array,
    outStart: number,
    outEnd: number,
  ): void {
    const { halfWidth, phaseCount, inputStride } = this.kernel;
    const taps = 2 * halfWidth + 1;
    for (let n = outStart; n < outEnd; n += 1) {
      const position = n * inputStride;
      const base = Math.floor(position / phaseCount);
      const offset = (position - base * phaseCount) * taps;
      const first = base - halfWidth;
      const to = Math.min(taps, input.length - first);
      let i = Math.max(0, -first);
      // Four partial sums: the additions no longer wait on each other (about twice as fast in V8).
      let sum0 = 0;
      let sum1 = 0;
      let sum2 = 0;
      let sum3 = 0;
      for (; i + 3 < to; i += 4) {
        const k = first + i;
        const c = offset + i;
        sum0 += (input[k] ?? 0) * (phases[c] ?? 0);
        sum1 += (input[k + 1] ?? 0) * (phases[c + 1] ?? 0);
        sum2 += (input[k + 2] ?? 0) * (phases[c + 2] ?? 0);
        sum3 += (input[k + 3] ?? 0) * (phases[c + 3] ?? 0);
      }
      for (; i < to; i += 1) sum0 += (input[first + i] ?? 0) * (phases[offset + i] ?? 0);
      output[n] = sum0 + sum1 + sum2 + sum3;
    }
  }

  #interpolated(
    table: Float32Array,
    input: Float32Array,
    output: Float32Array,
    outStart: number,
    outEnd: number,
  ): void {
    const { halfWidth, fromRateHz, toRateHz } = this.kernel;
    const step = fromRateHz / toRateHz;
    const last = input.length - 1;
    for (let n = outStart; n < outEnd; n += 1) {
      const centre = n * step;
      const first = Math.max(0, Math.ceil(centre - halfWidth));
      const end = Math.min(last, Math.floor(centre + halfWidth));
      let acc = 0;
      for (let k = first; k <= end; k += 1) {
        const position = Math.abs(k - centre) * TABLE_STEPS_PER_SAMPLE;
        const index = position | 0;
        const below = table[index] ?? 0;
        const above = table[index + 1] ?? 0;
        acc += (input[k] ?? 0) * (below + (position - index) * (above - below));
      }
      output[n] = acc;
    }
  }
}

/** Resamples a whole signal in one pass (see {@link PcmResampler.process} for slices). */
export function resamplePcm(input: Float32Array, fromRateHz: number, toRateHz: number): Float32Array {
  if (fromRateHz === toRateHz) return input.slice();
  const resampler = new PcmResampler(fromRateHz, toRateHz);
  const output = new Float32Array(resampler.outputLength(input.length));
  resampler.process(input, output, 0, output.length);
  return output;
}
