import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameAddrTag, parseAllow, parseNameAddr, type SipRequest } from '../message/index.js';
import { RecordingChannel } from '../testdata/recording-channel.js';
import { RecordingSender } from '../testdata/recording-sender.js';
import {
  ALICE_TAG,
  buildAck,
  buildBye,
  buildCancel,
  buildInvite,
  buildOptions,
  buildTestRequest,
  sdpOffer,
} from '../testdata/sip-test-messages.js';
import { ManualTimerClock } from '../transaction/manual-timer-clock.js';
import { TIMEOUT_64T1_MS } from '../transaction/timers.js';
import { TransactionLayer } from '../transaction/transaction-layer.js';
import type { TransportSource } from '../transport/transport-source.js';
import type { InviteSession } from './invite-session.js';
import { ALLOWED_METHODS, UserAgentCore } from './user-agent-core.js';

const CONTACT = '<sip:127.0.0.1:5060>';
const SOURCE: TransportSource = { transport: 'udp', address: '192.0.2.10', port: 5070 };
const ANSWER = Buffer.from('v=0\r\n');

/** The UA core over a real transaction layer, as SipUserAgent wires them, without sockets. */
function setup() {
  const clock = new ManualTimerClock();
  const sender = new RecordingSender();
  const sessions: InviteSession[] = [];
  const senderSources: TransportSource[] = [];
  const core = new UserAgentCore({
    clock,
    contact: CONTACT,
    delegate: { onInvite: (session) => sessions.push(session) },
    senderFor: (source) => {
      senderSources.push(source);
      return sender;
    },
    findCancelled: (cancel) => transactions.findCancelled(cancel),
  });
  const transactions: TransactionLayer = new TransactionLayer(clock, core);
  const send = (request: SipRequest, channel = new RecordingChannel()): RecordingChannel => {
    transactions.receiveRequest(request, channel, SOURCE);
    return channel;
  };
  /** Sends an INVITE and returns its channel and the session the delegate got. */
  const call = () => {
    const channel = send(buildInvite());
    const session = sessions.at(-1);
    if (session === undefined) throw new Error('no session was offered');
    return { channel, session, localTag: session.dialog.localTag };
  };
  /** Answers the call and acknowledges the 2xx, as the caller would. */
  const answered = async () => {
    const made = call();
    made.session.setAnswer(ANSWER);
    await made.session.answer();
    send(buildAck({ branch: 'z9hG4bK-ack-1', toTag: made.localTag }));
    return made;
  };
  return { clock, sender, sessions, senderSources, core, layer: transactions, send, call, answered };
}

function toTag(value: string | undefined): string | undefined {
  const parsed = parseNameAddr(value ?? '');
  return parsed.ok ? nameAddrTag(parsed.value) : undefined;
}

function allowOf(channel: RecordingChannel): string[] {
  const allow = parseAllow(channel.lastResponse.headers.getAll('Allow'));
  assert.ok(allow.ok, 'a readable Allow');
  return [...allow.value];
}

