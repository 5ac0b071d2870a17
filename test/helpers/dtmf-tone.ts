/**
 * In-band DTMF as a caller's phone plays it: two sine waves, one from the low (row) group and one
 * from the high (column) group of the keypad (ITU-T Q.23; RFC 4733 section 3.2 recalls the grid,
 * https://www.rfc-editor.org/rfc/rfc4733#section-3.2).
 */

/** Row and column frequencies of each key, in Hz (ITU-T Q.23 table 1). */
export const DTMF_FREQUENCIES_HZ: Readonly<Record<string, readonly [number, number]>> = {
  '1': [697, 1209],
  '2': [697, 1336],
  '3': [697, 1477],
  A: [697, 1633],
  '4': [770, 1209],
  '5': [770, 1336],
  '6': [770, 1477],
  B: [770, 1633],
  '7': [852, 1209],
  '8': [852, 1336],
  '9': [852, 1477],
  C: [852, 1633],
  '*': [941, 1209],
  '0': [941, 1336],
  '#': [941, 1477],
  D: [941, 1633],
};

/** G.711's sample rate (RFC 3551 section 4.5.14). */
export const G711_SAMPLE_RATE_HZ = 8000;

/**
 * Peak of a 0 dBm0 sine in signed 16-bit samples for µ-law: G.711 puts the codec's overload point
 * (full scale, 8159 in its 14-bit scale, 32636 here) at +3.17 dBm0, so 0 dBm0 peaks 3.17 dB below.
 */
export const DBM0_SINE_PEAK_16BIT = 32636 * 10 ** (-3.17 / 20);

export interface DtmfToneOptions {
  readonly durationMs: number;
  /** Level of each of the two tones; default -10 dBm0 (Q.24 accepts roughly -3 to -25 per tone). */
  readonly levelDbm0?: number;
  readonly sampleRateHz?: number;
}

/** The two-tone signal of a key as signed 16-bit samples. */
export function synthesizeDtmfTone(key: string, options: DtmfToneOptions): Int16Array {
  const frequencies = DTMF_FREQUENCIES_HZ[key];
  if (frequencies === undefined) throw new Error(`not a DTMF key: ${JSON.stringify(key)}`);
  const rate = options.sampleRateHz ?? G711_SAMPLE_RATE_HZ;
  const amplitude = DBM0_SINE_PEAK_16BIT * 10 ** ((options.levelDbm0 ?? -10) / 20);
  const [low, high] = frequencies;
  const samples = new Int16Array(Math.round((options.durationMs * rate) / 1000));
  for (let n = 0; n < samples.length; n += 1) {
    const t = n / rate;
    samples[n] = Math.round(amplitude * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t)));
  }
  return samples;
}
