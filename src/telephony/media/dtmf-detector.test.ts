/**
 * The detector hears what a phone sends: signals are synthesised here, then encoded to µ-law and
 * decoded back, and fed in 20 ms frames, as RTP delivers them.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import wavefile from 'wavefile';
import {
  A_LAW_DECODE_TABLE,
  linearToALaw,
  linearToMuLaw,
  MU_LAW_DECODE_TABLE,
  muLawToLinear,
} from '../rtp/g711.js';
import { DTMF_BLOCK_SAMPLES, DtmfDetector } from './dtmf-detector.js';

const RATE_HZ = 8000;
const FRAME_SAMPLES = 160;
const ROWS_HZ = [697, 770, 852, 941];
const COLUMNS_HZ = [1209, 1336, 1477, 1633];
const KEYS = '123A456B789C*0#D';
/** Peak amplitude of a 0 dBm0 sine in the 16-bit G.711 scale. */
const DBM0_PEAK = 22_700;

const peakOf = (dbm0: number): number => DBM0_PEAK * 10 ** (dbm0 / 20);

interface ToneOptions {
  readonly rowDbm0?: number;
  readonly columnDbm0?: number;
  /** Relative frequency error of both tones (0.015 is 1.5 % high). */
  readonly deviation?: number;
}

/** The tone pair of `key` for `ms` milliseconds, -10 dBm0 per tone unless told otherwise. */
function keyTone(key: string, ms: number, options: ToneOptions = {}): number[] {
  const index = KEYS.indexOf(key);
  const scale = 1 + (options.deviation ?? 0);
  const row = (ROWS_HZ[index >> 2] ?? 0) * scale;
  const column = (COLUMNS_HZ[index & 3] ?? 0) * scale;
  const rowPeak = peakOf(options.rowDbm0 ?? -10);
  const columnPeak = peakOf(options.columnDbm0 ?? -10);
  return Array.from({ length: Math.round(ms * 8) }, (_, n) => {
    const t = n / RATE_HZ;
    return rowPeak * Math.sin(2 * Math.PI * row * t) + columnPeak * Math.sin(2 * Math.PI * column * t + 1);
  });
}

function silence(ms: number): number[] {
  return new Array<number>(Math.round(ms * 8)).fill(0);
}

/** Encodes to µ-law and back, as the samples arrive from a phone. */
function throughMuLaw(signal: readonly number[]): Int16Array {
  return Int16Array.from(signal, (x) =>
    muLawToLinear(linearToMuLaw(Math.max(-32768, Math.min(32767, Math.round(x))))),
  );
}

/** Feeds `signal` in RTP-sized frames; answers every key detected, in order. */
function detect(signal: readonly number[] | Int16Array, frame = FRAME_SAMPLES): string {
  const samples = signal instanceof Int16Array ? signal : throughMuLaw(signal);
  const detector = new DtmfDetector();
  let keys = '';
  for (let offset = 0; offset < samples.length; offset += frame) {
    keys += detector.process(samples, offset, Math.min(frame, samples.length - offset)) ?? '';
  }
  return keys;
}

