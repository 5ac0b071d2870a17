import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { test, type TestContext } from 'node:test';
import { PeerStream } from './peer-stream.js';

const AUDIO = Buffer.alloc(320, 0xff);

/** Voxgate's side of a call: a socket that sends one RTP packet of the given payload type to the stream. */
async function voxgateSocket(t: TestContext): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  t.after(() => socket.close());
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return socket;
}

function rtp(payloadType: number, sequence: number): Buffer {
  const packet = Buffer.alloc(172);
  packet[0] = 0x80;
  packet[1] = payloadType;
  packet.writeUInt16BE(sequence, 2);
  return packet;
}

async function openStream(t: TestContext): Promise<{ stream: PeerStream; port: number }> {
  const stream = new PeerStream(
    AUDIO,
    () => undefined,
    () => null,
  );
  t.after(() => stream.close());
  return { stream, port: await stream.bind() };
}

test('answers Voxgate’s first PCMU packet from the port it arrived on (symmetric RTP)', async (t) => {
  const voxgate = await voxgateSocket(t);
  const { stream, port } = await openStream(t);
  voxgate.send(rtp(0, 1), port, '127.0.0.1');
  while (!stream.started) await new Promise((resolve) => setTimeout(resolve, 5));

  const reply = once(voxgate, 'message');
  stream.pace(performance.now(), 1_000);
  const [packet, from] = (await reply) as [Buffer, dgram.RemoteInfo];

  assert.equal(from.port, port);
  assert.equal(packet[1]! & 0x7f, 0);
  assert.equal(packet.length, 172);
  assert.equal(stream.statistics.received, 1);
});

test('is not started by a packet that is not PCMU RTP, such as RTCP', async (t) => {
  const voxgate = await voxgateSocket(t);
  const { stream, port } = await openStream(t);

  voxgate.send(Buffer.from([0x80, 200, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0]), port, '127.0.0.1');
  voxgate.send(rtp(0, 1), port, '127.0.0.1');
  while (stream.statistics.received === 0) await new Promise((resolve) => setTimeout(resolve, 5));

  assert.equal(stream.ignored, 1);
});

test('stops sending once Voxgate has been silent past the idle time', async (t) => {
  const voxgate = await voxgateSocket(t);
  const { stream, port } = await openStream(t);
  voxgate.send(rtp(0, 1), port, '127.0.0.1');
  while (!stream.started) await new Promise((resolve) => setTimeout(resolve, 5));

  stream.pace(performance.now() + 2_000, 1_000);

  assert.equal(stream.sent, 0);
});
