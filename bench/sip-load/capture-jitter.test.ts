import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { buildRtpPacket } from '../../test/helpers/mulaw-rtp-stream.js';
import { serializeUdpPcap, type PcapUdpPacket } from '../../test/helpers/pcap-writer.js';
import { readCaptureJitter } from './capture-jitter.js';

const FLOW = { source: { ip: '127.0.0.1', port: 10_000 }, destination: { ip: '127.0.0.1', port: 40_000 } };
const START_US = 1_700_000_000_000_000;

/** A captured packet: payload type, sequence number, capture time in ms from the start. */
function packet(payloadType: number, sequence: number, atMs: number): PcapUdpPacket {
  const rtp = buildRtpPacket(payloadType, false, sequence, sequence * 160, 0x1234, new Uint8Array(160));
  return { timestampUs: START_US + atMs * 1000, payload: rtp };
}

async function captureFile(t: TestContext, bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'capture-jitter-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'capture.pcap');
  await writeFile(file, bytes);
  return file;
}

test('measures a captured PCMU stream’s jitter from the capture times', async (t) => {
  const file = await captureFile(
    t,
    serializeUdpPcap([packet(0, 1, 0), packet(0, 2, 20), packet(0, 3, 43), packet(0, 4, 63)], FLOW),
  );

  const result = await readCaptureJitter(file);

  assert.ok(result.ok);
  assert.equal(result.value.streams, 1);
  assert.equal(result.value.packets, 4);
  assert.equal(result.value.jitter.samples, 3);
  assert.equal(result.value.jitter.maxMs, 3);
});

test('leaves out packets of other payload types, such as telephone-events', async (t) => {
  const file = await captureFile(t, serializeUdpPcap([packet(0, 1, 0), packet(101, 2, 20)], FLOW));

  const result = await readCaptureJitter(file);

  assert.ok(result.ok);
  assert.equal(result.value.packets, 1);
});

test('counts a sequence number missing from the capture as a gap', async (t) => {
  const file = await captureFile(t, serializeUdpPcap([packet(0, 1, 0), packet(0, 3, 40)], FLOW));

  const result = await readCaptureJitter(file);

  assert.ok(result.ok);
  assert.equal(result.value.gaps, 1);
});

test('reads a capture cut in the middle of a record up to the cut', async (t) => {
  const whole = serializeUdpPcap([packet(0, 1, 0), packet(0, 2, 20)], FLOW);
  const file = await captureFile(t, whole.subarray(0, whole.length - 10));

  const result = await readCaptureJitter(file);

  assert.ok(result.ok);
  assert.equal(result.value.packets, 1);
});

test('refuses a file that is not a classic pcap capture', async (t) => {
  const file = await captureFile(t, Buffer.from('0A0D0D0A not a classic capture at all'));

  const result = await readCaptureJitter(file);

  assert.equal(result.ok, false);
});

test('measures only the packets captured within the range given', async (t) => {
  const packets = [packet(0, 1, 0), packet(0, 2, 20), packet(0, 3, 40), packet(0, 4, 60)];
  const file = await captureFile(t, serializeUdpPcap(packets, FLOW));
  const startMs = START_US / 1000;

  const result = await readCaptureJitter(file, { fromEpochMs: startMs + 15, toEpochMs: startMs + 45 });

  assert.ok(result.ok);
  assert.equal(result.value.packets, 2);
});
