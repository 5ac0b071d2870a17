/**
 * Decodes a WAV file of any rate, depth and channel count (PCM 8 to 32 bits,
 * IEEE float 32 or 64 bits, G.711 µ-law and A-law) into what every prompt is
 * played from: 8 kHz mono signed 16-bit PCM. The `wavefile` package parses
 * the RIFF chunks; reading samples, the down-mix and the resampler are ours.
 * IMA ADPCM is refused: wavefile 11's ADPCM decoder turned a sox-written file
 * into noise of the wrong length. Hostile bytes end in a
 * failure value, never an exception.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import wavefile from 'wavefile';
import { PcmResampler } from './pcm-resampler.js';
import {
  readMonoSamples,
  WAV_SAMPLE_KIND,
  type WavSampleKind,
  type WavSampleLayout,
} from './wav-sample-reader.js';

/** The rate of G.711 telephony audio (RFC 3551 section 4.5.14). */
export const PROMPT_SAMPLE_RATE_HZ = 8000;

/** Longest prompt accepted unless told otherwise: a hold-music loop, not an audiobook. */
export const DEFAULT_MAX_PROMPT_DURATION_MS = 15 * 60 * 1000;

/**
 * Kernel taps computed between two turns of the event loop: a few milliseconds
 * of work, so a long prompt never holds the media clock up.
 */
const TAPS_PER_SLICE = 1_000_000;
/** At least one 20 ms frame per slice. */
const MIN_SLICE_SAMPLES = 160;

const MIN_SOURCE_RATE_HZ = 1000;
/** The highest common studio rate; the kernel's length, and so the work per sample, grows with the rate. */
const MAX_SOURCE_RATE_HZ = 192_000;
const MAX_CHANNELS = 32;
const RIFF_HEADER_BYTES = 12;

export interface WavDecodeOptions {
  /** Longer files are refused; default {@link DEFAULT_MAX_PROMPT_DURATION_MS}. */
  readonly maxDurationMs?: number;
  /** Stops a long decode between slices. */
  readonly signal?: AbortSignal;
}

/** A decoded prompt: 8 kHz mono, plus what the source was (for logs). */
export interface DecodedWav {
  readonly samples: Int16Array;
  readonly sourceRateHz: number;
  readonly sourceChannels: number;
  /** wavefile's bit depth code of the source: `8`, `16`, `24`, `32`, `32f`, `64`, `8m` (µ-law), `8a` (A-law). */
  readonly sourceBitDepth: string;
}

export type WavDecodeResult = { ok: true; value: DecodedWav } | { ok: false; reason: string };

type WaveFile = InstanceType<typeof wavefile.WaveFile>;

/** WAVE format tags (RFC 2361 appendix A). */
const FORMAT_TAG = { pcm: 1, float: 3, aLaw: 6, muLaw: 7, extensible: 0xfffe } as const;

function failure(reason: string): WavDecodeResult {
  return { ok: false, reason };
}

function hasRiffWaveHeader(bytes: Uint8Array): boolean {
  if (bytes.length < RIFF_HEADER_BYTES) return false;
  const container = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0);
  const format = String.fromCharCode(bytes[8] ?? 0, bytes[9] ?? 0, bytes[10] ?? 0, bytes[11] ?? 0);
  return (container === 'RIFF' || container === 'RIFX' || container === 'RF64') && format === 'WAVE';
}

function fmtField(wav: WaveFile, field: string): unknown {
  return (wav.fmt as Record<string, unknown>)[field];
}

function fmtNumber(wav: WaveFile, field: string): number {
  const value = fmtField(wav, field);
  return typeof value === 'number' ? value : Number.NaN;
}

/** The format tag, looking through WAVE_FORMAT_EXTENSIBLE to its sub-format GUID's first field. */
function formatTag(wav: WaveFile): number {
  const tag = fmtNumber(wav, 'audioFormat');
  if (tag !== FORMAT_TAG.extensible) return tag;
  const subformat = fmtField(wav, 'subformat');
  return Array.isArray(subformat) && typeof subformat[0] === 'number' ? subformat[0] : Number.NaN;
}

/** The sample kind of a format tag; null for the rest (IMA ADPCM, MS ADPCM, MP3 in WAV, ...). */
function sampleKind(tag: number, bytesPerSample: number): WavSampleKind | null {
  switch (tag) {
    case FORMAT_TAG.pcm:
      return bytesPerSample === 1 ? WAV_SAMPLE_KIND.unsigned8 : WAV_SAMPLE_KIND.signed;
    case FORMAT_TAG.float:
      return WAV_SAMPLE_KIND.float;
    case FORMAT_TAG.muLaw:
      return WAV_SAMPLE_KIND.muLaw;
    case FORMAT_TAG.aLaw:
      return WAV_SAMPLE_KIND.aLaw;
    default:
      return null;
  }
}

