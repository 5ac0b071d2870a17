import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LegEnd } from '../../call-leg.js';
import { Dialog } from '../dialog/dialog.js';
import { nameAddrTag, parseNameAddr, serializeUri, type SipResponse } from '../message/index.js';
import { RecordingChannel } from '../testdata/recording-channel.js';
import { RecordingSender } from '../testdata/recording-sender.js';
import { buildBye, buildInvite, buildTestRequest, sdpOffer } from '../testdata/sip-test-messages.js';
import { InviteServerTransaction } from '../transaction/invite-server-transaction.js';
import { ManualTimerClock } from '../transaction/manual-timer-clock.js';
import { NonInviteServerTransaction } from '../transaction/non-invite-server-transaction.js';
import { TIMEOUT_64T1_MS } from '../transaction/timers.js';
import { InviteSession, Q850 } from './invite-session.js';

const CONTACT = '<sip:127.0.0.1:5060>';
const ANSWER = Buffer.from('v=0\r\no=voxgate 1 1 IN IP4 127.0.0.1\r\n');
const HOLD_ANSWER = Buffer.from('v=0\r\no=voxgate 1 2 IN IP4 127.0.0.1\r\na=recvonly\r\n');

function setup() {
  const clock = new ManualTimerClock();
  const channel = new RecordingChannel();
  const invite = buildInvite({ body: sdpOffer(), contentType: 'application/sdp' });
  const transaction = new InviteServerTransaction('invite', invite, channel, clock);
  const made = Dialog.fromInvite(invite, 'ivr-tag');
  if (!made.ok) throw new Error(made.reason);
  const sender = new RecordingSender();
  const session = new InviteSession({
    invite,
    transaction,
    dialog: made.dialog,
    contact: CONTACT,
    clock,
    sender,
  });
  const ends: LegEnd[] = [];
  session.onEnded((end) => ends.push(end));
  /** Sets ANSWER as our SDP and answers. */
  const answer = async (): Promise<void> => {
    session.setAnswer(ANSWER);
    await session.answer();
  };
  /** How many 200s the INVITE transaction has sent so far. */
  const twoHundreds = (): number => channel.statuses.filter((status) => status === 200).length;
  return { clock, channel, invite, transaction, sender, session, ends, answer, twoHundreds };
}

/** The caller's ACK of the 2xx to the INVITE with CSeq number `cseq` (section 17.1.1.3). */
function ack(cseq = 1) {
  return buildTestRequest('ACK', { cseq, branch: `z9hG4bK-ack-${cseq}` });
}

/** A re-INVITE from the caller (section 14.2) in its own server transaction. */
function reinvite(clock: ManualTimerClock, cseq: number, body?: string, contact?: string) {
  const request = buildTestRequest('INVITE', {
    branch: `z9hG4bK-reinvite-${cseq}`,
    cseq,
    toTag: 'ivr-tag',
    ...(body === undefined ? {} : { body, contentType: 'application/sdp' }),
    ...(contact === undefined ? {} : { contact }),
  });
  const channel = new RecordingChannel();
  const transaction = new InviteServerTransaction(`reinvite-${cseq}`, request, channel, clock);
  return { request, channel, transaction };
}

/** A BYE from the caller in its own server transaction. */
function incomingBye(clock: ManualTimerClock) {
  const channel = new RecordingChannel();
  const transaction = new NonInviteServerTransaction(
    'bye',
    buildBye({ branch: 'z9hG4bK-their-bye', toTag: 'ivr-tag' }),
    channel,
    clock,
  );
  return { channel, transaction };
}

function toTag(response: SipResponse): string | undefined {
  const to = parseNameAddr(response.headers.get('To') ?? '');
  return to.ok ? nameAddrTag(to.value) : undefined;
}

test('ring sends 180 once, with our To tag and Contact', () => {
  const { session, channel } = setup();

  session.ring();
  session.ring();

  assert.deepEqual(channel.statuses, [180]);
  assert.equal(toTag(channel.lastResponse), 'ivr-tag');
  assert.equal(channel.lastResponse.headers.get('Contact'), CONTACT);
});

test('answer sends 200 with the SDP answer, Content-Type application/sdp, To tag and Contact', async () => {
  const { session, channel, answer } = setup();

  await answer();

  const ok = channel.lastResponse;
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, ANSWER);
  assert.equal(ok.headers.get('Content-Type'), 'application/sdp');
  assert.equal(toTag(ok), 'ivr-tag');
  assert.equal(ok.headers.get('Contact'), CONTACT);
  assert.equal(session.state, 'Accepted');
});

test('answer before setAnswer is a bug in the caller: no SDP to send', async () => {
  const { session, channel } = setup();

  await assert.rejects(session.answer());
  assert.deepEqual(channel.sent, []);
});