/** A deterministic Gaussian noise source (Park-Miller generator, Box-Muller transform). */
function gaussianNoise(seed: number): () => number {
  let state = seed;
  const uniform = (): number => (state = (state * 48271) % 0x7fffffff) / 0x7fffffff;
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

const pressed = (key: string, ms = 60, options?: ToneOptions): number[] => [
  ...silence(30),
  ...keyTone(key, ms, options),
  ...silence(60),
];

test('detects each of the 16 keys at -10 dBm0 per tone, once', () => {
  for (const key of KEYS) assert.equal(detect(pressed(key)), key, `key ${key}`);
});

test('detects a 40 ms key whatever its alignment with the analysis blocks', () => {
  for (let lead = 0; lead < DTMF_BLOCK_SAMPLES; lead += 4) {
    const signal = [...silence(lead / 8), ...keyTone('5', 40), ...silence(60)];
    assert.equal(detect(signal), '5', `tone starting ${lead} samples in`);
  }
});

test('refuses a 20 ms key whatever its alignment with the analysis blocks', () => {
  for (let lead = 0; lead < DTMF_BLOCK_SAMPLES; lead += 4) {
    const signal = [...silence(lead / 8), ...keyTone('5', 20), ...silence(60)];
    assert.equal(detect(signal), '', `tone starting ${lead} samples in`);
  }
});

test('counts two presses of the same key separated by 40 ms of silence twice', () => {
  const signal = [...silence(30), ...keyTone('7', 60), ...silence(40), ...keyTone('7', 60), ...silence(60)];
  assert.equal(detect(signal), '77');
});

test('counts a key once through a 10 ms dropout', () => {
  const signal = [...silence(30), ...keyTone('9', 80), ...silence(10), ...keyTone('9', 80), ...silence(60)];
  assert.equal(detect(signal), '9');
});

test('accepts twist within the Q.24 limits: high group 6 dB up, low group 3 dB up', () => {
  for (const key of KEYS) {
    assert.equal(
      detect(pressed(key, 60, { rowDbm0: -16, columnDbm0: -10 })),
      key,
      `normal twist, key ${key}`,
    );
    assert.equal(
      detect(pressed(key, 60, { rowDbm0: -10, columnDbm0: -13 })),
      key,
      `reverse twist, key ${key}`,
    );
  }
});

test('refuses twist beyond the limits: high group 10 dB up, low group 6 dB up', () => {
  for (const key of KEYS) {
    assert.equal(detect(pressed(key, 60, { rowDbm0: -20, columnDbm0: -10 })), '', `normal twist, key ${key}`);
    assert.equal(
      detect(pressed(key, 60, { rowDbm0: -10, columnDbm0: -16 })),
      '',
      `reverse twist, key ${key}`,
    );
  }
});

test('accepts tones 1.5 % off their frequency and refuses them 3.5 % off', () => {
  for (const key of KEYS) {
    for (const deviation of [0.015, -0.015]) {
      assert.equal(detect(pressed(key, 60, { deviation })), key, `key ${key} off by ${deviation}`);
    }
    for (const deviation of [0.035, -0.035]) {
      assert.equal(detect(pressed(key, 60, { deviation })), '', `key ${key} off by ${deviation}`);
    }
  }
});

test('accepts tones at -36 dBm0 and refuses them at -42 dBm0', () => {
  assert.equal(detect(pressed('0', 60, { rowDbm0: -36, columnDbm0: -36 })), '0');
  assert.equal(detect(pressed('0', 60, { rowDbm0: -42, columnDbm0: -42 })), '');
});

test('detects every key through white noise 15 dB below the tones', () => {
  const noise = gaussianNoise(20250514);
  // Two tones at -10 dBm0 carry a mean square of 2 * peak^2 / 2.
  const noiseRms = Math.sqrt(peakOf(-10) ** 2 / 10 ** (15 / 10));
  for (const key of KEYS) {
    const signal = pressed(key).map((x) => x + noiseRms * noise());
    assert.equal(detect(signal), key, `key ${key}`);
  }
});

test('hears no key in silence or in noise alone', () => {
  const noise = gaussianNoise(7);
  assert.equal(detect(silence(2000)), '');
  assert.equal(detect(silence(2000).map(() => peakOf(-15) * noise())), '');
});

test('detects the same keys whatever the chunking of the samples', () => {
  const samples = throughMuLaw([...pressed('1'), ...pressed('#'), ...pressed('D')]);
  for (const frame of [1, 37, 80, 160, 1000])
    assert.equal(detect(samples, frame), '1#D', `frames of ${frame}`);
});

test('tells every key of one long buffer to onDigit, and returns the first', () => {
  const samples = throughMuLaw([...pressed('4'), ...pressed('2')]);
  const heard: string[] = [];
  const detector = new DtmfDetector({ onDigit: (digit) => heard.push(digit) });
  assert.equal(detector.process(samples), '4');
  assert.deepEqual(heard, ['4', '2']);
});

test('hears no key in chords of notes that are not DTMF frequencies', () => {
  const noteHz = (semitonesFromA4: number): number => 440 * 2 ** (semitonesFromA4 / 12);
  const chords = [
    [-9, -5, -2], // C4 E4 G4
    [-12, -9, -5], // A3 C4 E4
    [-14, -10, -7, -4], // G3 B3 D4 F4
    [3, 7, 10], // C5 E5 G5
    [5, 9, 12], // D5 F#5 A5
    [15, 19, 22], // C6 E6 G6
  ];
  for (const chord of chords) {
    // Each note with three overtones, as an instrument has, swelling in over 10 ms.
    const signal = Array.from({ length: 600 * 8 }, (_, n) => {
      let x = 0;
      for (const semitones of chord) {
        for (const [overtone, weight] of [1, 0.5, 0.3, 0.2].entries()) {
          x +=
            peakOf(-12) * weight * Math.sin((2 * Math.PI * noteHz(semitones) * (overtone + 1) * n) / RATE_HZ);
        }
      }
      return x * Math.min(1, n / 80);
    });
    assert.equal(detect(signal), '', `chord ${chord.join(' ')}`);
  }
});

test('hears no key in two pure tones 5 % away from any DTMF pair', () => {
  const signal = Array.from(
    { length: 500 * 8 },
    (_, n) =>
      peakOf(-10) *
      (Math.sin((2 * Math.PI * 660 * n) / RATE_HZ) + Math.sin((2 * Math.PI * 1270 * n) / RATE_HZ)),
  );
  assert.equal(detect(signal), '');
});

/** Resamples to 8 kHz through a Hann-windowed sinc low-pass at 3.6 kHz: the telephone band. */
function resampleTo8k(input: Int16Array, rateHz: number): Int16Array {
  const step = rateHz / RATE_HZ;
  const cutoff = 3600 / rateHz;
  const taps = 24;
  const output = new Int16Array(Math.floor(input.length / step));
  for (let n = 0; n < output.length; n++) {
    const centre = n * step;
    let sum = 0;
    for (let j = Math.ceil(centre - taps); j <= centre + taps; j++) {
      if (j < 0 || j >= input.length) continue;
      const d = centre - j;
      const sinc = d === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * d) / (Math.PI * d);
      sum += (input[j] ?? 0) * sinc * (0.5 + 0.5 * Math.cos((Math.PI * d) / (taps + 1)));
    }
    output[n] = Math.max(-32768, Math.min(32767, Math.round(sum)));
  }
  return output;
}

