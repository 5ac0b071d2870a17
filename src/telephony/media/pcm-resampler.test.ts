import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PcmResampler, resamplePcm } from './pcm-resampler.js';
import { countZeroCrossings, rms, sineWave } from './testdata/test-signals.js';

/** Level of `output` relative to a full-length tone of peak 0.5, in dB, away from the edges. */
function levelDb(output: Float32Array, edge: number): number {
  const reference = 0.5 / Math.SQRT2;
  return 20 * Math.log10(rms(output, edge, output.length - edge) / reference);
}

function tone(frequencyHz: number, rateHz: number, durationS = 1): Float32Array {
  return Float32Array.from(sineWave(frequencyHz, rateHz, durationS));
}

test('a 1 kHz tone resampled from 48 kHz to 8 kHz is still 1 kHz (2,000 zero crossings a second)', () => {
  const output = resamplePcm(tone(1000, 48_000), 48_000, 8000);

  const crossings = countZeroCrossings(output, 800, 7200); // 0.8 s away from the edges

  assert.ok(Math.abs(crossings - 1600) <= 2, `${crossings} crossings in 0.8 s`);
});

test('a 6 kHz tone at 48 kHz, which would alias to 2 kHz, is attenuated by at least 60 dB', () => {
  const output = resamplePcm(tone(6000, 48_000), 48_000, 8000);

  assert.ok(levelDb(output, 200) < -60, `level ${levelDb(output, 200).toFixed(1)} dB`);
});

test('a 5 kHz tone at 44.1 kHz (a non-integer ratio) is attenuated by at least 60 dB', () => {
  const output = resamplePcm(tone(5000, 44_100), 44_100, 8000);

  assert.ok(levelDb(output, 200) < -60, `level ${levelDb(output, 200).toFixed(1)} dB`);
});

test('a rate whose ratio has too many phases (44,101 Hz) uses the interpolated kernel and still filters', () => {
  const resampler = new PcmResampler(44_101, 8000);

  const kept = resamplePcm(tone(1000, 44_101), 44_101, 8000);
  const filtered = resamplePcm(tone(5000, 44_101), 44_101, 8000);

  assert.equal(resampler.kernel.phases, null);
  assert.ok(Math.abs(countZeroCrossings(kept, 800, 7200) - 1600) <= 2);
  assert.ok(Math.abs(levelDb(kept, 200)) < 0.5);
  assert.ok(levelDb(filtered, 200) < -60, `level ${levelDb(filtered, 200).toFixed(1)} dB`);
});

test('common rates use a precomputed polyphase kernel: 80 phases from 44.1 kHz, one from 48 kHz', () => {
  assert.equal(new PcmResampler(44_100, 8000).kernel.phaseCount, 80);
  assert.equal(new PcmResampler(48_000, 8000).kernel.phaseCount, 1);
  assert.notEqual(new PcmResampler(44_100, 8000).kernel.phases, null);
});

test('a 3 kHz tone in the telephone band passes from 44.1 kHz within 0.5 dB', () => {
  const output = resamplePcm(tone(3000, 44_100), 44_100, 8000);

  assert.ok(Math.abs(levelDb(output, 200)) < 0.5, `level ${levelDb(output, 200).toFixed(2)} dB`);
});

test('a constant signal keeps its level: the filter has unity gain at 0 Hz', () => {
  const output = resamplePcm(new Float32Array(22_050).fill(0.25), 22_050, 8000);

  for (let i = 100; i < output.length - 100; i += 1) assert.ok(Math.abs((output[i] ?? 0) - 0.25) < 1e-3);
});

test('upsampling 4 kHz to 8 kHz keeps a 1 kHz tone at its frequency and level', () => {
  const output = resamplePcm(tone(1000, 4000), 4000, 8000);

  assert.ok(Math.abs(countZeroCrossings(output, 800, 7200) - 1600) <= 2);
  assert.ok(Math.abs(levelDb(output, 200)) < 0.5);
});

test('the output lasts as long as the input: 44,100 samples at 44.1 kHz become 8,000 at 8 kHz', () => {
  const resampler = new PcmResampler(44_100, 8000);

  assert.equal(resampler.outputLength(44_100), 8000);
  assert.equal(resampler.outputLength(441), 80);
});

for (const rateHz of [44_100, 44_101]) {
  test(`resampling from ${rateHz} Hz in slices gives exactly the output of one pass`, () => {
    const input = tone(440, rateHz, 0.5);
    const resampler = new PcmResampler(rateHz, 8000);
    const whole = new Float32Array(resampler.outputLength(input.length));
    const sliced = new Float32Array(whole.length);

    resampler.process(input, whole, 0, whole.length);
    for (let start = 0; start < sliced.length; start += 333) {
      resampler.process(input, sliced, start, Math.min(sliced.length, start + 333));
    }

    assert.deepEqual(sliced, whole);
  });
}

test('equal rates copy the signal unchanged', () => {
  const input = tone(1000, 8000, 0.1);

  assert.deepEqual(resamplePcm(input, 8000, 8000), input);
});
