import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildResponse } from '../message/index.js';
import { RecordingChannel } from '../testdata/recording-channel.js';
import { buildBye } from '../testdata/sip-test-messages.js';
import { ManualTimerClock } from './manual-timer-clock.js';
import { NonInviteServerTransaction } from './non-invite-server-transaction.js';
import { TIMEOUT_64T1_MS } from './timers.js';

function setup(options: { reliable?: boolean } = {}) {
  const clock = new ManualTimerClock();
  const channel = new RecordingChannel({ reliable: options.reliable ?? false });
  const events: string[] = [];
  const bye = buildBye({ toTag: 'ivr-tag' });
  const transaction = new NonInviteServerTransaction('key', bye, channel, clock, {
    onTransportError: () => events.push('transport-error'),
    onTerminated: () => events.push('terminated'),
  });
  const respond = (status: number): void => transaction.respond(buildResponse(bye, status));
  return { clock, channel, events, bye, transaction, respond };
}

test('a retransmission in Trying is discarded (RFC 3261 section 17.2.2)', () => {
  const { transaction, channel, bye } = setup();

  transaction.receive(bye);

  assert.equal(transaction.state, 'Trying');
  assert.deepEqual(channel.sent, []);
});

test('a provisional response moves Trying to Proceeding', () => {
  const { transaction, channel, respond } = setup();

  respond(100);

  assert.equal(transaction.state, 'Proceeding');
  assert.deepEqual(channel.statuses, [100]);
});

test('a retransmission in Proceeding is answered with the last provisional response', () => {
  const { transaction, channel, bye, respond } = setup();
  respond(100);

  transaction.receive(bye);

  assert.deepEqual(channel.statuses, [100, 100]);
});

test('a final response moves Trying to Completed', () => {
  const { transaction, respond } = setup();

  respond(200);

  assert.equal(transaction.state, 'Completed');
});

test('a final response moves Proceeding to Completed', () => {
  const { transaction, respond } = setup();
  respond(100);

  respond(200);

  assert.equal(transaction.state, 'Completed');
});

test('a retransmission in Completed is answered with the final response, never reaching the TU', () => {
  const { transaction, channel, bye, respond } = setup();
  respond(200);

  transaction.receive(bye);
  transaction.receive(bye);

  assert.deepEqual(channel.statuses, [200, 200, 200]);
});

test('a response from the TU in Completed is ignored', () => {
  const { transaction, channel, respond } = setup();
  respond(200);

  respond(500);

  assert.deepEqual(channel.statuses, [200]);
  assert.equal(transaction.state, 'Completed');
});

test('Timer J ends Completed after 64*T1 over UDP', () => {
  const { clock, transaction, events, respond } = setup();
  respond(200);

  clock.advance(TIMEOUT_64T1_MS - 1);
  assert.equal(transaction.state, 'Completed');
  clock.advance(1);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(events, ['terminated']);
});

test('Timer J is zero over a reliable transport', () => {
  const { clock, transaction, respond } = setup({ reliable: true });
  respond(200);

  clock.advance(0);

  assert.equal(transaction.state, 'Terminated');
});

test('a failed send reports onTransportError and terminates (RFC 3261 section 17.2.4)', () => {
  const { transaction, channel, events, respond } = setup();
  channel.failing = true;

  respond(200);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(events, ['transport-error', 'terminated']);
  assert.equal(transaction.lastResponse?.status, 200);
});

test('a failed retransmission in Completed terminates and cancels Timer J', () => {
  const { clock, transaction, channel, bye, events, respond } = setup();
  respond(200);
  channel.failing = true;

  transaction.receive(bye);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(events, ['transport-error', 'terminated']);
  assert.equal(clock.pending, 0);
});

test('a response after Terminated is ignored', () => {
  const { transaction, channel, events, respond } = setup();
  transaction.terminate();

  respond(200);
  transaction.terminate();

  assert.deepEqual(channel.sent, []);
  assert.deepEqual(events, ['terminated']);
});
