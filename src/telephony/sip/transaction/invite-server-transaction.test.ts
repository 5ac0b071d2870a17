import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildResponse } from '../message/index.js';
import { RecordingChannel, sendTimes } from '../testdata/recording-channel.js';
import { buildAck, buildInvite } from '../testdata/sip-test-messages.js';
import { InviteServerTransaction } from './invite-server-transaction.js';
import { ManualTimerClock } from './manual-timer-clock.js';
import { T4_MS, TIMEOUT_64T1_MS } from './timers.js';

function setup(options: { reliable?: boolean } = {}) {
  const clock = new ManualTimerClock();
  const channel = new RecordingChannel({ reliable: options.reliable ?? false });
  const events: string[] = [];
  const invite = buildInvite();
  const transaction = new InviteServerTransaction('key', invite, channel, clock, {
    onTimeout: () => events.push('timeout'),
    onTransportError: () => events.push('transport-error'),
    onTerminated: () => events.push('terminated'),
  });
  const respond = (status: number): void =>
    transaction.respond(buildResponse(invite, status, undefined, { toTag: 'ivr-tag' }));
  return { clock, channel, events, invite, transaction, respond };
}

test('a provisional response is sent and leaves the transaction in Proceeding', () => {
  const { transaction, channel, respond } = setup();

  respond(180);

  assert.equal(transaction.state, 'Proceeding');
  assert.deepEqual(channel.statuses, [180]);
});

test('a 2xx moves Proceeding to Accepted (RFC 6026 section 7.1)', () => {
  const { transaction, respond } = setup();

  respond(180);
  respond(200);

  assert.equal(transaction.state, 'Accepted');
});

test('a 300-699 response moves Proceeding to Completed (RFC 3261 section 17.2.1)', () => {
  const { transaction, respond } = setup();

  respond(486);

  assert.equal(transaction.state, 'Completed');
});

test('a retransmitted INVITE in Proceeding is answered with the last provisional response', () => {
  const { transaction, channel, invite, respond } = setup();
  respond(100);
  respond(180);

  transaction.receive(invite);

  assert.deepEqual(channel.statuses, [100, 180, 180]);
});

test('a retransmitted INVITE before any response is sent nothing', () => {
  const { transaction, channel, invite } = setup();

  transaction.receive(invite);

  assert.deepEqual(channel.sent, []);
});

test('a retransmitted INVITE in Accepted is absorbed: the TU retransmits the 2xx (RFC 6026 section 7.1)', () => {
  const { transaction, channel, invite, respond } = setup();
  respond(200);

  transaction.receive(invite);

  assert.deepEqual(channel.statuses, [200]);
});

test('a 2xx passed again in Accepted goes out: the TU retransmits through the transaction', () => {
  const { channel, respond } = setup();
  respond(200);

  respond(200);

  assert.deepEqual(channel.statuses, [200, 200]);
});

test('a non-2xx response in Accepted is never sent', () => {
  const { transaction, channel, respond } = setup();
  respond(200);

  respond(500);

  assert.deepEqual(channel.statuses, [200]);
  assert.equal(transaction.state, 'Accepted');
});

test('a retransmitted INVITE in Completed is answered with the final response', () => {
  const { transaction, channel, invite, respond } = setup();
  respond(180);
  respond(486);

  transaction.receive(invite);

  assert.deepEqual(channel.statuses, [180, 486, 486]);
});

test('a second final response in Completed is not sent', () => {
  const { channel, respond } = setup({ reliable: true });
  respond(486);

  respond(603);

  assert.deepEqual(channel.statuses, [486]);
});

test('Timer G resends the final response over UDP at T1 doubling to T2: 500, 1000, 2000, 4000, 4000 ms apart', () => {
  const { clock, channel, respond } = setup();
  respond(486);

  const times = sendTimes(clock, channel, 15_600);

  // Intervals 500, 1000, 2000, 4000, 4000, 4000 from the first send at 0.
  assert.deepEqual(times, [500, 1500, 3500, 7500, 11_500, 15_500]);
  assert.ok(channel.statuses.every((status) => status === 486));
});

