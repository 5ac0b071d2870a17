import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { test, type TestContext } from 'node:test';
import { MAX_SEND_BYTES, rtpIo, type DatagramSource, type RtpSocket } from './rtp-io.js';

interface Received {
  readonly bytes: Buffer;
  readonly fromPeer: boolean;
  readonly port: number;
  readonly key: string;
}

/** A socket of the native I/O whose datagrams are copied out as they are delivered. */
function openSocket(t: TestContext, host = '127.0.0.1'): { socket: RtpSocket; received: Received[] } {
  const socket = rtpIo().open(host, 0);
  assert.ok(socket, `a socket could be bound on ${host}`);
  t.after(() => socket.close());
  const received: Received[] = [];
  socket.setReceiver({ onDatagram: (...datagram) => received.push(copied(...datagram)) });
  return { socket, received };
}

/** A delivered datagram copied out of the arena, which is reused after the call. */
function copied(bytes: Uint8Array, offset: number, length: number, source: DatagramSource): Received {
  return {
    bytes: Buffer.from(bytes.subarray(offset, offset + length)),
    fromPeer: source.fromPeer,
    port: source.port,
    key: source.key(),
  };
}

async function peerSocket(t: TestContext, type: 'udp4' | 'udp6' = 'udp4'): Promise<dgram.Socket> {
  const socket = dgram.createSocket(type);
  await new Promise<void>((resolve) => socket.bind(0, type === 'udp4' ? '127.0.0.1' : '::1', resolve));
  t.after(() => socket.close());
  return socket;
}

