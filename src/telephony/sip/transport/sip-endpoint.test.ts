import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { test, type TestContext } from 'node:test';
import {
  MAX_SIP_MESSAGE_BYTES,
  buildResponse,
  nameAddrTag,
  parseNameAddr,
  parseVia,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from '../message/index.js';
import { buildBye, buildRequestText, buildResponseText } from '../testdata/sip-test-messages.js';
import { TcpTestPeer } from '../testdata/tcp-test-peer.js';
import { UdpTestPeer } from '../testdata/udp-test-peer.js';
import { waitUntil } from '../testdata/wait-until.js';
import { SipEndpoint } from './sip-endpoint.js';
import type { TransportSource } from './transport-source.js';

/** An endpoint on 127.0.0.1:0 whose delegate answers every request 200 and records all it gets. */
async function listen(t: TestContext) {
  const requests: { request: SipRequest; source: TransportSource }[] = [];
  const responses: SipResponse[] = [];
  const refusals: string[] = [];
  const endpoint = await SipEndpoint.listen({
    host: '127.0.0.1',
    port: 0,
    publicHost: '127.0.0.1',
    onRefused: (reason) => refusals.push(reason),
    delegate: {
      onRequest: (request, channel, source) => {
        requests.push({ request, source });
        channel.send(buildResponse(request, 200, undefined, { toTag: 'ivr-tag' }));
      },
      onResponse: (response) => responses.push(response),
    },
  });
  t.after(() => endpoint.close());
  return { endpoint, requests, responses, refusals };
}

async function udpPeer(t: TestContext): Promise<UdpTestPeer> {
  const peer = await UdpTestPeer.open();
  t.after(() => peer.close());
  return peer;
}

async function tcpPeer(t: TestContext, port: number): Promise<TcpTestPeer> {
  const peer = await TcpTestPeer.connect(port);
  t.after(() => peer.close());
  return peer;
}

function response(message: SipMessage): SipResponse {
  assert.equal(message.kind, 'response');
  return message;
}

function topVia(message: SipMessage) {
  const via = parseVia(message.headers.get('Via') ?? '');
  assert.ok(via.ok);
  return via.value;
}

test('OPTIONS over UDP is answered 200 to the port it came from', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await udpPeer(t);

  await peer.send(
    buildRequestText('OPTIONS', { sentBy: `127.0.0.1:${peer.port}`, rport: true }),
    endpoint.port,
  );
  const reply = await peer.next();

  assert.equal(response(reply.message).status, 200);
  assert.equal(reply.from.port, endpoint.port);
});

test('with rport, the response Via carries received and rport and goes to the source port (RFC 3581 section 4)', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await udpPeer(t);

  await peer.send(buildRequestText('OPTIONS', { sentBy: '192.0.2.99:9999', rport: true }), endpoint.port);
  const reply = await peer.next();

  const via = topVia(reply.message);
  assert.equal(via.received, '127.0.0.1');
  assert.equal(via.rport, peer.port);
  assert.equal(via.port, 9999);
});

test('with rport, received is added even when the sent-by host is the source address', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await udpPeer(t);

  await peer.send(buildRequestText('OPTIONS', { sentBy: '127.0.0.1:9999', rport: true }), endpoint.port);
  const reply = await peer.next();

  assert.equal(topVia(reply.message).received, '127.0.0.1');
});

test('without rport, the response goes to the sent-by port, not the source port (section 18.2.2)', async (t) => {
  const { endpoint } = await listen(t);
  const sender = await udpPeer(t);
  const listener = await udpPeer(t);
  const request = buildRequestText('OPTIONS', { sentBy: `127.0.0.1:${listener.port}` });

  await sender.send(request, endpoint.port);
  const reply = await listener.next();

  // A second request, with rport, is answered to the sender: had the first answer gone to the
  // source port, it would arrive there first.
  await sender.send(
    buildRequestText('OPTIONS', { branch: 'z9hG4bK-2', cseq: 2, rport: true }),
    endpoint.port,
  );
  const atSource = await sender.next();

  assert.equal(response(reply.message).status, 200);
  assert.equal(topVia(reply.message).received, undefined, 'sent-by host is the source address');
  assert.equal(atSource.message.headers.get('CSeq'), '2 OPTIONS');
});

test('without rport, a sent-by host other than the source gets received, and the response goes there', async (t) => {
  const { endpoint } = await listen(t);
  const sender = await udpPeer(t);
  const listener = await udpPeer(t);

  await sender.send(
    buildRequestText('OPTIONS', { sentBy: `ua.example.com:${listener.port}` }),
    endpoint.port,
  );
  const reply = await listener.next();

  const via = topVia(reply.message);
  assert.equal(via.host, 'ua.example.com');
  assert.equal(via.received, '127.0.0.1');
});