test('the 2xx is retransmitted at T1 doubling to T2 until the ACK (RFC 3261 section 13.3.1.4)', async () => {
  const { clock, session, answer, twoHundreds } = setup();
  await answer();

  const counts: number[] = [];
  for (const at of [499, 500, 1500, 3500, 7500, 11_500]) {
    clock.advance(at - clock.now);
    counts.push(twoHundreds());
  }
  session.receiveAck(ack());
  clock.advance(TIMEOUT_64T1_MS);

  assert.deepEqual(counts, [1, 2, 3, 4, 5, 6]);
  assert.equal(twoHundreds(), 6);
  assert.equal(session.state, 'Confirmed');
});

test('the ACK confirms the session and cancels every session timer', async () => {
  const { clock, session, ends, sender, answer } = setup();
  await answer();

  session.receiveAck(ack());
  clock.advance(TIMEOUT_64T1_MS);

  assert.equal(session.state, 'Confirmed');
  assert.deepEqual(ends, []);
  assert.deepEqual(sender.sent, []);
});

test('no ACK within 64*T1 ends the session with cause 102 and one BYE', async () => {
  const { clock, session, ends, sender, answer } = setup();
  await answer();

  clock.advance(TIMEOUT_64T1_MS);

  assert.equal(session.state, 'Terminated');
  assert.deepEqual(ends, [
    { cause: Q850.RECOVERY_ON_TIMER_EXPIRY, source: 'GATEWAY', reason: 'ACK timeout' },
  ]);
  assert.deepEqual(sender.methods, ['BYE']);
  assert.equal(clock.pending, 0);
});

test('a BYE from the caller is answered 200 and ends the session CALLER/16', async () => {
  const { clock, session, ends, answer } = setup();
  await answer();
  session.receiveAck(ack());
  const bye = incomingBye(clock);

  session.receiveBye(bye.transaction);

  assert.deepEqual(bye.channel.statuses, [200]);
  assert.deepEqual(ends, [{ cause: Q850.NORMAL_CLEARING, source: 'CALLER', reason: 'BYE' }]);
  assert.equal(session.state, 'Terminated');
});

test('a BYE before the answer also ends the INVITE with 487', () => {
  const { clock, session, channel, ends } = setup();
  const bye = incomingBye(clock);

  session.receiveBye(bye.transaction);

  assert.deepEqual(bye.channel.statuses, [200]);
  assert.deepEqual(channel.statuses, [487]);
  assert.equal(ends[0]?.source, 'CALLER');
});

test('a CANCEL while Early answers the INVITE 487 and ends the session CANCEL (section 9.2)', () => {
  const { session, channel, ends } = setup();
  session.ring();

  const cancelled = session.receiveCancel();

  assert.equal(cancelled, true);
  assert.deepEqual(channel.statuses, [180, 487]);
  assert.equal(toTag(channel.lastResponse), 'ivr-tag');
  assert.deepEqual(ends, [{ cause: Q850.NORMAL_CLEARING, source: 'CALLER', reason: 'CANCEL' }]);
});

test('a CANCEL after the answer has no effect', async () => {
  const { session, channel, ends, answer } = setup();
  await answer();

  const cancelled = session.receiveCancel();

  assert.equal(cancelled, false);
  assert.deepEqual(channel.statuses, [200]);
  assert.deepEqual(ends, []);
});

test('hangup while Early declines the INVITE with 603', async () => {
  const { session, channel, ends, sender } = setup();

  await session.hangup();

  assert.deepEqual(channel.statuses, [603]);
  assert.equal(channel.lastResponse.reason, 'Decline');
  assert.deepEqual(ends, [{ cause: Q850.CALL_REJECTED, source: 'GATEWAY', reason: '603' }]);
  assert.deepEqual(sender.sent, []);
});

test('hangup after the ACK sends a BYE in the dialog', async () => {
  const { session, ends, sender, answer } = setup();
  await answer();
  session.receiveAck(ack());

  await session.hangup();

  assert.deepEqual(sender.methods, ['BYE']);
  const bye = sender.sent[0];
  assert.ok(bye !== undefined);
  assert.equal(serializeUri(bye.requestUri), 'sip:alice@192.0.2.10:5070');
  assert.equal(bye.headers.get('Call-ID'), session.dialog.callId);
  assert.deepEqual(ends, [{ cause: Q850.NORMAL_CLEARING, source: 'GATEWAY', reason: 'BYE' }]);
});

test('hangup while the 2xx awaits its ACK sends the BYE only once the ACK arrives (section 15)', async () => {
  const { clock, session, ends, sender, answer, twoHundreds } = setup();
  await answer();

  await session.hangup();
  clock.advance(600);
  assert.deepEqual(sender.sent, []);
  assert.equal(twoHundreds(), 2, 'the 2xx is still retransmitted');
  assert.equal(ends.length, 1);
  session.receiveAck(ack());

  assert.deepEqual(sender.methods, ['BYE']);
});

