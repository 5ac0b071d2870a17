import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { test, type TestContext } from 'node:test';
import { MediaClock, type MediaClockSource } from './media-clock.js';
import { parseRtcpCompound } from './rtcp-packet.js';
import { RtcpReporter, REPORT_INTERVAL_TICKS } from './rtcp-reporter.js';
import { createRtpHeader, parseRtpHeader, writeRtpHeader } from './rtp-packet.js';
import { RtpSocket, rtpIo } from './rtp-io.js';
import { TelephoneEventReceiver } from './telephone-event.js';
import { FRAME_BYTES, RtpSession, type FrameSource, type RtpSessionDelegate } from './rtp-session.js';

/** A clock source that never fires: the test calls onTick itself. */
const stillSource: MediaClockSource = { now: () => 0, schedule: () => 0, cancel: () => undefined };

async function socket(t: TestContext): Promise<dgram.Socket> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  t.after(() => s.close());
  return s;
}

function port(s: dgram.Socket | RtpSocket): number {
  return s instanceof RtpSocket ? s.port : s.address().port;
}

/** A socket of the native datagram I/O, as the port pool opens them. */
function rtpSocket(t: TestContext): RtpSocket {
  const s = rtpIo().open('127.0.0.1', 0);
  assert.ok(s, 'an RTP socket could be bound');
  t.after(() => s.close());
  return s;
}

const filling: FrameSource = {
  fillFrame(payload, offset) {
    payload.fill(0x55, offset, offset + FRAME_BYTES);
    return true;
  },
};

async function session(
  t: TestContext,
  peer: dgram.Socket,
  delegate: RtpSessionDelegate = {},
  source = filling,
) {
  const local = rtpSocket(t);
  const rtcpLocal = await socket(t);
  const rtcp = new RtcpReporter(rtcpLocal, 'test@127.0.0.1');
  const rtp = new RtpSession({
    socket: local,
    clock: new MediaClock({ source: stillSource }),
    payloadType: 0,
    telephoneEventPayloadType: 101,
    remote: { address: '127.0.0.1', port: port(peer) },
    source,
    delegate,
    rtcp,
  });
  t.after(() => rtp.close());
  return { rtp, local, rtcpLocal, rtcp };
}

function packet(
  seq: number,
  ts: number,
  ssrc: number,
  payloadType = 0,
  payload = Buffer.alloc(160, 0xff),
): Buffer {
  const buf = Buffer.alloc(12 + payload.length);
  writeRtpHeader(buf, 0, { marker: false, payloadType, sequenceNumber: seq, timestamp: ts, ssrc });
  payload.copy(buf, 12);
  return buf;
}

test('each tick sends one 172-byte packet whose sequence and timestamp advance by 1 and 160', async (t) => {
  const peer = await socket(t);
  const { rtp } = await session(t, peer);
  const received: Buffer[] = [];
  peer.on('message', (m) => received.push(m));
  rtp.onTick(1);
  rtp.onTick(2);
  while (received.length < 2) await once(peer, 'message');
  const header = createRtpHeader();
  const [a, b] = received.map((m) => {
    assert.ok(parseRtpHeader(m, m.length, header).ok);
    return { ...header, length: m.length };
  });
  assert.equal(a?.length, 172);
  assert.equal(a?.marker, true, 'first packet of a talkspurt carries the marker');
  assert.equal(b?.marker, false);
  assert.equal(((b?.sequenceNumber ?? 0) - (a?.sequenceNumber ?? 0) + 65536) % 65536, 1);
  assert.equal(((b?.timestamp ?? 0) - (a?.timestamp ?? 0)) >>> 0, 160);
  assert.equal(a?.ssrc, rtp.ssrc);
});

test('nothing is sent on a tick the source declines (hold), but the timestamp still moves', async (t) => {
  const peer = await socket(t);
  let sending = false;
  const { rtp } = await session(
    t,
    peer,
    {},
    {
      fillFrame: (payload, offset) => (filling.fillFrame(payload, offset), sending),
    },
  );
  rtp.onTick(1);
  sending = true;
  rtp.onTick(2);
  const [message] = (await once(peer, 'message')) as [Buffer];
  const header = createRtpHeader();
  parseRtpHeader(message, message.length, header);
  assert.equal(rtp.counters.packetsSent, 1);
  assert.equal(header.marker, true);
});

test('latches to where the peer sends from, then answers there', async (t) => {
  const declared = await socket(t);
  const actual = await socket(t);
  const audio: number[] = [];
  const { rtp, local } = await session(t, declared, { onAudio: (_p, _o, length) => audio.push(length) });
  actual.send(packet(1, 160, 42), port(local), '127.0.0.1');
  while (audio.length === 0) await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(rtp.remote, { address: '127.0.0.1', port: port(actual) });
  rtp.onTick(1);
  await once(actual, 'message');
});

test('a second source must send five packets in a row before it replaces the first', async (t) => {
  const first = await socket(t);
  const second = await socket(t);
  let count = 0;
  const { rtp, local } = await session(t, first, { onAudio: () => (count += 1) });
  const send = async (from: dgram.Socket, seq: number) => {
    from.send(packet(seq, seq * 160, 7), port(local), '127.0.0.1');
    await new Promise((r) => setTimeout(r, 10));
  };
  await send(first, 1);
  for (let seq = 2; seq <= 5; seq += 1) await send(second, seq);
  assert.equal(rtp.remote.port, port(first));
  assert.equal(rtp.counters.packetsDropped, 4);
  await send(second, 6);
  assert.equal(rtp.remote.port, port(second));
  assert.equal(rtp.counters.relatched, 1);
  assert.equal(count, 2);
});

