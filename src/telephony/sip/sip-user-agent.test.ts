import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { test, type TestContext } from 'node:test';
import {
  buildResponse,
  nameAddrTag,
  parseAllow,
  parseNameAddr,
  parseVia,
  serializeSipMessage,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from './message/index.js';
import { SipUserAgent } from './sip-user-agent.js';
import { TcpTestPeer } from './testdata/tcp-test-peer.js';
import { ALICE_TAG, buildRequestText, sdpOffer } from './testdata/sip-test-messages.js';
import { UdpTestPeer } from './testdata/udp-test-peer.js';
import { waitUntil } from './testdata/wait-until.js';
import { ManualTimerClock } from './transaction/manual-timer-clock.js';
import { TIMEOUT_64T1_MS } from './transaction/timers.js';
import type { InviteSession } from './ua/invite-session.js';

const ANSWER = Buffer.from('v=0\r\no=voxgate 1 1 IN IP4 127.0.0.1\r\n');

/** The whole stack on 127.0.0.1:0 with a manual clock; the delegate keeps each session. */
async function start(t: TestContext) {
  const clock = new ManualTimerClock();
  const sessions: InviteSession[] = [];
  const agent = await SipUserAgent.start({
    host: '127.0.0.1',
    port: 0,
    publicHost: '127.0.0.1',
    clock,
    delegate: { onInvite: (session) => sessions.push(session) },
  });
  t.after(() => agent.close());
  return { agent, clock, sessions };
}

async function udpPeer(t: TestContext): Promise<UdpTestPeer> {
  const peer = await UdpTestPeer.open();
  t.after(() => peer.close());
  return peer;
}

function response(message: SipMessage): SipResponse {
  assert.equal(message.kind, 'response');
  return message;
}

function request(message: SipMessage): SipRequest {
  assert.equal(message.kind, 'request');
  return message;
}

function tagOf(value: string | undefined): string | undefined {
  const parsed = parseNameAddr(value ?? '');
  return parsed.ok ? nameAddrTag(parsed.value) : undefined;
}

function toTag(message: SipMessage): string {
  const tag = tagOf(message.headers.get('To'));
  assert.ok(tag !== undefined, 'a To tag');
  return tag;
}

/** An INVITE from the UDP peer, with rport so answers come back to it. */
function inviteText(peer: UdpTestPeer): string {
  return buildRequestText('INVITE', {
    sentBy: `127.0.0.1:${peer.port}`,
    rport: true,
    contact: `<sip:alice@127.0.0.1:${peer.port}>`,
    body: sdpOffer(),
    contentType: 'application/sdp',
  });
}

test('OPTIONS over UDP is answered 200 with Allow to the port it came from', async (t) => {
  const { agent } = await start(t);
  const peer = await udpPeer(t);

  await peer.send(buildRequestText('OPTIONS', { sentBy: '127.0.0.1:9', rport: true }), agent.port);
  const reply = await peer.next();

  assert.equal(response(reply.message).status, 200);
  const allow = parseAllow(reply.message.headers.getAll('Allow'));
  assert.ok(allow.ok);
  assert.deepEqual(allow.value, ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS']);
});

test('OPTIONS over TCP is answered on the same connection', async (t) => {
  const { agent } = await start(t);
  const peer = await TcpTestPeer.connect(agent.port);
  t.after(() => peer.close());

  await peer.write(buildRequestText('OPTIONS', { transport: 'TCP' }));
  const reply = await peer.next();

  assert.equal(response(reply).status, 200);
});

test('an INVITE is answered 100, handed to the delegate, and a retransmission makes no second call', async (t) => {
  const { agent, sessions } = await start(t);
  const peer = await udpPeer(t);

  await peer.send(inviteText(peer), agent.port);
  const trying = await peer.next();
  await peer.send(inviteText(peer), agent.port);
  const again = await peer.next();

  assert.equal(response(trying.message).status, 100);
  assert.equal(response(again.message).status, 100);
  assert.equal(sessions.length, 1);
  assert.equal(agent.transactions.counters.retransmissionsAbsorbed, 1);
});

test('a call over UDP: 180, 200 with SDP, ACK, then our BYE reaches the caller, and nothing is left behind', async (t) => {
  const { agent, clock, sessions } = await start(t);
  const peer = await udpPeer(t);
  await peer.send(inviteText(peer), agent.port);
  await peer.next(); // 100
  const session = sessions[0];
  assert.ok(session !== undefined);

  session.ring();
  const ringing = await peer.next();
  session.setAnswer(ANSWER);
  await session.answer();
  const ok = await peer.next();
  const localTag = toTag(ok.message);
  await peer.send(
    buildRequestText('ACK', { branch: 'z9hG4bK-ack', rport: true, toTag: localTag }),
    agent.port,
  );
  await waitUntil(() => session.state === 'Confirmed');
  const hangup = session.hangup();
  const bye = request((await peer.next()).message);
  await peer.send(serializeSipMessage(buildResponse(bye, 200)), agent.port);
  await hangup;
  clock.advance(TIMEOUT_64T1_MS);

  assert.equal(response(ringing.message).status, 180);
  assert.equal(response(ok.message).status, 200);
  assert.deepEqual(ok.message.body, ANSWER);
  assert.equal(bye.method, 'BYE');
  assert.equal(tagOf(bye.headers.get('To')), ALICE_TAG);
  assert.equal(tagOf(bye.headers.get('From')), localTag);
  const via = parseVia(bye.headers.get('Via') ?? '');
  assert.ok(via.ok && via.value.port === agent.port && via.value.rport === true);
  assert.equal(agent.transactions.size, 0, 'no transaction left once Timers K and L ran');
  assert.equal(agent.core.sessionCount, 0);
});

test('a CANCEL over UDP gets 200, the INVITE 487, and the ACK of the 487 is absorbed', async (t) => {
  const { agent, sessions } = await start(t);
  const peer = await udpPeer(t);
  await peer.send(inviteText(peer), agent.port);
  await peer.next(); // 100

  await peer.send(buildRequestText('CANCEL', { sentBy: `127.0.0.1:${peer.port}`, rport: true }), agent.port);
  const replies = [response((await peer.next()).message), response((await peer.next()).message)];
  const terminated = replies.find((reply) => reply.status === 487);
  assert.ok(terminated !== undefined);
  await peer.send(
    buildRequestText('ACK', { sentBy: `127.0.0.1:${peer.port}`, rport: true, toTag: toTag(terminated) }),
    agent.port,
  );
  await waitUntil(() => sessions[0]?.state === 'Terminated');

  assert.deepEqual(replies.map((reply) => `${reply.status} ${reply.headers.get('CSeq')}`).sort(), [
    '200 1 CANCEL',
    '487 1 INVITE',
  ]);
  assert.equal(sessions[0]?.end?.reason, 'CANCEL');
});

test('our BYE for a call that came over TCP goes out on its connection', async (t) => {
  const { agent, sessions } = await start(t);
  const peer = await TcpTestPeer.connect(agent.port);
  t.after(() => peer.close());
  await peer.write(
    buildRequestText('INVITE', { transport: 'TCP', body: sdpOffer(), contentType: 'application/sdp' }),
  );
  await peer.next(); // 100
  const session = sessions[0];
  assert.ok(session !== undefined);
  session.setAnswer(ANSWER);
  await session.answer();
  const ok = await peer.next();
  await peer.write(buildRequestText('ACK', { transport: 'TCP', branch: 'z9hG4bK-ack', toTag: toTag(ok) }));
  await waitUntil(() => session.state === 'Confirmed');

  const hangup = session.hangup();
  const bye = request(await peer.next());
  await peer.write(serializeSipMessage(buildResponse(bye, 200)));
  await hangup;

  assert.equal(bye.method, 'BYE');
  assert.equal(agent.transactions.counters.strayResponses, 0);
});

test('close releases the SIP port', async () => {
  const agent = await SipUserAgent.start({
    host: '127.0.0.1',
    port: 0,
    publicHost: '127.0.0.1',
    clock: new ManualTimerClock(),
    delegate: { onInvite: () => undefined },
  });
  const port = agent.port;

  await agent.close();

  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', resolve);
  });
  await new Promise<void>((resolve) => socket.close(() => resolve()));
});