test('hangup while the 2xx awaits an ACK that never comes sends one BYE at 64*T1', async () => {
  const { clock, session, ends, sender, answer } = setup();
  await answer();

  await session.hangup();
  clock.advance(TIMEOUT_64T1_MS);

  assert.deepEqual(sender.methods, ['BYE']);
  assert.deepEqual(ends, [{ cause: Q850.NORMAL_CLEARING, source: 'GATEWAY', reason: 'BYE' }]);
});

test('a second hangup sends nothing more', async () => {
  const { session, sender, answer } = setup();
  await answer();
  session.receiveAck(ack());

  await session.hangup();
  await session.hangup();

  assert.deepEqual(sender.methods, ['BYE']);
});

test('a re-INVITE with a hold offer gets 200 with the handler answer, retransmitted until its ACK', async () => {
  const { clock, session, answer } = setup();
  await answer();
  session.receiveAck(ack());
  const offers: string[] = [];
  session.onReoffer((offer) => {
    offers.push(offer.toString());
    return { ok: true, body: HOLD_ANSWER };
  });
  const re = reinvite(clock, 2, sdpOffer('sendonly'));

  session.receiveReinvite(re.transaction, re.request);
  clock.advance(600);
  session.receiveAck(ack(2));
  clock.advance(TIMEOUT_64T1_MS);

  assert.deepEqual(offers, [sdpOffer('sendonly')]);
  assert.deepEqual(re.channel.statuses, [200, 200]);
  assert.deepEqual(re.channel.lastResponse.body, HOLD_ANSWER);
  assert.equal(re.channel.lastResponse.headers.get('Content-Type'), 'application/sdp');
  assert.equal(session.state, 'Confirmed');
});

test('a re-INVITE offer the handler refuses gets the handler status', async () => {
  const { clock, session, answer } = setup();
  await answer();
  session.receiveAck(ack());
  session.onReoffer(() => ({ ok: false, status: 488 }));
  const re = reinvite(clock, 2, sdpOffer('sendonly'));

  session.receiveReinvite(re.transaction, re.request);

  assert.deepEqual(re.channel.statuses, [488]);
  assert.equal(session.state, 'Confirmed');
});

test('a re-INVITE without an offer is answered with the current SDP', async () => {
  const { clock, session, answer } = setup();
  await answer();
  session.receiveAck(ack());
  const re = reinvite(clock, 2);

  session.receiveReinvite(re.transaction, re.request);

  assert.deepEqual(re.channel.lastResponse.body, ANSWER);
});

test('a re-INVITE moves the remote target to its Contact (section 12.2.2)', async () => {
  const { clock, session, answer } = setup();
  await answer();
  session.receiveAck(ack());
  const re = reinvite(clock, 2, undefined, '<sip:alice@203.0.113.9:7000>');

  session.receiveReinvite(re.transaction, re.request);

  assert.equal(serializeUri(session.dialog.remoteTarget), 'sip:alice@203.0.113.9:7000');
});

test('a re-INVITE while our 2xx is unacknowledged gets 500 with Retry-After (section 14.2)', async () => {
  const { clock, session, answer } = setup();
  await answer();
  const re = reinvite(clock, 2, sdpOffer('sendonly'));

  session.receiveReinvite(re.transaction, re.request);

  assert.deepEqual(re.channel.statuses, [500]);
  assert.equal(re.channel.lastResponse.headers.get('Retry-After'), '1');
});

test('a re-INVITE after the session ended gets 481', async () => {
  const { clock, session, answer } = setup();
  await answer();
  session.receiveAck(ack());
  await session.hangup();
  const re = reinvite(clock, 2);

  session.receiveReinvite(re.transaction, re.request);

  assert.deepEqual(re.channel.statuses, [481]);
});

test('reject answers the INVITE with the status, our To tag and extra headers, and ends CALL_REJECTED', () => {
  const { session, channel, ends } = setup();

  session.reject(486, 'Busy Here', [['Retry-After', '60']]);

  assert.deepEqual(channel.statuses, [486]);
  assert.equal(channel.lastResponse.reason, 'Busy Here');
  assert.equal(channel.lastResponse.headers.get('Retry-After'), '60');
  assert.equal(toTag(channel.lastResponse), 'ivr-tag');
  assert.deepEqual(ends, [{ cause: Q850.CALL_REJECTED, source: 'GATEWAY', reason: '486' }]);
});

test('after reject, ring, a second reject and answer do nothing', async () => {
  const { session, channel, ends } = setup();
  session.reject(404);
  session.setAnswer(ANSWER);

  session.ring();
  session.reject(500);
  const outcome = await session.answer();

  assert.equal(outcome, 'ended');
  assert.deepEqual(channel.statuses, [404]);
  assert.equal(ends.length, 1);
});