test('OPTIONS is answered 200 with Allow, Accept, Contact and a To tag (RFC 3261 section 11.2)', () => {
  const { send } = setup();

  const channel = send(buildOptions());

  assert.deepEqual(channel.statuses, [200]);
  assert.deepEqual(allowOf(channel), ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS']);
  assert.equal(channel.lastResponse.headers.get('Accept'), 'application/sdp');
  assert.equal(channel.lastResponse.headers.get('Contact'), CONTACT);
  assert.notEqual(toTag(channel.lastResponse.headers.get('To')), undefined);
});

test('a method we do not implement gets 405 with Allow (section 8.2.1)', () => {
  const { send } = setup();

  for (const method of ['SUBSCRIBE', 'REGISTER', 'MESSAGE', 'INFO']) {
    const channel = send(buildTestRequest(method, { branch: `z9hG4bK-${method}` }));

    assert.deepEqual(channel.statuses, [405], method);
    assert.deepEqual(allowOf(channel), [...ALLOWED_METHODS], method);
  }
});

test('a BYE for a dialog we do not know gets 481 (section 12.2.2)', () => {
  const { send } = setup();

  const channel = send(buildBye({ toTag: 'unknown-tag' }));

  assert.deepEqual(channel.statuses, [481]);
});

test('a BYE without a To tag names no dialog and gets 481 (section 15.1.2)', () => {
  const { send } = setup();

  const channel = send(buildBye({ toTag: null }));

  assert.deepEqual(channel.statuses, [481]);
});

test('an in-dialog request with a lower CSeq gets 500 (section 12.2.2)', async () => {
  const { send, answered } = setup();
  const { session, localTag } = await answered();

  const channel = send(buildBye({ cseq: 0, toTag: localTag, branch: 'z9hG4bK-old-bye' }));

  assert.deepEqual(channel.statuses, [500]);
  assert.equal(channel.lastResponse.reason, 'CSeq out of order');
  assert.equal(session.state, 'Confirmed');
});

test('a new INVITE gets 100 Trying, then the delegate gets its session', () => {
  const { sessions, senderSources, send } = setup();

  const channel = send(buildInvite());

  assert.deepEqual(channel.statuses, [100]);
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0]?.state, 'Early');
  assert.equal(sessions[0]?.dialog.remoteTag, ALICE_TAG);
  assert.deepEqual(senderSources, [SOURCE]);
});

test('a retransmitted INVITE gets the last response again and makes no second session', () => {
  const { sessions, send } = setup();
  const channel = send(buildInvite());

  send(buildInvite(), channel);

  assert.deepEqual(channel.statuses, [100, 100]);
  assert.equal(sessions.length, 1);
});

test('an INVITE without Contact gets 400 naming the defect, with a To tag, and no session', () => {
  const { sessions, send } = setup();

  const channel = send(buildInvite({ contact: null }));

  assert.deepEqual(channel.statuses, [100, 400]);
  assert.equal(channel.lastResponse.reason, 'Missing Contact header');
  assert.notEqual(toTag(channel.lastResponse.headers.get('To')), undefined);
  assert.equal(sessions.length, 0);
});

test('after drain a new INVITE gets 503 with Retry-After and reaches no delegate (section 21.5.4)', () => {
  const { core, sessions, send } = setup();
  core.drain();

  const channel = send(buildInvite());

  assert.deepEqual(channel.statuses, [503]);
  assert.notEqual(channel.lastResponse.headers.get('Retry-After'), undefined);
  assert.equal(sessions.length, 0);
});

test('after drain the calls in progress still end normally', async () => {
  const { core, send, answered } = setup();
  const { session, localTag } = await answered();
  core.drain();

  const channel = send(buildBye({ toTag: localTag, branch: 'z9hG4bK-bye' }));

  assert.deepEqual(channel.statuses, [200]);
  assert.equal(session.state, 'Terminated');
});

test('a CANCEL matching no INVITE gets 481 (section 9.2)', () => {
  const { send } = setup();

  const channel = send(buildCancel());

  assert.deepEqual(channel.statuses, [481]);
});

test('a CANCEL of a ringing INVITE gets 200, the INVITE 487, and the session ends', () => {
  const { send, call } = setup();
  const { channel: inviteChannel, session } = call();
  session.ring();

  const channel = send(buildCancel());

  assert.deepEqual(channel.statuses, [200]);
  assert.deepEqual(inviteChannel.statuses, [100, 180, 487]);
  assert.equal(session.end?.reason, 'CANCEL');
});

test('a CANCEL after the answer gets 200 and changes nothing', async () => {
  const { send, call } = setup();
  const { channel: inviteChannel, session } = call();
  session.setAnswer(ANSWER);
  await session.answer();

  const channel = send(buildCancel());

  assert.deepEqual(channel.statuses, [200]);
  assert.deepEqual(inviteChannel.statuses, [100, 200]);
  assert.equal(session.state, 'Accepted');
});