test('stamping the top Via keeps the lower Vias, in order', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await udpPeer(t);
  const lowerVias = [
    'SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bK-p1',
    'SIP/2.0/UDP 198.51.100.2;branch=z9hG4bK-p2',
  ];

  await peer.send(
    buildRequestText('OPTIONS', { sentBy: '192.0.2.99:9999', rport: true, lowerVias }),
    endpoint.port,
  );
  const reply = await peer.next();

  assert.deepEqual(reply.message.headers.getAll('Via').slice(1), lowerVias);
});

test('the request the delegate gets already carries the stamped Via', async (t) => {
  const { endpoint, requests } = await listen(t);
  const peer = await udpPeer(t);

  await peer.send(buildRequestText('OPTIONS', { sentBy: '192.0.2.99:9999', rport: true }), endpoint.port);
  await peer.next();

  const delivered = requests[0];
  assert.ok(delivered !== undefined);
  assert.equal(topVia(delivered.request).rport, peer.port);
  assert.deepEqual(delivered.source, { transport: 'udp', address: '127.0.0.1', port: peer.port });
});

test('a garbage datagram is dropped and the next OPTIONS is still answered', async (t) => {
  const { endpoint, requests } = await listen(t);
  const peer = await udpPeer(t);

  await peer.send(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a]), endpoint.port);
  await peer.send(buildRequestText('OPTIONS', { sentBy: '127.0.0.1:9', rport: true }), endpoint.port);
  const reply = await peer.next();

  assert.equal(response(reply.message).status, 200);
  assert.equal(endpoint.counters.dropped, 1);
  assert.equal(requests.length, 1);
});

test('a request with a bad Max-Forwards gets 400 naming the defect (STYLE.md section 4)', async (t) => {
  const { endpoint, requests, refusals } = await listen(t);
  const peer = await udpPeer(t);

  await peer.send(buildRequestText('OPTIONS', { maxForwards: 'seventy', rport: true }), endpoint.port);
  const reply = await peer.next();

  assert.equal(response(reply.message).status, 400);
  assert.equal(response(reply.message).reason, 'Malformed Max-Forwards header');
  assert.deepEqual(refusals, ['Malformed Max-Forwards header']);
  assert.equal(endpoint.counters.rejected, 1);
  assert.equal(requests.length, 0);
});

test('a Content-Length larger than the datagram body gets 400 naming the defect', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await udpPeer(t);

  await peer.send(buildRequestText('OPTIONS', { body: 'abc', contentLength: 10 }), endpoint.port);
  const reply = await peer.next();

  assert.equal(response(reply.message).reason, 'Content-Length larger than body');
});

test('a malformed ACK is never answered (RFC 3261 section 17.1.1.3)', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await udpPeer(t);

  await peer.send(buildRequestText('ACK', { maxForwards: 'seventy' }), endpoint.port);
  await peer.send(buildRequestText('OPTIONS', { sentBy: '127.0.0.1:9', rport: true }), endpoint.port);
  const first = await peer.next();

  assert.equal(response(first.message).status, 200);
  assert.equal(endpoint.counters.dropped, 1);
});

test('a response sent to the server goes to the delegate and is never answered', async (t) => {
  const { endpoint, responses } = await listen(t);
  const peer = await udpPeer(t);

  await peer.send(buildResponseText(200, 'OK', { cseqMethod: 'BYE', sentBy: '127.0.0.1:9' }), endpoint.port);
  await peer.send(buildRequestText('OPTIONS', { sentBy: '127.0.0.1:9', rport: true }), endpoint.port);
  const first = await peer.next();

  // Handled in order: had the response been answered, that answer would have come first.
  assert.equal(first.message.kind, 'response');
  assert.equal(response(first.message).headers.get('CSeq'), '1 OPTIONS');
  assert.equal(responses.length, 1);
});

test('OPTIONS over TCP is answered on its connection', async (t) => {
  const { endpoint, requests } = await listen(t);
  const peer = await tcpPeer(t, endpoint.port);

  await peer.write(buildRequestText('OPTIONS', { transport: 'TCP' }));
  const reply = await peer.next();

  assert.equal(response(reply).status, 200);
  assert.equal(requests[0]?.source.transport, 'tcp');
});

test('two requests in one TCP write are both answered', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await tcpPeer(t, endpoint.port);
  const first = buildRequestText('OPTIONS', { transport: 'TCP', branch: 'z9hG4bK-1', cseq: 1 });
  const second = buildRequestText('OPTIONS', { transport: 'TCP', branch: 'z9hG4bK-2', cseq: 2 });

  await peer.write(first + second);
  const replies = [await peer.next(), await peer.next()];

  assert.deepEqual(
    replies.map((reply) => reply.headers.get('CSeq')),
    ['1 OPTIONS', '2 OPTIONS'],
  );
});

test('a request split across two TCP writes is answered once', async (t) => {
  const { endpoint, requests } = await listen(t);
  const peer = await tcpPeer(t, endpoint.port);
  const text = buildRequestText('OPTIONS', { transport: 'TCP', body: 'split body' });

  await peer.write(text.slice(0, 40));
  await peer.write(text.slice(40));
  const reply = await peer.next();

  assert.equal(response(reply).status, 200);
  assert.equal(requests.length, 1);
  assert.equal(requests[0]?.request.body.toString(), 'split body');
});