test('every end listener hears the end once', () => {
  const { session, ends } = setup();
  const second: LegEnd[] = [];
  session.onEnded((end) => second.push(end));

  session.receiveCancel();
  session.reject(500);

  assert.equal(ends.length, 1);
  assert.deepEqual(second, ends);
  assert.deepEqual(session.end, ends[0]);
});

// Defects found by these tests and fixed since.

test('a BYE from the caller while our 2xx awaits its ACK is not followed by a BYE of ours', async () => {
  const { clock, session, sender, answer } = setup();
  await answer();
  session.receiveBye(incomingBye(clock).transaction);

  clock.advance(TIMEOUT_64T1_MS);

  assert.deepEqual(sender.sent, []);
});

test('hangup with a re-INVITE 2xx unacknowledged sends one BYE, not a second at 64*T1', async () => {
  const { clock, session, sender, answer } = setup();
  await answer();
  session.receiveAck(ack());
  const re = reinvite(clock, 2);
  session.receiveReinvite(re.transaction, re.request);

  await session.hangup();
  clock.advance(TIMEOUT_64T1_MS);

  assert.deepEqual(sender.methods, ['BYE']);
});

test('a re-INVITE before our final response to the INVITE gets 500 with Retry-After (section 14.2)', () => {
  const { clock, session } = setup();
  session.ring();
  const re = reinvite(clock, 2);

  session.receiveReinvite(re.transaction, re.request);

  assert.deepEqual(re.channel.statuses, [500]);
  assert.equal(re.channel.lastResponse.headers.get('Retry-After') !== undefined, true);
});

/** The ACK of our 200 carrying the caller's SDP answer (late offer). */
function ackWithAnswer(body: string) {
  return buildTestRequest('ACK', { cseq: 1, branch: 'z9hG4bK-ack-1', body, contentType: 'application/sdp' });
}

test('late offer: answer() waits for the ACK, whose SDP answer is handed to the reader', async () => {
  const { session, clock, twoHundreds } = setup();
  const answers: string[] = [];
  session.setAnswer(ANSWER);
  session.expectAnswerInAck((body) => {
    answers.push(body.toString());
    return true;
  });
  let outcome: string | null = null;

  const answering = session.answer().then((result) => (outcome = result));
  await Promise.resolve();
  clock.advance(500);

  assert.equal(outcome, null, 'no answer before the ACK: there is nowhere to send media yet');
  assert.ok(twoHundreds() >= 2, 'our 200 (with the offer) is retransmitted meanwhile');
  session.receiveAck(ackWithAnswer('v=0\r\n'));
  await answering;
  assert.equal(outcome, 'answered');
  assert.deepEqual(answers, ['v=0\r\n']);
  assert.equal(session.state, 'Confirmed');
});

test('late offer: an ACK without SDP ends the call with a BYE, cause 88, and answer() says ended', async () => {
  const { session, sender, ends } = setup();
  session.setAnswer(ANSWER);
  session.expectAnswerInAck(() => true);

  const answering = session.answer();
  session.receiveAck(ack());

  assert.equal(await answering, 'ended');
  assert.deepEqual(sender.methods, ['BYE']);
  assert.deepEqual(ends, [
    { cause: Q850.INCOMPATIBLE_DESTINATION, source: 'GATEWAY', reason: 'no SDP answer in the ACK' },
  ]);
});

test('late offer: an answer the reader refuses ends the call with a BYE', async () => {
  const { session, sender, ends } = setup();
  session.setAnswer(ANSWER);
  session.expectAnswerInAck(() => false);

  const answering = session.answer();
  session.receiveAck(ackWithAnswer('v=0\r\n'));

  assert.equal(await answering, 'ended');
  assert.deepEqual(sender.methods, ['BYE']);
  assert.equal(ends[0]?.reason, 'SDP answer refused');
});

test('late offer: a caller who hangs up before the ACK settles answer() as ended', async () => {
  const { session, clock, ends } = setup();
  session.setAnswer(ANSWER);
  session.expectAnswerInAck(() => true);

  const answering = session.answer();
  const bye = incomingBye(clock);
  session.receiveBye(bye.transaction);

  assert.equal(await answering, 'ended');
  assert.equal(ends[0]?.source, 'CALLER');
});

test('late offer: no ACK within 64*T1 settles answer() as ended', async () => {
  const { session, clock, ends } = setup();
  session.setAnswer(ANSWER);
  session.expectAnswerInAck(() => true);

  const answering = session.answer();
  clock.advance(TIMEOUT_64T1_MS);

  assert.equal(await answering, 'ended');
  assert.equal(ends[0]?.reason, 'ACK timeout');
});
