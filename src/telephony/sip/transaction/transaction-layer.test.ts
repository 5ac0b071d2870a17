import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildResponse, type SipRequest } from '../message/index.js';
import { RecordingChannel } from '../testdata/recording-channel.js';
import {
  buildAck,
  buildBye,
  buildCancel,
  buildInvite,
  buildOptions,
  buildTestResponse,
} from '../testdata/sip-test-messages.js';
import type { TransportSource } from '../transport/transport-source.js';
import { InviteServerTransaction } from './invite-server-transaction.js';
import { ManualTimerClock } from './manual-timer-clock.js';
import type { ClientOutcome } from './non-invite-client-transaction.js';
import { NonInviteServerTransaction } from './non-invite-server-transaction.js';
import { T4_MS, TIMEOUT_64T1_MS } from './timers.js';
import { TransactionLayer, type ServerTransaction, type TransactionUser } from './transaction-layer.js';

const SOURCE: TransportSource = { transport: 'udp', address: '192.0.2.10', port: 5070 };

/** A TU that records what reaches it and answers each new request with `answer`, if set. */
class RecordingUser implements TransactionUser {
  readonly requests: { request: SipRequest; transaction: ServerTransaction }[] = [];
  readonly acks: SipRequest[] = [];
  readonly timeouts: InviteServerTransaction[] = [];
  answer: number | null = null;

  onRequest(request: SipRequest, transaction: ServerTransaction): void {
    this.requests.push({ request, transaction });
    if (this.answer !== null)
      transaction.respond(buildResponse(request, this.answer, undefined, { toTag: 'ivr-tag' }));
  }

  onAck(request: SipRequest): void {
    this.acks.push(request);
  }

  onInviteTimeout(transaction: InviteServerTransaction): void {
    this.timeouts.push(transaction);
  }
}

function setup() {
  const clock = new ManualTimerClock();
  const user = new RecordingUser();
  const layer = new TransactionLayer(clock, user);
  const channel = new RecordingChannel();
  const receive = (request: SipRequest): void => layer.receiveRequest(request, channel, SOURCE);
  return { clock, user, layer, channel, receive };
}

test('a new INVITE reaches the TU with an INVITE server transaction', () => {
  const { user, layer, receive } = setup();

  receive(buildInvite());

  assert.equal(user.requests.length, 1);
  assert.ok(user.requests[0]?.transaction instanceof InviteServerTransaction);
  assert.equal(layer.size, 1);
});

test('a new non-INVITE request reaches the TU with a non-INVITE server transaction', () => {
  const { user, receive } = setup();

  receive(buildOptions());

  assert.ok(user.requests[0]?.transaction instanceof NonInviteServerTransaction);
});

test('a retransmitted request is answered from its transaction and reaches the TU once', () => {
  const { user, layer, channel, receive } = setup();
  user.answer = 200;
  receive(buildOptions());

  receive(buildOptions());

  assert.equal(user.requests.length, 1);
  assert.deepEqual(channel.statuses, [200, 200]);
  assert.equal(layer.counters.retransmissionsAbsorbed, 1);
});

test('a retransmitted INVITE is answered with the last provisional and reaches the TU once', () => {
  const { user, channel, receive } = setup();
  user.answer = 180;
  receive(buildInvite());

  receive(buildInvite());

  assert.equal(user.requests.length, 1);
  assert.deepEqual(channel.statuses, [180, 180]);
});

test('the ACK of a 2xx, on a new branch, goes to onAck (RFC 3261 section 13.2.2.4)', () => {
  const { user, receive } = setup();
  user.answer = 200;
  receive(buildInvite());

  const ack = buildAck({ branch: 'z9hG4bK-ack-2xx', toTag: 'ivr-tag' });
  receive(ack);

  assert.deepEqual(user.acks, [ack]);
  assert.equal(user.requests.length, 1);
});

test('an ACK matching no transaction at all goes to onAck', () => {
  const { user, layer, receive } = setup();

  receive(buildAck({ branch: 'z9hG4bK-lost', toTag: 'ivr-tag' }));

  assert.equal(user.acks.length, 1);
  assert.equal(layer.size, 0);
});

test('the ACK of a non-2xx is absorbed by its INVITE transaction, which is Confirmed', () => {
  const { user, receive } = setup();
  user.answer = 486;
  receive(buildInvite());

  receive(buildAck({ toTag: 'ivr-tag' }));

  assert.deepEqual(user.acks, []);
  const transaction = user.requests[0]?.transaction;
  assert.ok(transaction instanceof InviteServerTransaction);
  assert.equal(transaction.state, 'Confirmed');
});

test('the ACK of a 2xx on an RFC 2543 key still goes to onAck', () => {
  const { user, receive } = setup();
  user.answer = 200;
  receive(buildInvite({ branch: null }));

  receive(buildAck({ branch: null, toTag: 'ivr-tag' }));

  assert.equal(user.acks.length, 1);
});

test('a non-INVITE transaction is forgotten once Timer J ends it: size returns to 0', () => {
  const { clock, user, layer, receive } = setup();
  user.answer = 200;
  receive(buildOptions());

  clock.advance(TIMEOUT_64T1_MS - 1);
  assert.equal(layer.size, 1);
  clock.advance(1);

  assert.equal(layer.size, 0);
  assert.equal(clock.pending, 0);
});

test('an INVITE transaction answered 2xx is forgotten after Timer L', () => {
  const { clock, user, layer, receive } = setup();
  user.answer = 200;
  receive(buildInvite());

  clock.advance(TIMEOUT_64T1_MS);

  assert.equal(layer.size, 0);
  assert.equal(clock.pending, 0);
});

