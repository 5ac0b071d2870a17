import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readMonoSamples, type WavSampleLayout } from './wav-sample-reader.js';

const pcm16: WavSampleLayout = { kind: 'signed', bytesPerSample: 2, channels: 1, bigEndian: false };

function bytesOf(fill: (view: DataView) => void, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  fill(new DataView(bytes.buffer));
  return bytes;
}

test('averages the channels of each frame into one sample', () => {
  const data = bytesOf((v) => {
    v.setInt16(0, 16384, true); // left 0.5
    v.setInt16(2, 0, true); //     right 0
    v.setInt16(4, -32768, true); // left -1
    v.setInt16(6, -16384, true); // right -0.5
  }, 8);

  const mono = readMonoSamples(data, { ...pcm16, channels: 2 });

  assert.deepEqual(Array.from(mono ?? []), [0.25, -0.75]);
});

test('reads 8-bit PCM as unsigned with 128 as silence', () => {
  const mono = readMonoSamples(Uint8Array.of(128, 0, 192), {
    ...pcm16,
    kind: 'unsigned8',
    bytesPerSample: 1,
  });

  assert.deepEqual(Array.from(mono ?? []), [0, -1, 0.5]);
});

test('sign-extends 24-bit samples, little- and big-endian', () => {
  const little = Uint8Array.of(0x00, 0x00, 0xc0, 0xff, 0xff, 0x7f); // -0.5, then almost +1
  const big = Uint8Array.of(0xc0, 0x00, 0x00, 0x7f, 0xff, 0xff);
  const layout: WavSampleLayout = { ...pcm16, bytesPerSample: 3 };

  const fromLittle = readMonoSamples(little, layout);
  const fromBig = readMonoSamples(big, { ...layout, bigEndian: true });

  assert.equal(fromLittle?.[0], -0.5);
  assert.ok(Math.abs((fromLittle?.[1] ?? 0) - 1) < 1e-6);
  assert.deepEqual(fromBig, fromLittle);
});

test('reads 32-bit integers and 64-bit floats at full scale', () => {
  const ints = bytesOf((v) => v.setInt32(0, -2147483648, true), 4);
  const floats = bytesOf((v) => v.setFloat64(0, 0.125, true), 8);

  assert.equal(readMonoSamples(ints, { ...pcm16, bytesPerSample: 4 })?.[0], -1);
  assert.equal(readMonoSamples(floats, { ...pcm16, kind: 'float', bytesPerSample: 8 })?.[0], 0.125);
});

test('clamps out-of-range floats and turns NaN into silence', () => {
  const data = bytesOf((v) => {
    v.setFloat32(0, 7.5, true);
    v.setFloat32(4, Number.NEGATIVE_INFINITY, true);
    v.setFloat32(8, Number.NaN, true);
  }, 12);

  const mono = readMonoSamples(data, { ...pcm16, kind: 'float', bytesPerSample: 4 });

  assert.deepEqual(Array.from(mono ?? []), [1, -1, 0]);
});

test('ignores a trailing partial frame instead of reading past the data', () => {
  const mono = readMonoSamples(new Uint8Array(7), { ...pcm16, channels: 2 });

  assert.equal(mono?.length, 1);
});

test('refuses a layout it cannot read (5-byte integers, 2-byte floats)', () => {
  assert.equal(readMonoSamples(new Uint8Array(10), { ...pcm16, bytesPerSample: 5 }), null);
  assert.equal(readMonoSamples(new Uint8Array(10), { ...pcm16, kind: 'float', bytesPerSample: 2 }), null);
});

test('expands G.711 bytes: µ-law 0xFF and A-law 0xD5 are silence, 0x00 and 0xAA near full scale', () => {
  const layout: WavSampleLayout = { ...pcm16, kind: 'muLaw', bytesPerSample: 1 };

  const muLaw = readMonoSamples(Uint8Array.of(0xff, 0x00), layout);
  const aLaw = readMonoSamples(Uint8Array.of(0xd5, 0xaa), { ...layout, kind: 'aLaw' });

  assert.deepEqual(Array.from(muLaw ?? []), [0, -32124 / 32768]);
  assert.equal(aLaw?.[0], 8 / 32768); // A-law has no zero: its smallest step is +-8
  assert.equal(aLaw?.[1], 32256 / 32768);
});