test('a TCP request without Content-Length gets 400 and the connection stays usable (section 18.3)', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await tcpPeer(t, endpoint.port);
  const withoutLength = buildRequestText('OPTIONS', { transport: 'TCP' }).replace(
    /Content-Length: 0\r\n/,
    '',
  );

  await peer.write(withoutLength);
  const refused = await peer.next();
  await peer.write(buildRequestText('OPTIONS', { transport: 'TCP', branch: 'z9hG4bK-2', cseq: 2 }));
  const answered = await peer.next();

  assert.equal(response(refused).reason, 'Missing Content-Length header');
  assert.equal(response(answered).status, 200);
});

test('a TCP Content-Length past the cap closes the connection', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await tcpPeer(t, endpoint.port);

  await peer.write(
    buildRequestText('OPTIONS', { transport: 'TCP', contentLength: MAX_SIP_MESSAGE_BYTES + 1 }),
  );

  await peer.closedByServer();
});

test('a request channel to a UDP target sends the request there, unreliably', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await udpPeer(t);
  const channel = endpoint.requestChannel({ transport: 'udp', address: '127.0.0.1', port: peer.port });
  const bye = buildBye({ branch: 'z9hG4bK-our-bye', toTag: 'ivr-tag' });

  const sent = channel.send(bye);
  const received = await peer.next();

  assert.equal(sent, true);
  assert.equal(channel.reliable, false);
  assert.equal(received.message.kind === 'request' ? received.message.method : '', 'BYE');
  assert.equal(received.from.port, endpoint.port);
});

test('a request channel on a TCP connection writes on it, reliably, and fails once it is closed', async (t) => {
  const { endpoint, requests } = await listen(t);
  const peer = await tcpPeer(t, endpoint.port);
  await peer.write(buildRequestText('OPTIONS', { transport: 'TCP' }));
  await peer.next();
  const source = requests[0]?.source;
  assert.ok(source !== undefined);
  const channel = endpoint.requestChannel(source);

  const sent = channel.send(buildBye({ branch: 'z9hG4bK-our-bye', transport: 'TCP' }));
  const bye = await peer.next();
  await peer.close();
  await waitUntil(() => source.connection?.closed === true);

  assert.equal(sent, true);
  assert.equal(channel.reliable, true);
  assert.equal(bye.kind === 'request' ? bye.method : '', 'BYE');
  assert.equal(channel.send(buildBye({ branch: 'z9hG4bK-late', transport: 'TCP' })), false);
});

test('our Via names the public host and port, a fresh RFC 3261 branch and rport', async (t) => {
  const { endpoint } = await listen(t);

  const first = parseVia(endpoint.via('udp'));
  const second = parseVia(endpoint.via('tcp'));

  assert.ok(first.ok && second.ok);
  assert.equal(first.value.transport, 'UDP');
  assert.equal(second.value.transport, 'TCP');
  assert.equal(first.value.host, '127.0.0.1');
  assert.equal(first.value.port, endpoint.port);
  assert.equal(first.value.rport, true);
  assert.ok(first.value.branch?.startsWith('z9hG4bK'));
  assert.notEqual(first.value.branch, second.value.branch);
});

test('close releases the UDP and TCP port', async (t) => {
  const endpoint = await SipEndpoint.listen({
    host: '127.0.0.1',
    port: 0,
    publicHost: '127.0.0.1',
    delegate: { onRequest: () => undefined, onResponse: () => undefined },
  });
  const port = endpoint.port;

  await endpoint.close();

  const udp = dgram.createSocket('udp4');
  t.after(() => new Promise<void>((resolve) => udp.close(() => resolve())));
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(port, '127.0.0.1', resolve);
  });
  const tcp = net.createServer();
  t.after(() => new Promise<void>((resolve) => tcp.close(() => resolve())));
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, '127.0.0.1', resolve);
  });
});

// Defects found by these tests and fixed since.

test('a 400 to an unparsable request carries a To tag (RFC 3261 section 8.2.6.2)', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await udpPeer(t);

  await peer.send(buildRequestText('OPTIONS', { maxForwards: 'seventy', rport: true }), endpoint.port);
  const reply = await peer.next();

  const to = parseNameAddr(reply.message.headers.get('To') ?? '');
  assert.ok(to.ok && nameAddrTag(to.value) !== undefined);
});

test('a request over TCP whose sent-by differs from its source gets received (RFC 3261 section 18.2.1)', async (t) => {
  const { endpoint } = await listen(t);
  const peer = await tcpPeer(t, endpoint.port);

  await peer.write(buildRequestText('OPTIONS', { transport: 'TCP', sentBy: '192.0.2.99:5060', rport: true }));
  const reply = await peer.next();

  assert.equal(topVia(reply).received, '127.0.0.1');
});