test('an INVITE transaction answered non-2xx is forgotten after its ACK and Timer I', () => {
  const { clock, user, layer, receive } = setup();
  user.answer = 486;
  receive(buildInvite());
  receive(buildAck({ toTag: 'ivr-tag' }));

  clock.advance(T4_MS);

  assert.equal(layer.size, 0);
  assert.equal(clock.pending, 0);
});

test('Timer H on an INVITE transaction reaches onInviteTimeout and the transaction is forgotten', () => {
  const { clock, user, layer, receive } = setup();
  user.answer = 486;
  receive(buildInvite());

  clock.advance(TIMEOUT_64T1_MS);

  assert.equal(user.timeouts.length, 1);
  assert.equal(user.timeouts[0], user.requests[0]?.transaction);
  assert.equal(layer.size, 0);
});

test('a request after its transaction was forgotten is new again', () => {
  const { clock, user, receive } = setup();
  user.answer = 200;
  receive(buildOptions());
  clock.advance(TIMEOUT_64T1_MS);

  receive(buildOptions());

  assert.equal(user.requests.length, 2);
});

test('a request whose top Via cannot be read is counted unmatchable and dropped', () => {
  const { user, layer, receive } = setup();
  const request = buildOptions();
  const headers = request.headers.clone().set('Via', 'garbage');

  receive({ ...request, headers });

  assert.equal(layer.counters.unmatchable, 1);
  assert.equal(user.requests.length, 0);
  assert.equal(layer.size, 0);
});

test('a response matching no client transaction is counted stray and dropped (section 18.1.2)', () => {
  const { layer } = setup();

  layer.receiveResponse(buildTestResponse(200, { branch: 'z9hG4bK-nobody', cseqMethod: 'BYE' }));

  assert.equal(layer.counters.strayResponses, 1);
});

test('findCancelled returns the INVITE transaction a CANCEL names', () => {
  const { user, layer, receive } = setup();
  receive(buildInvite());

  const found = layer.findCancelled(buildCancel());

  assert.ok(found !== undefined);
  assert.equal(found, user.requests[0]?.transaction);
});

test('findCancelled returns nothing for a CANCEL naming no live INVITE', () => {
  const { layer, receive } = setup();
  receive(buildInvite());

  assert.equal(layer.findCancelled(buildCancel({ branch: 'z9hG4bK-other' })), undefined);
});

test('findCancelled returns nothing once the INVITE transaction is gone', () => {
  const { clock, user, layer, receive } = setup();
  user.answer = 200;
  receive(buildInvite());
  clock.advance(TIMEOUT_64T1_MS);

  assert.equal(layer.findCancelled(buildCancel()), undefined);
});

test('sendRequest and receiveResponse: the final response reaches onFinal, then Timer K forgets it', () => {
  const { clock, layer } = setup();
  const channel = new RecordingChannel();
  const outcomes: ClientOutcome[] = [];
  const bye = buildBye({ branch: 'z9hG4bK-bye-1', toTag: 'ivr-tag' });
  layer.sendRequest(bye, channel, { onFinal: (outcome) => outcomes.push(outcome) });
  assert.deepEqual(channel.sent, [bye]);
  assert.equal(layer.size, 1);

  const ok = buildTestResponse(200, { branch: 'z9hG4bK-bye-1', cseq: 2, cseqMethod: 'BYE' });
  layer.receiveResponse(ok);
  clock.advance(T4_MS);

  assert.deepEqual(outcomes, [{ kind: 'response', response: ok }]);
  assert.equal(layer.size, 0);
  assert.equal(layer.counters.strayResponses, 0);
});

test('sendRequest calls the delegate onTerminated as well as forgetting the transaction', () => {
  const { layer } = setup();
  let terminated = 0;
  const channel = new RecordingChannel();
  channel.failing = true;

  layer.sendRequest(buildBye({ branch: 'z9hG4bK-bye-1' }), channel, {
    onTerminated: () => (terminated += 1),
  });

  assert.equal(terminated, 1);
  assert.equal(layer.size, 0);
});

test('sendRequest refuses a request without a Via branch: a bug in the caller', () => {
  const { layer } = setup();

  assert.throws(() => layer.sendRequest(buildBye({ branch: null }), new RecordingChannel(), {}));
});

test('terminateAll ends every server and client transaction', () => {
  const { layer, receive } = setup();
  receive(buildInvite());
  receive(buildOptions());
  layer.sendRequest(buildBye({ branch: 'z9hG4bK-bye-1' }), new RecordingChannel(), {});

  layer.terminateAll();

  assert.equal(layer.size, 0);
});

test('sendInvite and receiveResponse: a 486 is ACKed and reaches onFinal, then Timer D forgets it', () => {
  const { clock, layer } = setup();
  const channel = new RecordingChannel();
  const outcomes: ClientOutcome[] = [];
  const invite = buildInvite({ branch: 'z9hG4bK-out-1' });
  layer.sendInvite(invite, channel, { onFinal: (outcome) => outcomes.push(outcome) });
  assert.equal(layer.size, 1);

  const busy = buildTestResponse(486, { branch: 'z9hG4bK-out-1', cseq: 1, cseqMethod: 'INVITE', toTag: 'b' });
  layer.receiveResponse(busy);
  clock.advance(32_000);

  assert.deepEqual(outcomes, [{ kind: 'response', response: busy }]);
  assert.deepEqual(
    channel.sent.map((m) => (m.kind === 'request' ? m.method : m.status)),
    ['INVITE', 'ACK'],
  );
  assert.equal(layer.size, 0);
});
