import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SIP_MESSAGE_BYTES, buildResponse, serializeSipMessage } from '../message/index.js';
import { buildOptions, buildRequestText } from '../testdata/sip-test-messages.js';
import { TcpTestPeer } from '../testdata/tcp-test-peer.js';
import { REPLY_TIMEOUT_MS } from '../testdata/udp-test-peer.js';
import { waitUntil } from '../testdata/wait-until.js';
import { TcpTransport } from './tcp-transport.js';
import type { TransportSource } from './transport-source.js';

interface Delivery {
  readonly bytes: Buffer;
  readonly source: TransportSource;
}

/** A transport on 127.0.0.1:0 whose delegate queues what it hands up. */
async function listen() {
  const queue: Delivery[] = [];
  const waiters: ((delivery: Delivery) => void)[] = [];
  const transport = await TcpTransport.listen('127.0.0.1', 0, {
    onMessage: (bytes, source) => {
      const waiter = waiters.shift();
      if (waiter === undefined) queue.push({ bytes, source });
      else waiter({ bytes, source });
    },
  });
  const next = (): Promise<Delivery> => {
    const queued = queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message handed up')), REPLY_TIMEOUT_MS);
      waiters.push((delivery) => {
        clearTimeout(timer);
        resolve(delivery);
      });
    });
  };
  return { transport, next, queue };
}

const OPTIONS_1 = buildRequestText('OPTIONS', { transport: 'TCP', branch: 'z9hG4bK-1' });
const OPTIONS_2 = buildRequestText('OPTIONS', { transport: 'TCP', branch: 'z9hG4bK-2', body: 'hello' });

test('a message on a connection is handed up whole, with the connection as its source', async (t) => {
  const { transport, next } = await listen();
  t.after(() => transport.close());
  const peer = await TcpTestPeer.connect(transport.port);
  t.after(() => peer.close());

  await peer.write(OPTIONS_1);
  const { bytes, source } = await next();

  assert.equal(bytes.toString(), OPTIONS_1);
  assert.equal(source.transport, 'tcp');
  assert.equal(source.address, '127.0.0.1');
  assert.equal(source.port, peer.port);
  assert.equal(source.connection?.closed, false);
});

test('two messages in one write are handed up one by one (RFC 3261 section 18.3)', async (t) => {
  const { transport, next } = await listen();
  t.after(() => transport.close());
  const peer = await TcpTestPeer.connect(transport.port);
  t.after(() => peer.close());

  await peer.write(OPTIONS_1 + OPTIONS_2);
  const first = await next();
  const second = await next();

  assert.equal(first.bytes.toString(), OPTIONS_1);
  assert.equal(second.bytes.toString(), OPTIONS_2);
  assert.equal(first.source.connection, second.source.connection);
});

test('a message split across writes is handed up once, whole', async (t) => {
  const { transport, next, queue } = await listen();
  t.after(() => transport.close());
  const peer = await TcpTestPeer.connect(transport.port);
  t.after(() => peer.close());
  const cut = OPTIONS_2.length - 3;

  await peer.write(OPTIONS_2.slice(0, cut));
  await peer.write(OPTIONS_2.slice(cut));
  const delivered = await next();

  assert.equal(delivered.bytes.toString(), OPTIONS_2);
  assert.equal(queue.length, 0);
});

test('a Content-Length past the cap closes the connection and counts a framing error', async (t) => {
  const { transport } = await listen();
  t.after(() => transport.close());
  const peer = await TcpTestPeer.connect(transport.port);
  t.after(() => peer.close());

  await peer.write(
    buildRequestText('OPTIONS', { transport: 'TCP', contentLength: MAX_SIP_MESSAGE_BYTES + 1 }),
  );
  await peer.closedByServer();

  assert.equal(transport.framingErrors, 1);
});

test('messages framed before a framing error are still handed up', async (t) => {
  const { transport, next } = await listen();
  t.after(() => transport.close());
  const peer = await TcpTestPeer.connect(transport.port);
  t.after(() => peer.close());

  await peer.write(OPTIONS_1 + 'OPTIONS sip:x SIP/2.0\r\nContent-Length: nonsense\r\n\r\n');
  const delivered = await next();
  await peer.closedByServer();

  assert.equal(delivered.bytes.toString(), OPTIONS_1);
});

test('bytes written on the source connection reach the peer', async (t) => {
  const { transport, next } = await listen();
  t.after(() => transport.close());
  const peer = await TcpTestPeer.connect(transport.port);
  t.after(() => peer.close());
  await peer.write(OPTIONS_1);
  const { source } = await next();

  const written = source.connection?.write(serializeSipMessage(buildResponse(buildOptions(), 200)));
  const reply = await peer.next();

  assert.equal(written, true);
  assert.equal(reply.kind === 'response' ? reply.status : 0, 200);
});

test('writing on a connection the server closed reports failure, and the connection is forgotten', async (t) => {
  const { transport, next } = await listen();
  t.after(() => transport.close());
  const peer = await TcpTestPeer.connect(transport.port);
  t.after(() => peer.close());
  await peer.write(OPTIONS_1);
  const { source } = await next();
  assert.equal(transport.connectionCount, 1);

  await peer.write('OPTIONS sip:x SIP/2.0\r\nContent-Length: nonsense\r\n\r\n');
  await peer.closedByServer();
  await waitUntil(() => transport.connectionCount === 0);

  assert.equal(source.connection?.closed, true);
  assert.equal(source.connection?.write(Buffer.from('late')), false);
});

test('close ends every open connection', async () => {
  const { transport } = await listen();
  const peer = await TcpTestPeer.connect(transport.port);
  await waitUntil(() => transport.connectionCount === 1);

  await transport.close();

  await peer.closedByServer();
});