test('the ACK of our 2xx reaches its session, which stops retransmitting', async () => {
  const { clock, call, send } = setup();
  const { channel, session, localTag } = call();
  session.setAnswer(ANSWER);
  await session.answer();

  send(buildAck({ branch: 'z9hG4bK-ack-1', toTag: localTag }));
  clock.advance(TIMEOUT_64T1_MS);

  assert.equal(session.state, 'Confirmed');
  assert.deepEqual(channel.statuses, [100, 200]);
});

test('an ACK naming another dialog leaves the session waiting', async () => {
  const { call, send } = setup();
  const { session } = call();
  session.setAnswer(ANSWER);
  await session.answer();

  send(buildAck({ branch: 'z9hG4bK-ack-1', toTag: 'not-ours' }));

  assert.equal(session.state, 'Accepted');
});

test('a BYE in the dialog is answered 200 and ends the session', async () => {
  const { send, answered } = setup();
  const { session, localTag } = await answered();

  const channel = send(buildBye({ toTag: localTag, branch: 'z9hG4bK-bye' }));

  assert.deepEqual(channel.statuses, [200]);
  assert.equal(session.end?.source, 'CALLER');
});

test('a re-INVITE in the dialog reaches the session', async () => {
  const { send, answered } = setup();
  const { localTag } = await answered();

  const channel = send(
    buildTestRequest('INVITE', {
      branch: 'z9hG4bK-reinvite',
      cseq: 2,
      toTag: localTag,
      body: sdpOffer('sendonly'),
      contentType: 'application/sdp',
    }),
  );

  assert.deepEqual(channel.statuses, [200]);
  assert.deepEqual(channel.lastResponse.body, ANSWER);
});

test('an OPTIONS in the dialog is answered 200', async () => {
  const { send, answered } = setup();
  const { localTag } = await answered();

  const channel = send(buildOptions({ toTag: localTag, cseq: 2 }));

  assert.deepEqual(channel.statuses, [200]);
});

test('an unknown method in the dialog gets 405 with Allow', async () => {
  const { send, answered } = setup();
  const { localTag } = await answered();

  const channel = send(buildTestRequest('INFO', { branch: 'z9hG4bK-info', toTag: localTag, cseq: 2 }));

  assert.deepEqual(channel.statuses, [405]);
  assert.deepEqual(allowOf(channel), [...ALLOWED_METHODS]);
});

test('an ended dialog still answers for 32 s, then is forgotten and gets 481', async () => {
  const { clock, core, send, answered } = setup();
  const { localTag } = await answered();
  send(buildBye({ toTag: localTag, branch: 'z9hG4bK-bye-1', cseq: 2 }));

  clock.advance(31_999);
  const late = send(buildBye({ toTag: localTag, branch: 'z9hG4bK-bye-2', cseq: 3 }));
  clock.advance(1);
  const gone = send(buildBye({ toTag: localTag, branch: 'z9hG4bK-bye-3', cseq: 4 }));

  assert.deepEqual(late.statuses, [200]);
  assert.deepEqual(gone.statuses, [481]);
  assert.equal(core.sessionCount, 0);
});

test('a whole call leaves no transaction, session or timer behind', async () => {
  const { clock, core, layer, send, answered } = setup();
  const { localTag } = await answered();
  send(buildBye({ toTag: localTag, branch: 'z9hG4bK-bye-1' }));

  clock.advance(TIMEOUT_64T1_MS);

  assert.equal(layer.size, 0);
  assert.equal(core.sessionCount, 0);
  assert.equal(clock.pending, 0);
});

test('a late ACK of the INVITE 2xx does not stop the retransmission of a re-INVITE 2xx (section 13.3.1.4)', async () => {
  const { clock, send, answered } = setup();
  const { session, localTag } = await answered();
  const reinvite = send(buildTestRequest('INVITE', { branch: 'z9hG4bK-reinvite', cseq: 2, toTag: localTag }));

  // The caller retransmits its first ACK (CSeq 1) on a late copy of the first 2xx.
  send(buildAck({ branch: 'z9hG4bK-ack-1', toTag: localTag, cseq: 1 }));
  clock.advance(600);

  assert.deepEqual(reinvite.statuses, [200, 200]);
  assert.equal(session.state, 'Confirmed');
});
