/**
 * The WAV files the softphone tests exchange with baresip: 16-bit PCM, what its `aufile` source
 * requires and what its `sndfile` recorder writes. Read and written here, not with Voxgate's
 * decoder, so a recording is judged by code that is not under test.
 *
 * RIFF layout (little-endian): "RIFF" size "WAVE", then chunks of id(4) size(4) data, padded to an
 * even length; "fmt " holds format tag 1 (PCM), channels, rate, byte rate, block align, bits.
 */

export interface Pcm16Audio {
  readonly sampleRateHz: number;
  readonly channels: number;
  /** The first channel's samples. */
  readonly samples: Int16Array;
}

export type Pcm16WavResult = { ok: true; value: Pcm16Audio } | { ok: false; reason: string };

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
const FMT_PCM_BYTES = 16;
const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const BITS_PER_SAMPLE = 16;

function fourCc(bytes: Buffer, offset: number): string {
  return bytes.toString('latin1', offset, offset + 4);
}

interface Chunks {
  fmt: Buffer | null;
  data: Buffer | null;
}

function readChunks(bytes: Buffer): Chunks {
  const chunks: Chunks = { fmt: null, data: null };
  let offset = RIFF_HEADER_BYTES;
  while (offset + CHUNK_HEADER_BYTES <= bytes.length) {
    const id = fourCc(bytes, offset);
    const declared = bytes.readUInt32LE(offset + 4);
    const start = offset + CHUNK_HEADER_BYTES;
    // A recorder killed before closing leaves the data size at 0 (or -1): take the rest of the file.
    const size =
      id === 'data' && (declared === 0 || declared === 0xffffffff) ? bytes.length - start : declared;
    const body = bytes.subarray(start, Math.min(bytes.length, start + size));
    if (id === 'fmt ') chunks.fmt = body;
    if (id === 'data') chunks.data = body;
    offset = start + size + (size % 2);
  }
  return chunks;
}

/** Parses a 16-bit PCM WAV file; anything else is a failure naming the defect. */
export function parsePcm16Wav(input: Uint8Array): Pcm16WavResult {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length < RIFF_HEADER_BYTES || fourCc(bytes, 0) !== 'RIFF' || fourCc(bytes, 8) !== 'WAVE') {
    return { ok: false, reason: 'not a RIFF WAVE file' };
  }
  const { fmt, data } = readChunks(bytes);
  if (fmt === null || fmt.length < FMT_PCM_BYTES) return { ok: false, reason: 'no complete fmt chunk' };
  if (data === null) return { ok: false, reason: 'no data chunk' };
  const tag = fmt.readUInt16LE(0);
  const channels = fmt.readUInt16LE(2);
  const sampleRateHz = fmt.readUInt32LE(4);
  const bits = fmt.readUInt16LE(14);
  if ((tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_EXTENSIBLE) || bits !== BITS_PER_SAMPLE) {
    return { ok: false, reason: `format tag ${tag} with ${bits} bits, not 16-bit PCM` };
  }
  if (channels < 1 || sampleRateHz < 1)
    return { ok: false, reason: `${channels} channels at ${sampleRateHz} Hz` };
  const frames = Math.floor(data.length / (2 * channels));
  const samples = new Int16Array(frames);
  for (let frame = 0; frame < frames; frame += 1) samples[frame] = data.readInt16LE(frame * 2 * channels);
  return { ok: true, value: { sampleRateHz, channels, samples } };
}

/** A mono 16-bit PCM WAV file of the samples. */
export function serializePcm16Wav(samples: Int16Array, sampleRateHz: number): Buffer {
  const dataBytes = samples.length * 2;
  const out = Buffer.alloc(
    RIFF_HEADER_BYTES + CHUNK_HEADER_BYTES + FMT_PCM_BYTES + CHUNK_HEADER_BYTES + dataBytes,
  );
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(out.length - 8, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(FMT_PCM_BYTES, 16);
  out.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRateHz, 24);
  out.writeUInt32LE(sampleRateHz * 2, 28); // byte rate
  out.writeUInt16LE(2, 32); // block align
  out.writeUInt16LE(BITS_PER_SAMPLE, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(dataBytes, 40);
  for (let n = 0; n < samples.length; n += 1) out.writeInt16LE(samples[n] ?? 0, 44 + n * 2);
  return out;
}

/** A sine wave: the audio baresip sends when a test does not care what the caller says. */
export function synthesizeSine(
  durationMs: number,
  frequencyHz: number,
  peak: number,
  sampleRateHz: number,
): Int16Array {
  const samples = new Int16Array(Math.round((durationMs * sampleRateHz) / 1000));
  for (let n = 0; n < samples.length; n += 1) {
    samples[n] = Math.round(peak * Math.sin((2 * Math.PI * frequencyHz * n) / sampleRateHz));
  }
  return samples;
}