/** Waits for `condition`, failing the test after 5 s instead of hanging it. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

test('a datagram arrives whole, with its source; after latching to it the source is the peer', async (t) => {
  const { socket, received } = openSocket(t);
  const peer = await peerSocket(t);
  const latched: (string | null)[] = [];
  socket.setReceiver({
    onDatagram(bytes, offset, length, source) {
      received.push(copied(bytes, offset, length, source));
      if (!source.fromPeer) latched.push(socket.latch(source));
    },
  });
  peer.send(Buffer.from('first, odd length'), socket.port, '127.0.0.1');
  await until(() => received.length === 1);
  peer.send(Buffer.from('second'), socket.port, '127.0.0.1');
  await until(() => received.length === 2);
  assert.equal(received[0]?.bytes.toString(), 'first, odd length');
  assert.equal(received[0]?.fromPeer, false);
  assert.equal(received[0]?.port, peer.address().port);
  assert.deepEqual(latched, ['127.0.0.1']);
  assert.equal(received[1]?.bytes.toString(), 'second');
  assert.equal(received[1]?.fromPeer, true, 'the latched source is the peer');
  assert.equal(received[1]?.key, received[0]?.key, 'one source, one key');
});

test('sockets sending in one job reach their peers in one native call, each its own bytes', async (t) => {
  const peer = await peerSocket(t);
  const got: Buffer[] = [];
  peer.on('message', (message: Buffer) => got.push(message));
  const sockets = Array.from({ length: 40 }, () => openSocket(t).socket);
  for (const [i, socket] of sockets.entries()) {
    assert.equal(socket.setPeer('127.0.0.1', peer.address().port), true);
    socket.send(Buffer.alloc(172, i), 172);
  }
  await until(() => got.length === 40);
  assert.deepEqual(
    got.map((message) => message[0]).sort((a = 0, b = 0) => a - b),
    [...Array(40).keys()],
  );
  assert.ok(got.every((message) => message.length === 172 && message.every((byte) => byte === message[0])));
});

test('only the first `length` bytes of a buffer are sent', async (t) => {
  const peer = await peerSocket(t);
  const { socket } = openSocket(t);
  socket.setPeer('127.0.0.1', peer.address().port);
  socket.send(Buffer.from('0123456789'), 4);
  const [message] = (await once(peer, 'message')) as [Buffer];
  assert.equal(message.toString(), '0123');
});

test('a datagram longer than the send stride is refused before it is queued', (t) => {
  const { socket } = openSocket(t);
  socket.setPeer('127.0.0.1', 9);
  assert.throws(() => socket.send(Buffer.alloc(MAX_SEND_BYTES + 1)), RangeError);
});

test('a length past the end of the bytes given is refused, not padded with stale arena bytes', (t) => {
  const { socket } = openSocket(t);
  socket.setPeer('127.0.0.1', 9);
  assert.throws(() => socket.send(Buffer.alloc(12), 40), /outside the 12 bytes given/);
});

test('IPv6: a socket on ::1 receives, latches and answers', async (t) => {
  const { socket, received } = openSocket(t, '::1');
  const peer = await peerSocket(t, 'udp6');
  const latched: (string | null)[] = [];
  socket.setReceiver({
    onDatagram(bytes, offset, length, source) {
      received.push(copied(bytes, offset, length, source));
      latched.push(socket.latch(source));
    },
  });
  peer.send(Buffer.from('v6'), socket.port, '::1');
  await until(() => received.length === 1);
  assert.deepEqual(latched, ['::1']);
  assert.equal(received[0]?.port, peer.address().port);
  socket.send(Buffer.from('back'));
  const [message] = (await once(peer, 'message')) as [Buffer];
  assert.equal(message.toString(), 'back');
});

test('a peer that is not an address is refused, and datagrams without a peer are counted, not sent', (t) => {
  const { socket } = openSocket(t);
  assert.equal(socket.setPeer('not-an-address', 4000), false);
  const before = rtpIo().counters.sendFailures;
  socket.send(Buffer.from('nowhere'));
  rtpIo().flush();
  assert.equal(rtpIo().counters.sendFailures, before + 1);
});

test('an oversized datagram is counted as truncated and not delivered; the next one is', async (t) => {
  const { socket, received } = openSocket(t);
  const peer = await peerSocket(t);
  const before = rtpIo().counters.truncated;
  peer.send(Buffer.alloc(4000, 1), socket.port, '127.0.0.1');
  peer.send(Buffer.from('small'), socket.port, '127.0.0.1');
  await until(() => received.length === 1);
  assert.equal(received[0]?.bytes.toString(), 'small');
  assert.equal(rtpIo().counters.truncated, before + 1);
});

test('more datagrams than the receive arena holds in one turn are all delivered over several', async (t) => {
  // 20 sockets with 100 datagrams of 248 bytes waiting each: 2,000 entries of 280 bytes, more than
  // the 512 KiB arena, all sent before the event loop polls.
  const receivers = Array.from({ length: 20 }, () => openSocket(t));
  const senders = receivers.map(({ socket: target }) => {
    const { socket } = openSocket(t);
    socket.setPeer('127.0.0.1', target.port);
    return socket;
  });
  const datagram = Buffer.alloc(MAX_SEND_BYTES, 7);
  for (let round = 0; round < 100; round += 1) for (const sender of senders) sender.send(datagram);
  rtpIo().flush();
  await until(() => receivers.every(({ received }) => received.length === 100));
  assert.ok(receivers.every(({ received }) => received.every(({ bytes }) => bytes.equals(datagram))));
});

test('a closed socket frees its port at once and delivers nothing more', async (t) => {
  const { socket, received } = openSocket(t);
  const peer = await peerSocket(t);
  const port = socket.port;
  socket.close();
  assert.equal(socket.closed, true);
  peer.send(Buffer.from('late'), port, '127.0.0.1');
  const again = rtpIo().open('127.0.0.1', port);
  assert.ok(again, 'the port can be bound again right away');
  again.close();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(received.length, 0);
});

test('binding a port another socket holds answers null', async (t) => {
  const squatter = await peerSocket(t);
  assert.equal(rtpIo().open('127.0.0.1', squatter.address().port), null);
});