/** Speech from espeak-ng, at 8 kHz. */
function speech(voice: string, pitch: number, text: string): Int16Array {
  const wav = new wavefile.WaveFile(
    execFileSync('espeak-ng', ['--stdout', '-v', voice, '-p', String(pitch), text]),
  );
  const rate = (wav.fmt as { sampleRate: number }).sampleRate;
  const samples = Int16Array.from(wav.getSamples(false, Int16Array) as unknown as ArrayLike<number>);
  return resampleTo8k(samples, rate);
}

const SPEECH =
  'Welcome. Please enter your account number, followed by the pound key. ' +
  'One two three four five six seven eight nine zero, star, hash. ' +
  'Nine one one, eight hundred, five five five, one two one two. ' +
  'Thank you for calling; your call is important to us. Oh, I see. Well, maybe tomorrow at noon?';

const hasEspeak = spawnSync('espeak-ng', ['--version']).status === 0;

test(
  'hears no key in speech, in male and female voices, at normal and loud levels',
  { skip: !hasEspeak && 'espeak-ng is not installed' },
  () => {
    // en+f1 at pitch 99 puts its 3rd and 4th harmonics near 941 and 1209 Hz, en+m7 at pitch 99
    // its 7th and 11th near 941 and 1477 Hz: the talk-off cases that shaped the checks.
    for (const [voice, pitch] of [
      ['en', 50],
      ['en-us', 30],
      ['en+f1', 99],
      ['en+f3', 99],
      ['en+m7', 99],
      ['fr', 75],
    ] as const) {
      const samples = speech(voice, pitch, SPEECH);
      for (const gain of [1, 3]) {
        const heard = detect(Array.from(samples, (x) => x * gain));
        assert.equal(heard, '', `${voice} at pitch ${pitch}, gain ${gain}`);
      }
    }
  },
);

test(
  'detects a key pressed while a prompt speaks',
  { skip: !hasEspeak && 'espeak-ng is not installed' },
  () => {
    const voice = speech('en', 50, SPEECH).subarray(0, 2 * RATE_HZ);
    const key = [...silence(700), ...keyTone('6', 80), ...silence(1220)];
    assert.equal(detect(Array.from(voice, (x, n) => 0.3 * x + (key[n] ?? 0))), '6');
  },
);

test('G.711 codes fed through their table detect exactly what the decoded samples do', () => {
  const signal = [...pressed('7'), ...pressed('*', 40), ...pressed('0')].map((x) =>
    Math.max(-32768, Math.min(32767, Math.round(x))),
  );
  const codes = Uint8Array.from(signal, (x) => linearToMuLaw(x));
  const fromCodes: string[] = [];
  const byCodes = new DtmfDetector({ onDigit: (digit) => fromCodes.push(digit) });
  // RTP-sized payloads inside a larger datagram buffer, as the RTP session hands them over.
  const datagram = new Uint8Array(12 + codes.length);
  datagram.set(codes, 12);
  for (let offset = 0; offset < codes.length; offset += FRAME_SAMPLES)
    byCodes.processCodes(
      datagram,
      12 + offset,
      Math.min(FRAME_SAMPLES, codes.length - offset),
      MU_LAW_DECODE_TABLE,
    );
  assert.deepEqual(fromCodes, ['7', '*', '0']);
  assert.equal(detect(throughMuLaw(signal)), '7*0');

  const alaw = Uint8Array.from(signal, (x) => linearToALaw(x));
  assert.equal(new DtmfDetector().processCodes(alaw, 0, alaw.length, A_LAW_DECODE_TABLE), '7');
});
