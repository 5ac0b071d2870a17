import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import fc from 'fast-check';
import wavefile from 'wavefile';
import { decodeWav, type DecodedWav } from './wav-decoder.js';
import { buildWav, countZeroCrossings, rms, sineWave, toIntegers } from './testdata/test-signals.js';

const FUZZ_SEED = Number(process.env.VOXGATE_FUZZ_SEED ?? 20250514);
const FUZZ_TIME_LIMIT_MS = 2000;
const FRAME_SAMPLES = 160;
const fixture = (name: string): Promise<Buffer> => readFile(new URL(`testdata/${name}`, import.meta.url));

async function decoded(bytes: Uint8Array): Promise<DecodedWav> {
  const result = await decodeWav(bytes);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.value;
}

/** Asserts a decoded 1 kHz tone: 8 kHz samples, `durationS` long within a frame, 2,000 crossings a second. */
function assertTone(value: DecodedWav, durationS: number): void {
  const { samples } = value;
  assert.ok(Math.abs(samples.length - durationS * 8000) <= FRAME_SAMPLES, `${samples.length} samples`);
  const middle = samples.length - 200;
  const crossings = countZeroCrossings(samples, 100, middle);
  const expected = ((middle - 100) / 8000) * 2000;
  assert.ok(Math.abs(crossings - expected) <= 3, `${crossings} crossings, expected ${expected}`);
}

for (const rateHz of [8000, 16_000, 44_100, 48_000]) {
  test(`decodes 16-bit mono at ${rateHz} Hz to 8 kHz, duration within one frame`, async () => {
    const bytes = buildWav(rateHz, '16', [toIntegers(sineWave(1000, rateHz, 0.5), 16)]);

    const value = await decoded(bytes);

    assertTone(value, 0.5);
    assert.equal(value.sourceRateHz, rateHz);
  });
}

test('a 1 kHz tone at 48 kHz keeps its frequency and level through decoding', async () => {
  const value = await decoded(buildWav(48_000, '16', [toIntegers(sineWave(1000, 48_000, 1), 16)]));

  assertTone(value, 1);
  assert.ok(Math.abs(rms(value.samples, 200, 7800) - 0.5 * 32767 * Math.SQRT1_2) < 100);
});

test('a 6 kHz tone at 48 kHz is filtered out instead of aliasing to 2 kHz', async () => {
  const value = await decoded(buildWav(48_000, '16', [toIntegers(sineWave(6000, 48_000, 1), 16)]));

  assert.ok(rms(value.samples, 200, 7800) < 10, `rms ${rms(value.samples, 200, 7800)}`); // a 1 kHz tone: ~11,600
});

test('down-mixes stereo by averaging: a tone on the left and silence on the right comes out at half level', async () => {
  const left = toIntegers(sineWave(1000, 16_000, 0.5, 0.8), 16);
  const value = await decoded(buildWav(16_000, '16', [left, new Float64Array(left.length)]));

  assertTone(value, 0.5);
  assert.ok(Math.abs(rms(value.samples, 200, 3800) - 0.4 * 32767 * Math.SQRT1_2) < 100);
  assert.equal(value.sourceChannels, 2);
});

test('decodes 8-bit unsigned PCM, centred on 128', async () => {
  const tone = sineWave(1000, 8000, 0.5).map((value) => Math.round(128 + value * 127));

  const value = await decoded(buildWav(8000, '8', [tone]));

  assertTone(value, 0.5);
  assert.ok(Math.abs(rms(value.samples) - 0.5 * 32767 * Math.SQRT1_2) < 300);
});

for (const bitDepth of ['24', '32', '32f', '64']) {
  test(`decodes ${bitDepth === '32f' || bitDepth === '64' ? 'float' : 'integer'} samples of depth ${bitDepth}`, async () => {
    const tone = sineWave(1000, 22_050, 0.5);
    const samples = bitDepth === '32f' || bitDepth === '64' ? tone : toIntegers(tone, Number(bitDepth));

    const value = await decoded(buildWav(22_050, bitDepth, [samples]));

    assertTone(value, 0.5);
    assert.ok(Math.abs(rms(value.samples, 200, 3800) - 0.5 * 32767 * Math.SQRT1_2) < 100);
  });
}

test('decodes a big-endian RIFX file', async () => {
  const value = await decoded(
    buildWav(8000, '16', [toIntegers(sineWave(1000, 8000, 0.5), 16)], { container: 'RIFX' }),
  );

  assertTone(value, 0.5);
});

