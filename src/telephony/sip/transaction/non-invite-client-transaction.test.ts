import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordingChannel, sendTimes } from '../testdata/recording-channel.js';
import { buildBye, buildTestResponse } from '../testdata/sip-test-messages.js';
import { ManualTimerClock } from './manual-timer-clock.js';
import { NonInviteClientTransaction, type ClientOutcome } from './non-invite-client-transaction.js';
import { T4_MS, TIMEOUT_64T1_MS } from './timers.js';

function setup(options: { reliable?: boolean; failing?: boolean } = {}) {
  const clock = new ManualTimerClock();
  const channel = new RecordingChannel({ reliable: options.reliable ?? false });
  channel.failing = options.failing ?? false;
  const outcomes: ClientOutcome[] = [];
  const provisionals: number[] = [];
  const events: string[] = [];
  const bye = buildBye({ branch: 'z9hG4bK-bye-1', toTag: 'ivr-tag' });
  const transaction = new NonInviteClientTransaction('key', bye, channel, clock, {
    onProvisional: (response) => provisionals.push(response.status),
    onFinal: (outcome) => outcomes.push(outcome),
    onTerminated: () => events.push('terminated'),
  });
  const response = (status: number) =>
    buildTestResponse(status, { branch: 'z9hG4bK-bye-1', cseq: 2, cseqMethod: 'BYE', toTag: 'ivr-tag' });
  return { clock, channel, outcomes, provisionals, events, bye, transaction, response };
}

test('start sends the request once, in Trying', () => {
  const { transaction, channel, bye } = setup();

  transaction.start();

  assert.equal(transaction.state, 'Trying');
  assert.deepEqual(channel.sent, [bye]);
});

test('Timer E retransmits over UDP at T1 doubling to T2: 500, 1000, 2000, 4000, 4000 ms apart', () => {
  const { clock, transaction, channel } = setup();
  transaction.start();

  const times = sendTimes(clock, channel, 15_600);

  assert.deepEqual(times, [500, 1500, 3500, 7500, 11_500, 15_500]);
});

test('Timer E retransmits at T2 once a provisional response came (RFC 3261 section 17.1.2.2)', () => {
  const { clock, transaction, channel, response } = setup();
  transaction.start();
  clock.advance(100);

  transaction.receive(response(100));
  const times = sendTimes(clock, channel, 8600);

  // The pending 500 ms timer still fires; from then on the interval is T2 (4000 ms).
  assert.deepEqual(times, [500, 4500, 8500]);
});

test('Timer E is not started over a reliable transport', () => {
  const { clock, transaction, channel } = setup({ reliable: true });
  transaction.start();

  clock.advance(TIMEOUT_64T1_MS - 1);

  assert.equal(channel.sent.length, 1);
});

test('a provisional response moves Trying to Proceeding and reaches onProvisional', () => {
  const { transaction, provisionals, response } = setup();
  transaction.start();

  transaction.receive(response(100));

  assert.equal(transaction.state, 'Proceeding');
  assert.deepEqual(provisionals, [100]);
});

test('Timer F reports a timeout to the TU at 64*T1 and terminates (RFC 3261 section 8.1.3.1)', () => {
  const { clock, transaction, outcomes, events } = setup();
  transaction.start();

  clock.advance(TIMEOUT_64T1_MS - 1);
  assert.deepEqual(outcomes, []);
  clock.advance(1);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(outcomes, [{ kind: 'timeout' }]);
  assert.deepEqual(events, ['terminated']);
  assert.equal(clock.pending, 0);
});

test('Timer F fires in Proceeding as well', () => {
  const { clock, transaction, outcomes, response } = setup({ reliable: true });
  transaction.start();
  transaction.receive(response(100));

  clock.advance(TIMEOUT_64T1_MS);

  assert.deepEqual(outcomes, [{ kind: 'timeout' }]);
});

test('a final response moves to Completed, reaches onFinal and stops retransmissions', () => {
  const { clock, transaction, channel, outcomes, response } = setup();
  transaction.start();
  const ok = response(200);

  transaction.receive(ok);
  clock.advance(T4_MS - 1);

  assert.equal(transaction.state, 'Completed');
  assert.deepEqual(outcomes, [{ kind: 'response', response: ok }]);
  assert.equal(channel.sent.length, 1);
});

test('Timer K ends Completed after T4 over UDP', () => {
  const { clock, transaction, events, response } = setup();
  transaction.start();
  transaction.receive(response(200));

  clock.advance(T4_MS - 1);
  assert.equal(transaction.state, 'Completed');
  clock.advance(1);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(events, ['terminated']);
});

test('Timer K is zero over a reliable transport', () => {
  const { clock, transaction, response } = setup({ reliable: true });
  transaction.start();
  transaction.receive(response(200));

  clock.advance(0);

  assert.equal(transaction.state, 'Terminated');
});

test('a retransmitted final response in Completed is ignored', () => {
  const { transaction, outcomes, response } = setup();
  transaction.start();
  transaction.receive(response(200));

  transaction.receive(response(200));
  transaction.receive(response(100));

  assert.equal(outcomes.length, 1);
});

test('Timer F does not fire after a final response', () => {
  const { clock, transaction, outcomes, response } = setup();
  transaction.start();
  transaction.receive(response(481));

  clock.advance(TIMEOUT_64T1_MS);

  assert.equal(outcomes.length, 1);
  assert.equal(clock.pending, 0);
});

test('a transport failure on start reports transport-error and terminates without timers', () => {
  const { clock, transaction, outcomes, events } = setup({ failing: true });

  transaction.start();

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(outcomes, [{ kind: 'transport-error' }]);
  assert.deepEqual(events, ['terminated']);
  assert.equal(clock.pending, 0);
});

test('a transport failure on a Timer E retransmission reports transport-error', () => {
  const { clock, transaction, channel, outcomes } = setup();
  transaction.start();
  channel.failing = true;

  clock.advance(500);

  assert.equal(transaction.state, 'Terminated');
  assert.deepEqual(outcomes, [{ kind: 'transport-error' }]);
  assert.equal(clock.pending, 0);
});

test('terminate ends the transaction without an outcome', () => {
  const { clock, transaction, outcomes, events } = setup();
  transaction.start();

  transaction.terminate();
  transaction.terminate();

  assert.deepEqual(outcomes, []);
  assert.deepEqual(events, ['terminated']);
  assert.equal(clock.pending, 0);
});
