import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SipRequest } from '../message/index.js';
import {
  buildAck,
  buildBye,
  buildCancel,
  buildInvite,
  buildTestResponse,
} from '../testdata/sip-test-messages.js';
import { cancelledInviteKey, clientTransactionKey, serverTransactionKey } from './transaction-key.js';

/** A copy of `request` whose header `name` reads `value`, or is gone when `value` is null. */
function withHeader(request: SipRequest, name: string, value: string | null): SipRequest {
  const headers = request.headers.clone();
  if (value === null) headers.delete(name);
  else headers.set(name, value);
  return { ...request, headers };
}

test('a retransmitted request has the key of the original (RFC 3261 section 17.2.3)', () => {
  assert.equal(serverTransactionKey(buildInvite()), serverTransactionKey(buildInvite()));
});

test('the same branch from a different sent-by is a different transaction', () => {
  const first = serverTransactionKey(buildInvite({ sentBy: '192.0.2.10:5070' }));

  const other = serverTransactionKey(buildInvite({ sentBy: '192.0.2.11:5070' }));
  const otherPort = serverTransactionKey(buildInvite({ sentBy: '192.0.2.10:5071' }));

  assert.notEqual(first, other);
  assert.notEqual(first, otherPort);
});

test('the same branch and sent-by with another method is a different transaction', () => {
  const invite = serverTransactionKey(buildInvite());

  const bye = serverTransactionKey(buildBye({ branch: 'z9hG4bK-invite-1', cseq: 1 }));

  assert.notEqual(invite, bye);
});

test('a different branch is a different transaction', () => {
  assert.notEqual(
    serverTransactionKey(buildInvite({ branch: 'z9hG4bK-a' })),
    serverTransactionKey(buildInvite({ branch: 'z9hG4bK-b' })),
  );
});

test('the ACK of a non-2xx matches its INVITE: same branch, method taken as INVITE', () => {
  const key = serverTransactionKey(buildInvite());

  assert.equal(serverTransactionKey(buildAck({ toTag: 'ivr-tag' })), key);
});

test('the ACK of a 2xx, with a branch of its own, matches no INVITE transaction', () => {
  const key = serverTransactionKey(buildInvite());

  assert.notEqual(serverTransactionKey(buildAck({ branch: 'z9hG4bK-ack-2xx', toTag: 'ivr-tag' })), key);
});

test('a CANCEL is a transaction of its own, distinct from its INVITE', () => {
  assert.notEqual(serverTransactionKey(buildCancel()), serverTransactionKey(buildInvite()));
});

test('a CANCEL names the key of the INVITE it cancels (RFC 3261 section 9.2)', () => {
  assert.equal(cancelledInviteKey(buildCancel()), serverTransactionKey(buildInvite()));
});

test('a CANCEL with another branch names no transaction of that INVITE', () => {
  assert.notEqual(
    cancelledInviteKey(buildCancel({ branch: 'z9hG4bK-other' })),
    serverTransactionKey(buildInvite()),
  );
});

test('an RFC 2543 request (no magic cookie) matches its retransmission', () => {
  const options = { branch: 'old-branch' } as const;

  assert.equal(serverTransactionKey(buildInvite(options)), serverTransactionKey(buildInvite(options)));
});

test('an RFC 2543 request without any branch matches its retransmission', () => {
  assert.equal(
    serverTransactionKey(buildInvite({ branch: null })),
    serverTransactionKey(buildInvite({ branch: null })),
  );
});

test('an RFC 2543 ACK matches its INVITE although its To now carries our tag', () => {
  const key = serverTransactionKey(buildInvite({ branch: null }));

  assert.equal(serverTransactionKey(buildAck({ branch: null, toTag: 'ivr-tag' })), key);
});

test('an RFC 2543 CANCEL names its INVITE', () => {
  assert.equal(
    cancelledInviteKey(buildCancel({ branch: null })),
    serverTransactionKey(buildInvite({ branch: null })),
  );
});

test('RFC 2543 matching tells requests apart by Call-ID, From tag, CSeq number and Request-URI', () => {
  const key = serverTransactionKey(buildInvite({ branch: null }));

  const others = [
    buildInvite({ branch: null, callId: 'call-2@192.0.2.10' }),
    buildInvite({ branch: null, fromTag: 'other-tag' }),
    buildInvite({ branch: null, cseq: 2 }),
    buildInvite({ branch: null, requestUri: 'sip:other@127.0.0.1' }),
    buildInvite({ branch: null, sentBy: '192.0.2.11:5070' }),
  ].map(serverTransactionKey);

  for (const other of others) assert.notEqual(other, key);
  assert.equal(new Set(others).size, others.length);
});

test('a request whose top Via cannot be read has no key', () => {
  const request = withHeader(buildInvite(), 'Via', 'not a via');

  assert.equal(serverTransactionKey(request), null);
  assert.equal(cancelledInviteKey(request), null);
});

test('a request without a Via has no key', () => {
  assert.equal(serverTransactionKey(withHeader(buildInvite(), 'Via', null)), null);
});

test('an RFC 2543 request without a readable CSeq has no key', () => {
  assert.equal(serverTransactionKey(withHeader(buildInvite({ branch: null }), 'CSeq', 'x')), null);
});

test('a response matches its client transaction by top Via branch and CSeq method (section 17.1.3)', () => {
  const bye = buildBye({ branch: 'z9hG4bK-bye-1', cseq: 7 });

  const response = buildTestResponse(200, { branch: 'z9hG4bK-bye-1', cseq: 7, cseqMethod: 'BYE' });

  assert.notEqual(clientTransactionKey(bye), null);
  assert.equal(clientTransactionKey(response), clientTransactionKey(bye));
});

test('a response with the same branch but another CSeq method belongs to another client transaction', () => {
  const bye = buildBye({ branch: 'z9hG4bK-bye-1' });

  const cancelResponse = buildTestResponse(200, { branch: 'z9hG4bK-bye-1', cseqMethod: 'CANCEL' });

  assert.notEqual(clientTransactionKey(cancelResponse), clientTransactionKey(bye));
});

test('a response with another branch belongs to another client transaction', () => {
  const bye = buildBye({ branch: 'z9hG4bK-bye-1' });

  const response = buildTestResponse(200, { branch: 'z9hG4bK-bye-2', cseq: 2, cseqMethod: 'BYE' });

  assert.notEqual(clientTransactionKey(response), clientTransactionKey(bye));
});

test('a response without a branch has no client transaction key', () => {
  assert.equal(clientTransactionKey(buildTestResponse(200, { branch: null, cseqMethod: 'BYE' })), null);
});
