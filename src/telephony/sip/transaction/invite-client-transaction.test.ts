import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordingChannel, sendTimes } from '../testdata/recording-channel.js';
import { buildInvite, buildTestResponse } from '../testdata/sip-test-messages.js';
import { InviteClientTransaction, TIMER_D_UDP_MS } from './invite-client-transaction.js';
import { ManualTimerClock } from './manual-timer-clock.js';
import type { ClientOutcome } from './non-invite-client-transaction.js';
import { TIMEOUT_64T1_MS } from './timers.js';

const BRANCH = 'z9hG4bK-invite-out-1';

function setup(options: { reliable?: boolean; failing?: boolean } = {}) {
  const clock = new ManualTimerClock();
  const channel = new RecordingChannel({ reliable: options.reliable ?? false });
  channel.failing = options.failing ?? false;
  const outcomes: ClientOutcome[] = [];
  const accepted: number[] = [];
  const provisionals: number[] = [];
  const events: string[] = [];
  const invite = buildInvite({ branch: BRANCH });
  const transaction = new InviteClientTransaction('key', invite, channel, clock, {
    onProvisional: (response) => provisionals.push(response.status),
    onAccepted: (response) => accepted.push(response.status),
    onFinal: (outcome) => outcomes.push(outcome),
    onTerminated: () => events.push('terminated'),
  });
  const response = (status: number) =>
    buildTestResponse(status, { branch: BRANCH, cseq: 1, cseqMethod: 'INVITE', toTag: 'callee-tag' });
  return { clock, channel, outcomes, accepted, provisionals, events, invite, transaction, response };
}

test('Timer A retransmits the INVITE over UDP at T1 doubling, without the T2 cap (section 17.1.1.2)', () => {
  const { clock, transaction, channel } = setup();
  transaction.start();

  const times = sendTimes(clock, channel, 16_000);

  assert.deepEqual(times, [500, 1500, 3500, 7500, 15_500]);
});

test('no Timer A over TCP: the INVITE is sent once', () => {
  const { clock, transaction, channel } = setup({ reliable: true });
  transaction.start();
  clock.advance(10_000);
  assert.equal(channel.sent.length, 1);
});

test('Timer B: no response in 64*T1 is a timeout for the TU, and the transaction ends', () => {
  const { clock, transaction, outcomes, events } = setup();
  transaction.start();
  clock.advance(TIMEOUT_64T1_MS);
  assert.deepEqual(outcomes, [{ kind: 'timeout' }]);
  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(events, ['terminated']);
});

test('a provisional response stops Timer A and B does not fire in Proceeding', () => {
  const { clock, transaction, channel, response, provisionals, outcomes } = setup();
  transaction.start();
  transaction.receive(response(180));
  clock.advance(TIMEOUT_64T1_MS * 2);
  assert.equal(transaction.state, 'Proceeding');
  assert.equal(channel.sent.length, 1);
  assert.deepEqual(provisionals, [180]);
  assert.deepEqual(outcomes, []);
});

test('a final non-2xx is ACKed by the transaction with the response To tag, and its retransmission ACKed again', () => {
  const { clock, transaction, channel, response, outcomes, invite } = setup();
  transaction.start();
  transaction.receive(response(486));
  transaction.receive(response(486));
  const acks = channel.sent.filter((m) => m.kind === 'request' && m.method === 'ACK');
  assert.equal(acks.length, 2);
  const ack = acks[0];
  assert.ok(ack !== undefined && ack.kind === 'request');
  assert.equal(ack.headers.get('CSeq'), '1 ACK');
  assert.equal(ack.headers.get('Via'), invite.headers.get('Via'));
  assert.match(ack.headers.get('To') ?? '', /tag=callee-tag/);
  assert.equal(outcomes.length, 1, 'the TU hears of the final response once');
  assert.equal(transaction.state, 'Completed');
  clock.advance(TIMER_D_UDP_MS);
  assert.equal(transaction.state, 'Terminated');
});

test('Timer D is zero over TCP', () => {
  const { clock, transaction, response } = setup({ reliable: true });
  transaction.start();
  transaction.receive(response(404));
  clock.advance(0);
  assert.equal(transaction.state, 'Terminated');
});

test('every 2xx goes to the TU, which ACKs it; the transaction ends on Timer M (RFC 6026)', () => {
  const { clock, transaction, channel, response, accepted } = setup();
  transaction.start();
  transaction.receive(response(200));
  transaction.receive(response(200));
  assert.deepEqual(accepted, [200, 200]);
  assert.equal(channel.sent.filter((m) => m.kind === 'request' && m.method === 'ACK').length, 0);
  assert.equal(transaction.state, 'Accepted');
  clock.advance(TIMEOUT_64T1_MS);
  assert.equal(transaction.state, 'Terminated');
});

test('a transport failure on start is reported and ends the transaction', () => {
  const { transaction, outcomes } = setup({ failing: true });
  transaction.start();
  assert.deepEqual(outcomes, [{ kind: 'transport-error' }]);
  assert.equal(transaction.state, 'Terminated');
});
