/**
 * ITU-T G.711 companding: µ-law (PCMU, payload type 0) and A-law (PCMA, payload type 8), the two
 * codecs every SIP phone offers (RFC 3551 section 4.5.14,
 * https://www.rfc-editor.org/rfc/rfc3551#section-4.5.14).
 *
 * G.711 codes a sample as sign, a 3-bit segment (exponent) and a 4-bit position inside the segment
 * (mantissa). Each segment doubles the quantisation step of the one below. The recommendation states
 * its tables on 14-bit (µ-law) and 13-bit (A-law) linear values; here samples are signed 16-bit
 * integers, the same scales multiplied by 4 and by 8. The bits on the wire are inverted (µ-law) or
 * XOR-ed with 0x55 (A-law, "even bit inversion") so that silence does not send long runs of zeros.
 *
 * Decoding reads a 256-entry table built once at load. Encoding is the segment arithmetic itself:
 * `Math.clz32` finds the segment in one instruction, so no 16K table is needed.
 */

/** µ-law bias (33 in the recommendation's 14-bit scale): moves the segment edges to powers of two. */
const MU_LAW_BIAS = 0x84;
/** Largest magnitude µ-law codes (8159 - 33 in 14-bit scale); louder samples clip to segment 7. */
const MU_LAW_CLIP = 32635;
/** A-law sign-and-even-bit inversion mask for a positive sample; 0x55 for a negative one. */
const A_LAW_POSITIVE_MASK = 0xd5;
const A_LAW_NEGATIVE_MASK = 0x55;

/** The segment a biased µ-law magnitude in [128, 32768) falls in: its top set bit, minus 7. */
function muLawSegment(biased: number): number {
  return 24 - Math.clz32(biased);
}

/**
 * Encodes one linear sample to a µ-law code.
 * @param sample signed 16-bit integer; values outside the range are clipped.
 * @returns the code byte as sent on the wire (0..255).
 */
export function linearToMuLaw(sample: number): number {
  // The sign bit is 1 for positive samples after the final inversion (G.711 table 2a).
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = sample < 0 ? -sample : sample;
  if (magnitude > MU_LAW_CLIP) magnitude = MU_LAW_CLIP;
  const biased = magnitude + MU_LAW_BIAS;
  const segment = muLawSegment(biased);
  const mantissa = (biased >> (segment + 3)) & 0x0f;
  return ~(sign | (segment << 4) | mantissa) & 0xff;
}

/** The reconstruction value of a µ-law code: the middle of its quantisation interval. */
function muLawValue(code: number): number {
  const inverted = ~code & 0xff;
  const segment = (inverted >> 4) & 0x07;
  const mantissa = inverted & 0x0f;
  const magnitude = (((mantissa << 3) + MU_LAW_BIAS) << segment) - MU_LAW_BIAS;
  // `0 - x` rather than `-x`: code 0x7F ("negative zero") must decode to +0, not -0.
  return inverted & 0x80 ? 0 - magnitude : magnitude;
}

/**
 * Encodes one linear sample to an A-law code.
 * @param sample signed 16-bit integer; values outside the range are clipped.
 * @returns the code byte as sent on the wire (0..255).
 */
export function linearToALaw(sample: number): number {
  const clipped = sample > 32767 ? 32767 : sample < -32768 ? -32768 : sample;
  // A-law is defined on two's-complement values: -1 lies in the first negative interval, so the
  // magnitude of a negative sample is its one's complement (-x - 1), as G.711 table 1a counts.
  const mask = clipped >= 0 ? A_LAW_POSITIVE_MASK : A_LAW_NEGATIVE_MASK;
  const magnitude = clipped >= 0 ? clipped : ~clipped;
  if (magnitude < 256) return ((magnitude >> 4) ^ mask) & 0xff;
  // Segment s (1..7) spans [128 << s, 256 << s) with a step of 8 << s.
  const segment = 24 - Math.clz32(magnitude);
  const mantissa = (magnitude >> (segment + 3)) & 0x0f;
  return ((segment << 4) | mantissa) ^ mask;
}

/** The reconstruction value of an A-law code: the middle of its quantisation interval. */
function aLawValue(code: number): number {
  const bits = code ^ 0x55;
  const segment = (bits >> 4) & 0x07;
  const mantissa = bits & 0x0f;
  const magnitude = segment === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (segment - 1);
  return bits & 0x80 ? magnitude : -magnitude;
}

function buildTable(decode: (code: number) => number): Int16Array {
  const table = new Int16Array(256);
  for (let code = 0; code < 256; code++) table[code] = decode(code);
  return table;
}

const MU_LAW_TABLE = buildTable(muLawValue);
const A_LAW_TABLE = buildTable(aLawValue);

/**
 * Each code's linear value (index: the code), for loops that decode as they go, such as the in-band
 * DTMF detector's. Shared: read them, never write.
 */
export const MU_LAW_DECODE_TABLE: Readonly<Int16Array> = MU_LAW_TABLE;
export const A_LAW_DECODE_TABLE: Readonly<Int16Array> = A_LAW_TABLE;

/** Decodes one µ-law code (0..255) to a signed 16-bit sample. */
export function muLawToLinear(code: number): number {
  return MU_LAW_TABLE[code & 0xff] ?? 0;
}

/** Decodes one A-law code (0..255) to a signed 16-bit sample. */
export function aLawToLinear(code: number): number {
  return A_LAW_TABLE[code & 0xff] ?? 0;
}

/** Encodes `pcm` to µ-law codes written at `out[outOffset..]`; `out` must have room for them. */
export function encodeMuLaw(pcm: Int16Array, out: Uint8Array, outOffset = 0): void {
  checkRoom(pcm.length, out.length, outOffset);
  for (let i = 0; i < pcm.length; i++) out[outOffset + i] = linearToMuLaw(pcm[i] ?? 0);
}

/** Decodes µ-law `codes` to samples written at `out[outOffset..]`; `out` must have room for them. */
export function decodeMuLaw(codes: Uint8Array, out: Int16Array, outOffset = 0): void {
  checkRoom(codes.length, out.length, outOffset);
  for (let i = 0; i < codes.length; i++) out[outOffset + i] = MU_LAW_TABLE[codes[i] ?? 0xff] ?? 0;
}

/** Encodes `pcm` to A-law codes written at `out[outOffset..]`; `out` must have room for them. */
export function encodeALaw(pcm: Int16Array, out: Uint8Array, outOffset = 0): void {
  checkRoom(pcm.length, out.length, outOffset);
  for (let i = 0; i < pcm.length; i++) out[outOffset + i] = linearToALaw(pcm[i] ?? 0);
}

/** Decodes A-law `codes` to samples written at `out[outOffset..]`; `out` must have room for them. */
export function decodeALaw(codes: Uint8Array, out: Int16Array, outOffset = 0): void {
  checkRoom(codes.length, out.length, outOffset);
  for (let i = 0; i < codes.length; i++) out[outOffset + i] = A_LAW_TABLE[codes[i] ?? 0xd5] ?? 0;
}

/** A typed array silently drops writes past its end; a short output buffer is a caller bug. */
function checkRoom(count: number, outLength: number, outOffset: number): void {
  if (outOffset < 0 || outOffset + count > outLength) {
    throw new RangeError(`G.711: ${count} samples do not fit at offset ${outOffset} of ${outLength}`);
  }
}
