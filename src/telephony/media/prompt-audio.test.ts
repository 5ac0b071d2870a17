import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linearToALaw, linearToMuLaw } from '../rtp/g711.js';
import { PromptAudio } from './prompt-audio.js';

/** 161 samples: one full frame and one sample of the next. */
function ramp(length = 161): Int16Array {
  return Int16Array.from({ length }, (_, i) => ((i * 397) % 30000) - 15000);
}

test('a prompt of 161 samples is two 20 ms frames: 40 ms', () => {
  const audio = new PromptAudio(ramp());

  const frames = audio.frames('PCMU');

  assert.equal(frames.frameCount, 2);
  assert.equal(frames.durationMs, 40);
  assert.equal(frames.bytes.length, 320);
  assert.equal(audio.durationMs, 40);
});

test('PCMU frames hold each sample µ-law encoded, the last frame padded with 0xFF', () => {
  const pcm = ramp();

  const { bytes } = new PromptAudio(pcm).frames('PCMU');

  for (let i = 0; i < pcm.length; i += 1) assert.equal(bytes[i], linearToMuLaw(pcm[i] ?? 0));
  assert.ok(bytes.subarray(161).every((byte) => byte === 0xff));
});

test('PCMA frames hold each sample A-law encoded, the last frame padded with 0xD5', () => {
  const pcm = ramp();

  const { bytes } = new PromptAudio(pcm).frames('PCMA');

  for (let i = 0; i < pcm.length; i += 1) assert.equal(bytes[i], linearToALaw(pcm[i] ?? 0));
  assert.ok(bytes.subarray(161).every((byte) => byte === 0xd5));
});

test('a codec is encoded once: every call gets the same frames object and buffer', () => {
  const audio = new PromptAudio(ramp());

  const first = audio.frames('PCMA');
  const second = audio.frames('PCMA');

  assert.equal(second, first);
  assert.equal(second.bytes, first.bytes);
  assert.ok(Object.isFrozen(first));
});

test('copyFrame writes one frame into a packet buffer at the offset given', () => {
  const audio = new PromptAudio(ramp(480));
  const packet = new Uint8Array(12 + 160).fill(7);

  const copied = audio.copyFrame('PCMU', 1, packet, 12);

  assert.equal(copied, true);
  assert.deepEqual(packet.subarray(0, 12), new Uint8Array(12).fill(7));
  assert.deepEqual(packet.subarray(12), new Uint8Array(audio.frames('PCMU').bytes.subarray(160, 320)));
});

test('copyFrame refuses a frame index past the end and leaves the buffer alone', () => {
  const audio = new PromptAudio(ramp(320));
  const packet = new Uint8Array(160);

  assert.equal(audio.copyFrame('PCMU', 2, packet, 0), false);
  assert.equal(audio.copyFrame('PCMU', -1, packet, 0), false);
  assert.ok(packet.every((byte) => byte === 0));
});

test('byteLength counts the PCM and both codecs, so a cache can budget before encoding', () => {
  const audio = new PromptAudio(ramp());

  assert.equal(audio.byteLength, 161 * 2 + 2 * 320);
});

test('an empty prompt has no frames and lasts 0 ms', () => {
  const frames = new PromptAudio(new Int16Array(0)).frames('PCMU');

  assert.deepEqual([frames.frameCount, frames.durationMs, frames.bytes.length], [0, 0, 0]);
});

test('frames live in shared memory of their own, so the media thread plays them without a copy', () => {
  const frames = new PromptAudio(ramp()).frames('PCMA');

  assert.ok(frames.bytes.buffer instanceof SharedArrayBuffer);
  assert.equal(frames.bytes.byteOffset, 0);
  assert.equal(frames.bytes.buffer.byteLength, 320, 'the shared buffer holds these frames and nothing else');
});
