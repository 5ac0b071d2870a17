/**
 * Signals and measurements shared by the prompt tests: pure tones, zero
 * crossings (a tone's frequency), RMS level, and WAV files built with the
 * wavefile package's writer.
 */
import wavefile from 'wavefile';

/** `durationS` of a sine at `frequencyHz`, sampled at `rateHz`, peak `amplitude` (full scale 1). */
export function sineWave(
  frequencyHz: number,
  rateHz: number,
  durationS: number,
  amplitude = 0.5,
): Float64Array {
  const samples = new Float64Array(Math.round(rateHz * durationS));
  for (let i = 0; i < samples.length; i += 1)
    samples[i] = amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / rateHz);
  return samples;
}

/** Scales unit floats to signed integers of `bits` bits. */
export function toIntegers(samples: Float64Array, bits: number): Float64Array {
  const full = 2 ** (bits - 1) - 1;
  return samples.map((value) => Math.round(value * full));
}

/** Sign changes between consecutive samples, skipping exact zeros. */
export function countZeroCrossings(samples: ArrayLike<number>, from = 0, to = samples.length): number {
  let crossings = 0;
  let previous = 0;
  for (let i = from; i < to; i += 1) {
    const value = samples[i] ?? 0;
    if (value === 0) continue;
    if (previous !== 0 && Math.sign(value) !== Math.sign(previous)) crossings += 1;
    previous = value;
  }
  return crossings;
}

/** Root mean square of `samples[from, to)`. */
export function rms(samples: ArrayLike<number>, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i += 1) sum += (samples[i] ?? 0) ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

/** A WAV file as wavefile writes it; `channels` are per-channel sample arrays in the depth's units. */
export function buildWav(
  rateHz: number,
  bitDepth: string,
  channels: readonly ArrayLike<number>[],
  options: { container?: 'RIFF' | 'RIFX' } = {},
): Buffer {
  const wav = new wavefile.WaveFile();
  const samples =
    channels.length === 1 ? Array.from(channels[0]!) : channels.map((channel) => Array.from(channel));
  wav.fromScratch(channels.length, rateHz, bitDepth, samples, options);
  return Buffer.from(wav.toBuffer());
}
