import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { test, type TestContext } from 'node:test';
import { parseRtpHeader, createRtpHeader, RTP_HEADER_BYTES } from '../rtp/rtp-packet.js';
import { TelephoneEventSender } from '../rtp/telephone-event.js';
import type { LegMediaReport } from './media-protocol.js';
import { MediaThread } from './media-thread.js';
import type { ThreadLegMedia } from './thread-leg-media.js';

const warnings: string[] = [];
const LOG = { info: () => undefined, warn: (_fields: object, message: string) => warnings.push(message) };

async function startThread(t: TestContext, pairs = 4): Promise<MediaThread> {
  // A range of our own: the pool skips ports another test holds.
  const min = 2 * randomInt(15_000, 29_000);
  const thread = await MediaThread.start(
    {
      host: '127.0.0.1',
      rtpPorts: { min, max: min + 2 * pairs - 1 },
      priority: null,
      cname: 'test@127.0.0.1',
    },
    LOG,
  );
  t.after(() => thread.close());
  return thread;
}

/** A caller's RTP socket: keeps the payload of every packet it receives. */
async function openPeer(t: TestContext) {
  const socket = dgram.createSocket('udp4');
  const payloads: Buffer[] = [];
  const header = createRtpHeader();
  socket.on('message', (message) => {
    if (parseRtpHeader(message, message.length, header).ok)
      payloads.push(message.subarray(header.payloadOffset, header.payloadOffset + header.payloadLength));
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  t.after(() => socket.close());
  return { socket, payloads, port: socket.address().port };
}

/** A media thread, a peer, and one leg streaming to that peer. */
async function streamingLeg(t: TestContext) {
  const thread = await startThread(t);
  const peer = await openPeer(t);
  const leg = await thread.openLeg();
  assert.ok(leg, 'a port pair was free');
  startLeg(leg, peer.port);
  return { thread, peer, leg };
}

function startLeg(leg: ThreadLegMedia, peerPort: number): void {
  leg.start({
    codec: 'PCMU',
    payloadType: 0,
    telephoneEventPayloadType: 101,
    remote: { address: '127.0.0.1', port: peerPort },
    sending: true,
    inbandDtmf: false,
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * `frames` frames whose bytes are the frame's index plus one, so the peer can tell them apart; in
 * shared memory, as PromptAudio makes them, or in a slice of a larger ordinary buffer.
 */
function numberedPrompt(frames: number, memory: 'shared' | 'slice' = 'shared') {
  const bytes =
    memory === 'shared'
      ? Buffer.from(new SharedArrayBuffer(frames * 160))
      : Buffer.alloc(frames * 160 + 320).subarray(160, 160 + frames * 160);
  for (let i = 0; i < frames; i += 1) bytes.fill(i + 1, i * 160, (i + 1) * 160);
  return { bytes, frameCount: frames };
}

test('a prompt played on the media thread reaches the peer frame by frame, in order, then completes', async (t) => {
  const { peer, leg } = await streamingLeg(t);

  const end = await leg.play(numberedPrompt(5), new AbortController().signal);

  assert.equal(end, 'completed');
  await until(() => peer.payloads.some((payload) => payload[0] === 5), 'the fifth frame');
  const firsts = peer.payloads.map((payload) => payload[0]).filter((byte) => byte !== 0xff);
  assert.deepEqual(firsts, [1, 2, 3, 4, 5], 'the five frames, each once, between silence');
  assert.ok(
    peer.payloads.every((payload) => payload.length === 160),
    'every packet carries 20 ms of PCMU',
  );
});

test('a prompt in a slice of a larger ordinary buffer plays its own frames only', async (t) => {
  const { peer, leg } = await streamingLeg(t);

  const end = await leg.play(numberedPrompt(3, 'slice'), new AbortController().signal);

  assert.equal(end, 'completed');
  await until(() => peer.payloads.some((payload) => payload[0] === 3), 'the third frame');
  const firsts = peer.payloads.map((payload) => payload[0]).filter((byte) => byte !== 0xff);
  assert.deepEqual(firsts, [1, 2, 3]);
});

test('an aborted play settles at once and the stream goes on with silence', async (t) => {
  const { peer, leg } = await streamingLeg(t);
  const controller = new AbortController();

  const ended = leg.play(numberedPrompt(500), controller.signal);
  await until(() => peer.payloads.some((payload) => payload[0] === 2), 'the prompt to start');
  controller.abort();

  assert.equal(await ended, 'aborted');
  const countAtStop = peer.payloads.length;
  await until(() => peer.payloads.length >= countAtStop + 10, 'ten more packets');
  assert.equal(peer.payloads.at(-1)?.[0], 0xff, 'silence (µ-law 0xFF) follows the stopped prompt');
});

test('an RFC 4733 digit sent to the leg reaches its digit listener once', async (t) => {
  const { peer, leg } = await streamingLeg(t);
  const digits: string[] = [];
  leg.onDigit((digit) => digits.push(digit));

  const sender = new TelephoneEventSender({ payloadType: 101, ssrc: 0x1234 });
  sender.start('7', 100);
  const packet = Buffer.alloc(RTP_HEADER_BYTES + 4);
  for (let seq = 1; sender.sending; seq += 1) {
    const length = sender.writeNext(packet, 0, seq, 8000);
    peer.socket.send(packet.subarray(0, length), leg.port, '127.0.0.1');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }

  await until(() => digits.length > 0, 'the digit');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(digits, ['7']);
});

test('closing a leg reports its RTP figures and hands its ports back', async (t) => {
  const { thread, peer, leg } = await streamingLeg(t);
  let report: LegMediaReport | null | undefined;
  leg.onReport((figures) => (report = figures));
  await until(() => peer.payloads.length >= 3, 'three packets');

  leg.close();

  await until(() => report !== undefined, 'the report');
  assert.ok(report !== null && report !== undefined && report.sent >= 3, 'the packets sent are counted');
  assert.equal((await thread.stats())?.legs, 0, 'no leg holds ports any more');
  assert.equal(
    await leg.play(numberedPrompt(1), new AbortController().signal),
    'aborted',
    'a closed leg plays nothing',
  );
});

test('openLeg answers null once every port pair of the range is taken', async (t) => {
  const thread = await startThread(t, 2);
  assert.equal(thread.capacity, 2);

  const first = await thread.openLeg();
  const second = await thread.openLeg();
  const third = await thread.openLeg();

  assert.ok(first && second);
  assert.notEqual(first.port, second.port);
  assert.equal(third, null);
  first.close();
  await until(() => thread.legCount === 1, 'the first leg to close');
  assert.ok(await thread.openLeg(), 'a released pair can be opened again');
});

test('the media clock runs on the thread: its stats count the ticks of a live leg', async (t) => {
  const { thread, peer } = await streamingLeg(t);
  await until(() => peer.payloads.length >= 10, 'ten packets');

  const stats = await thread.stats();

  assert.ok(stats !== null && stats.clock.ticks >= 10, 'ten ticks or more');
  assert.equal(stats.legs, 1);
  assert.deepEqual(warnings, [], 'nothing went wrong on the thread');
});