/** How to read the `data` chunk, from the `fmt ` chunk. */
function sampleLayout(wav: WaveFile, channels: number): WavSampleLayout | null {
  const bytesPerSample = fmtNumber(wav, 'blockAlign') / channels;
  if (!Number.isInteger(bytesPerSample) || bytesPerSample < 1) return null;
  const kind = sampleKind(formatTag(wav), bytesPerSample);
  return kind === null ? null : { kind, bytesPerSample, channels, bigEndian: wav.container === 'RIFX' };
}

function dataBytes(wav: WaveFile): Uint8Array {
  const samples = (wav.data as Record<string, unknown>)['samples'];
  return samples instanceof Uint8Array ? samples : new Uint8Array(0);
}

function toInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i += 1) {
    const value = Math.round((samples[i] ?? 0) * 32768);
    out[i] = value > 32767 ? 32767 : value < -32768 ? -32768 : value;
  }
  return out;
}

/** Resamples to 8 kHz a slice at a time, yielding to the event loop between slices. */
async function resampleTo8k(
  mono: Float32Array,
  fromRateHz: number,
  signal?: AbortSignal,
): Promise<Float32Array | null> {
  if (fromRateHz === PROMPT_SAMPLE_RATE_HZ) return mono;
  const resampler = new PcmResampler(fromRateHz, PROMPT_SAMPLE_RATE_HZ);
  const output = new Float32Array(resampler.outputLength(mono.length));
  const slice = Math.max(MIN_SLICE_SAMPLES, Math.floor(TAPS_PER_SLICE / (2 * resampler.kernel.halfWidth)));
  for (let start = 0; start < output.length; start += slice) {
    if (start > 0) await yieldToEventLoop();
    if (signal?.aborted === true) return null;
    resampler.process(mono, output, start, Math.min(output.length, start + slice));
  }
  return output;
}

/** The parsed file, its source format code, and 8 kHz-bound mono samples; or why not. */
function readSource(bytes: Uint8Array, maxDurationMs: number): SourceResult {
  if (!hasRiffWaveHeader(bytes)) return { ok: false, reason: 'not a WAV file (no RIFF/WAVE header)' };
  let wav: WaveFile;
  let sourceBitDepth: string;
  try {
    wav = new wavefile.WaveFile(bytes);
    sourceBitDepth = wav.bitDepth;
  } catch (error) {
    return { ok: false, reason: `malformed WAV: ${error instanceof Error ? error.message : String(error)}` };
  }
  const rateHz = fmtNumber(wav, 'sampleRate');
  const channels = fmtNumber(wav, 'numChannels');
  if (!Number.isInteger(rateHz) || rateHz < MIN_SOURCE_RATE_HZ || rateHz > MAX_SOURCE_RATE_HZ) {
    return { ok: false, reason: `unsupported sample rate ${rateHz} Hz` };
  }
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
    return { ok: false, reason: `unsupported channel count ${channels}` };
  }
  const layout = sampleLayout(wav, channels);
  if (layout === null)
    return { ok: false, reason: `unsupported sample format (bit depth ${sourceBitDepth})` };
  const data = dataBytes(wav);
  const durationMs = (data.byteLength / (layout.bytesPerSample * channels) / rateHz) * 1000;
  if (durationMs > maxDurationMs) return { ok: false, reason: `prompt longer than ${maxDurationMs} ms` };
  const mono = readMonoSamples(data, layout);
  if (mono === null) return { ok: false, reason: `unsupported sample format (bit depth ${sourceBitDepth})` };
  return { ok: true, mono, rateHz, channels, sourceBitDepth };
}

type SourceResult =
  | { ok: true; mono: Float32Array; rateHz: number; channels: number; sourceBitDepth: string }
  | { ok: false; reason: string };

/**
 * Decodes `bytes` to 8 kHz mono 16-bit PCM: down-mixes by averaging the
 * channels (wav-sample-reader.ts), then resamples with an anti-aliasing
 * low-pass (pcm-resampler.ts). Never throws on hostile bytes.
 */
export async function decodeWav(bytes: Uint8Array, options: WavDecodeOptions = {}): Promise<WavDecodeResult> {
  const source = readSource(bytes, options.maxDurationMs ?? DEFAULT_MAX_PROMPT_DURATION_MS);
  if (!source.ok) return source;
  const resampled = await resampleTo8k(source.mono, source.rateHz, options.signal);
  if (resampled === null) return failure('aborted');
  const { rateHz: sourceRateHz, channels: sourceChannels, sourceBitDepth } = source;
  return { ok: true, value: { samples: toInt16(resampled), sourceRateHz, sourceChannels, sourceBitDepth } };
}