test('telephone-event packets go to the event handler with their timestamp, not to audio', async (t) => {
  const peer = await socket(t);
  const events: number[] = [];
  const audio: number[] = [];
  const { local } = await session(t, peer, {
    onTelephoneEvent: (_p, _o, _l, timestamp) => events.push(timestamp),
    onAudio: () => audio.push(1),
  });
  peer.send(packet(1, 8000, 9, 101, Buffer.from([1, 0x80, 0, 160])), port(local), '127.0.0.1');
  while (events.length === 0) await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(events, [8000]);
  assert.deepEqual(audio, []);
});

test('a datagram that is not RTP is dropped and counted', async (t) => {
  const peer = await socket(t);
  const { rtp, local } = await session(t, peer);
  peer.send(Buffer.from('hello'), port(local), '127.0.0.1');
  while (rtp.counters.packetsDropped === 0) await new Promise((r) => setTimeout(r, 5));
  assert.equal(rtp.counters.packetsReceived, 0);
});

test('every 250 ticks a sender report with a reception report goes to the RTCP port', async (t) => {
  const peer = await socket(t);
  const peerRtcp = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => peerRtcp.bind(port(peer) + 1, '127.0.0.1', resolve));
  t.after(() => peerRtcp.close());
  const { rtp, local } = await session(t, peer);
  peer.send(packet(10, 1600, 77), port(local), '127.0.0.1');
  while (rtp.counters.packetsReceived === 0) await new Promise((r) => setTimeout(r, 5));
  const report = once(peerRtcp, 'message') as Promise<[Buffer]>;
  for (let i = 1; i <= REPORT_INTERVAL_TICKS; i += 1) rtp.onTick(i);
  const [bytes] = await report;
  const parsed = parseRtcpCompound(bytes, bytes.length);
  assert.ok(parsed.ok);
  const sr = parsed.value[0];
  assert.equal(sr?.kind, 'sr');
  if (sr?.kind !== 'sr') return;
  assert.equal(sr.ssrc, rtp.ssrc);
  // The report goes out at the start of the 250th tick, before that tick's packet.
  assert.equal(sr.packetCount, REPORT_INTERVAL_TICKS - 1);
  assert.equal(sr.reports[0]?.ssrc, 77);
  assert.equal(sr.reports[0]?.extendedHighestSequence, 10);
});

test("the peer's receiver reports are counted with the loss they report", async (t) => {
  const peer = await socket(t);
  const { rtcpLocal, rtcp } = await session(t, peer);
  const rr = Buffer.alloc(32);
  // RR with one report block (RFC 3550 section 6.4.2): V=2, RC=1, PT=201, length 7.
  rr.writeUInt8(0x81, 0);
  rr.writeUInt8(201, 1);
  rr.writeUInt16BE(7, 2);
  rr.writeUInt32BE(5, 4);
  rr.writeUInt32BE(1234, 8);
  rr.writeUInt8(64, 12);
  peer.send(rr, port(rtcpLocal), '127.0.0.1');
  while (rtcp.counters.receiverReports === 0) await new Promise((r) => setTimeout(r, 5));
  assert.equal(rtcp.counters.peerFractionLost, 64);
});

test('keys sent as RFC 4733 events are read back once each by a receiver, with audio between them', async (t) => {
  const peer = await socket(t);
  const { rtp } = await session(t, peer);
  const header = createRtpHeader();
  const receiver = new TelephoneEventReceiver();
  const keys: string[] = [];
  let audioPackets = 0;
  peer.on('message', (m: Buffer) => {
    parseRtpHeader(m, m.length, header);
    if (header.payloadType !== 101) {
      audioPackets += 1;
      return;
    }
    const key = receiver.receive(
      m,
      header.payloadOffset,
      header.payloadLength,
      header.timestamp,
      header.ssrc,
    );
    if (key !== null) keys.push(key);
  });
  const sent = rtp.sendDigits('1#1', 60, 40);
  for (let tick = 1; tick <= 40; tick += 1) {
    rtp.onTick(tick);
    // A tick every turn, as the media clock gives them, so each datagram leaves before the next.
    await new Promise((r) => setImmediate(r));
  }
  assert.equal(await sent, true);
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(keys, ['1', '#', '1']);
  assert.ok(audioPackets > 0, 'audio flows between and after the keys');
});

test('sending keys answers false when the peer offered no telephone-event', async (t) => {
  const peer = await socket(t);
  const local = rtpSocket(t);
  const rtp = new RtpSession({
    socket: local,
    clock: new MediaClock({ source: stillSource }),
    payloadType: 0,
    telephoneEventPayloadType: null,
    remote: { address: '127.0.0.1', port: port(peer) },
    source: filling,
    delegate: {},
  });
  t.after(() => rtp.close());
  assert.equal(await rtp.sendDigits('1'), false);
});

test('a catch-up burst of ticks run back to back still sends every packet intact', async (t) => {
  const peer = await socket(t);
  const { rtp } = await session(t, peer);
  const sequences = new Set<number>();
  const header = createRtpHeader();
  peer.on('message', (m: Buffer) => {
    parseRtpHeader(m, m.length, header);
    sequences.add(header.sequenceNumber);
  });
  // The media clock runs at most 5 missed ticks at once; twice that, before any datagram leaves.
  for (let tick = 1; tick <= 10; tick += 1) rtp.onTick(tick);
  while (sequences.size < 10) await new Promise((r) => setTimeout(r, 5));
  assert.equal(sequences.size, 10);
});