test('Timer G is not started over a reliable transport (RFC 3261 section 17.2.1)', () => {
  const { clock, channel, respond } = setup({ reliable: true });
  respond(486);

  clock.advance(TIMEOUT_64T1_MS - 1);

  assert.deepEqual(channel.statuses, [486]);
});

test('Timer H fires at 64*T1 without an ACK: onTimeout, then Terminated', () => {
  const { clock, transaction, events, respond } = setup();
  respond(486);

  clock.advance(TIMEOUT_64T1_MS - 1);
  assert.equal(transaction.state, 'Completed');
  clock.advance(1);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(events, ['timeout', 'terminated']);
});

test('Timer H also runs over a reliable transport', () => {
  const { clock, transaction, events, respond } = setup({ reliable: true });
  respond(486);

  clock.advance(TIMEOUT_64T1_MS);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(events, ['timeout', 'terminated']);
});

test('an ACK in Completed moves to Confirmed and stops Timer G and Timer H', () => {
  const { clock, transaction, channel, events, respond } = setup();
  respond(486);
  clock.advance(600); // one Timer G retransmission

  transaction.receive(buildAck());
  clock.advance(T4_MS - 1);

  assert.equal(transaction.state, 'Confirmed');
  assert.deepEqual(channel.statuses, [486, 486]);
  assert.deepEqual(events, []);
});

test('Timer I ends Confirmed after T4 over UDP', () => {
  const { clock, transaction, events, respond } = setup();
  respond(486);
  transaction.receive(buildAck());

  clock.advance(T4_MS - 1);
  assert.equal(transaction.state, 'Confirmed');
  clock.advance(1);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(events, ['terminated']);
});

test('Timer I is zero over a reliable transport', () => {
  const { clock, transaction, respond } = setup({ reliable: true });
  respond(486);
  transaction.receive(buildAck());

  clock.advance(0);

  assert.equal(transaction.state, 'Terminated');
});

test('ACK and INVITE retransmissions in Confirmed are absorbed', () => {
  const { transaction, channel, invite, respond } = setup();
  respond(486);
  transaction.receive(buildAck());

  transaction.receive(buildAck());
  transaction.receive(invite);

  assert.equal(transaction.state, 'Confirmed');
  assert.deepEqual(channel.statuses, [486]);
});

test('an ACK in Proceeding or Accepted changes nothing', () => {
  const { transaction, respond } = setup();
  transaction.receive(buildAck());
  assert.equal(transaction.state, 'Proceeding');
  respond(200);

  transaction.receive(buildAck());

  assert.equal(transaction.state, 'Accepted');
});

test('Timer L ends Accepted after 64*T1 (RFC 6026 section 7.1)', () => {
  const { clock, transaction, events, respond } = setup();
  respond(200);

  clock.advance(TIMEOUT_64T1_MS - 1);
  assert.equal(transaction.state, 'Accepted');
  clock.advance(1);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(events, ['terminated']);
});

test('a failed send reports onTransportError and terminates (RFC 3261 section 17.2.4)', () => {
  const { transaction, channel, events, respond } = setup();
  channel.failing = true;

  respond(180);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(events, ['transport-error', 'terminated']);
});

test('a failed Timer G retransmission reports onTransportError and terminates', () => {
  const { clock, transaction, channel, events, respond } = setup();
  respond(486);
  channel.failing = true;

  clock.advance(500);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(events, ['transport-error', 'terminated']);
  assert.equal(clock.pending, 0);
});

test('a response after Terminated is ignored: no illegal transition, nothing sent', () => {
  const { transaction, channel, respond } = setup();
  transaction.terminate();

  respond(200);
  respond(486);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(channel.sent, []);
});

test('terminate reports onTerminated once and cancels every timer', () => {
  const { clock, transaction, events, respond } = setup();
  respond(486);

  transaction.terminate();
  transaction.terminate();

  assert.deepEqual(events, ['terminated']);
  assert.equal(clock.pending, 0);
});

test('the last response is kept for retransmissions', () => {
  const { transaction, respond } = setup();

  respond(183);

  assert.equal(transaction.lastResponse?.status, 183);
});