test('refuses IMA ADPCM rather than decoding it to noise', async () => {
  const wav = new wavefile.WaveFile(buildWav(8000, '16', [toIntegers(sineWave(1000, 8000, 0.5), 16)]));
  wav.toIMAADPCM();

  const result = await decodeWav(wav.toBuffer());

  assert.deepEqual(result, { ok: false, reason: 'unsupported sample format (bit depth 4)' });
});

test('decodes sox fixtures: 44.1 kHz 24-bit stereo (WAVE_FORMAT_EXTENSIBLE), 22.05 kHz float, µ-law, A-law', async () => {
  const cases = [
    ['tone-1khz-44100-s24-stereo.wav', 0.1],
    ['tone-1khz-22050-f32.wav', 0.1],
    ['tone-1khz-8000-ulaw.wav', 0.2],
    ['tone-1khz-8000-alaw.wav', 0.2],
  ] as const;
  for (const [name, durationS] of cases) {
    const value = await decoded(await fixture(name));

    assertTone(value, durationS);
    assert.ok(
      Math.abs(rms(value.samples, 200, value.samples.length - 200) / 32768 - 0.5 * Math.SQRT1_2) < 0.02,
      name,
    );
  }
});

test('refuses bytes that are not a WAV file', async () => {
  const result = await decodeWav(await fixture('not-a-wav_invalid.wav'));

  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.reason, /not a WAV/);
});

test('refuses a WAV file truncated inside its header', async () => {
  const result = await decodeWav(await fixture('tone-1khz-8000-ulaw_truncated.wav'));

  assert.equal(result.ok, false);
});

test('refuses an empty buffer', async () => {
  assert.equal((await decodeWav(new Uint8Array(0))).ok, false);
});

test('refuses a format it cannot decode (MS ADPCM, format tag 2)', async () => {
  const bytes = buildWav(8000, '16', [new Float64Array(800)]);
  bytes.writeUInt16LE(2, 20); // fmt chunk: the format tag follows 'fmt ' and its size

  const result = await decodeWav(bytes);

  assert.deepEqual(result, { ok: false, reason: 'unsupported sample format (bit depth 16)' });
});

test('refuses a sample rate of 0 Hz', async () => {
  const bytes = buildWav(8000, '16', [new Float64Array(800)]);
  bytes.writeUInt32LE(0, 24);

  const result = await decodeWav(bytes);

  assert.deepEqual(result, { ok: false, reason: 'unsupported sample rate 0 Hz' });
});

test('refuses a prompt longer than maxDurationMs', async () => {
  const bytes = buildWav(8000, '16', [new Float64Array(8000)]);

  const result = await decodeWav(bytes, { maxDurationMs: 500 });

  assert.deepEqual(result, { ok: false, reason: 'prompt longer than 500 ms' });
});

test('stops when its signal aborts between slices', async () => {
  const controller = new AbortController();
  controller.abort();

  const result = await decodeWav(buildWav(48_000, '16', [new Float64Array(96_000)]), {
    signal: controller.signal,
  });

  assert.deepEqual(result, { ok: false, reason: 'aborted' });
});

test('fuzz: random and corrupted WAV bytes give a value or a failure, never an exception', async () => {
  const valid = buildWav(16_000, '16', [toIntegers(sineWave(1000, 16_000, 0.02), 16)]);
  const extensible = await fixture('tone-1khz-44100-s24-stereo.wav');
  const corrupted = fc
    .tuple(
      fc.constantFrom(valid, extensible),
      fc.array(fc.tuple(fc.nat(80), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      fc.nat(4000),
    )
    .map(([base, edits, cut]) => {
      const bytes = Buffer.from(base.subarray(0, Math.max(12, base.length - cut)));
      for (const [offset, value] of edits) if (offset < bytes.length) bytes[offset] = value;
      return bytes;
    });
  const random = fc
    .uint8Array({ maxLength: 200 })
    .map((bytes) => Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), bytes]));
  const property = fc.asyncProperty(fc.oneof(corrupted, random), async (bytes) => {
    const result = await decodeWav(bytes, { maxDurationMs: 10_000 });
    assert.equal(typeof result.ok, 'boolean');
  });
  try {
    await fc.assert(property, {
      seed: FUZZ_SEED,
      numRuns: 3000,
      interruptAfterTimeLimit: FUZZ_TIME_LIMIT_MS,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`replay with VOXGATE_FUZZ_SEED=${FUZZ_SEED}: ${detail}`, { cause: error });
  }
});
