import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { test } from 'node:test';
import { buildRequestText } from '../testdata/sip-test-messages.js';
import { UdpTestPeer } from '../testdata/udp-test-peer.js';
import type { TransportSource } from './transport-source.js';
import { UdpTransport } from './udp-transport.js';

/** A transport whose delegate resolves `received` with the first datagram it hands up. */
async function bindRecording() {
  let deliver: (value: { bytes: Buffer; source: TransportSource }) => void = () => undefined;
  const received = new Promise<{ bytes: Buffer; source: TransportSource }>((resolve) => (deliver = resolve));
  const transport = await UdpTransport.bind('127.0.0.1', 0, {
    onMessage: (bytes, source) => deliver({ bytes, source }),
  });
  return { transport, received };
}

function withTimeout<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

test('binds port 0 to a free port on the given host', async (t) => {
  const { transport } = await bindRecording();
  t.after(() => transport.close());

  assert.notEqual(transport.port, 0);
  assert.equal(transport.host, '127.0.0.1');
});

test('hands each datagram up whole, with its source address and port', async (t) => {
  const { transport, received } = await bindRecording();
  t.after(() => transport.close());
  const peer = await UdpTestPeer.open();
  t.after(() => peer.close());
  const text = buildRequestText('OPTIONS');

  await peer.send(text, transport.port);
  const { bytes, source } = await withTimeout(received);

  assert.equal(bytes.toString(), text);
  assert.deepEqual(source, { transport: 'udp', address: '127.0.0.1', port: peer.port });
});

test('send delivers one datagram to the address and port given', async (t) => {
  const { transport } = await bindRecording();
  t.after(() => transport.close());
  const peer = await UdpTestPeer.open();
  t.after(() => peer.close());
  const text = buildRequestText('OPTIONS');

  const accepted = transport.send(Buffer.from(text), '127.0.0.1', peer.port);
  const datagram = await peer.next();

  assert.equal(accepted, true);
  assert.equal(datagram.bytes.toString(), text);
  assert.equal(datagram.from.port, transport.port);
});

test('a send the socket refuses is reported as a failure, never thrown', async (t) => {
  const { transport } = await bindRecording();
  t.after(() => transport.close());

  const accepted = transport.send(Buffer.from('x'), '127.0.0.1', 70_000);

  assert.equal(accepted, false);
  assert.equal(transport.sendErrors, 1);
});

test('close releases the port', async (t) => {
  const { transport } = await bindRecording();
  const port = transport.port;

  await transport.close();
  const again = dgram.createSocket('udp4');
  t.after(() => new Promise<void>((resolve) => again.close(() => resolve())));

  await new Promise<void>((resolve, reject) => {
    again.once('error', reject);
    again.bind(port, '127.0.0.1', resolve);
  });
});

test('a port in use is refused at bind', async (t) => {
  const { transport } = await bindRecording();
  t.after(() => transport.close());

  await assert.rejects(UdpTransport.bind('127.0.0.1', transport.port, { onMessage: () => undefined }));
});
