import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  nameAddrTag,
  parseCSeq,
  parseNameAddr,
  parseSipMessage,
  serializeSipMessage,
  serializeUri,
  type SipRequest,
} from '../message/index.js';
import {
  ALICE_TAG,
  DEFAULT_CALL_ID,
  buildBye,
  buildInvite,
  buildTestRequest,
} from '../testdata/sip-test-messages.js';
import { Dialog, dialogId } from './dialog.js';

const OUR_VIA = 'SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-ours;rport';
const OUR_CONTACT = '<sip:127.0.0.1:5060>';
const ROUTES = ['<sip:p1.example.net;lr>', '<sip:p2.example.net;lr>', '<sip:p3.example.net;lr>'];

function dialogFrom(invite: SipRequest, localTag = 'ivr-tag'): Dialog {
  const made = Dialog.fromInvite(invite, localTag);
  if (!made.ok) throw new Error(made.reason);
  return made.dialog;
}

function tagOf(value: string | undefined): string | undefined {
  const parsed = parseNameAddr(value ?? '');
  return parsed.ok ? nameAddrTag(parsed.value) : undefined;
}

test('a UAS dialog takes the Call-ID, our tag as local and the From tag as remote (RFC 3261 section 12.1.1)', () => {
  const dialog = dialogFrom(buildInvite());

  assert.equal(dialog.callId, DEFAULT_CALL_ID);
  assert.equal(dialog.localTag, 'ivr-tag');
  assert.equal(dialog.remoteTag, ALICE_TAG);
  assert.equal(dialog.id, dialogId(DEFAULT_CALL_ID, 'ivr-tag', ALICE_TAG));
});

test('the local URI is the INVITE To with our tag; the remote URI is its From', () => {
  const dialog = dialogFrom(buildInvite());

  assert.equal(nameAddrTag(dialog.local), 'ivr-tag');
  assert.equal(serializeUri(dialog.local.uri), 'sip:ivr@127.0.0.1');
  assert.equal(nameAddrTag(dialog.remote), ALICE_TAG);
  assert.equal(serializeUri(dialog.remote.uri), 'sip:alice@192.0.2.10');
});

test('the remote target is the URI of the INVITE Contact', () => {
  const dialog = dialogFrom(buildInvite({ contact: '"Alice" <sip:alice@198.51.100.7:6000;transport=udp>' }));

  assert.equal(serializeUri(dialog.remoteTarget), 'sip:alice@198.51.100.7:6000;transport=udp');
});

test('the route set is the Record-Route list in the order received, across header lines', () => {
  const invite = buildInvite({ recordRoutes: [`${ROUTES[0]}, ${ROUTES[1]}`, ROUTES[2] ?? ''] });

  const dialog = dialogFrom(invite);

  assert.deepEqual(dialog.routeSet, ROUTES);
});

test('the remote sequence number is the INVITE CSeq', () => {
  assert.equal(dialogFrom(buildInvite({ cseq: 314 })).remoteSeq, 314);
});

test('an INVITE without Contact makes no dialog', () => {
  const made = Dialog.fromInvite(buildInvite({ contact: null }), 'ivr-tag');

  assert.deepEqual(made, { ok: false, reason: 'Missing Contact header' });
});

test('an INVITE with an unreadable Contact makes no dialog', () => {
  const made = Dialog.fromInvite(buildInvite({ contact: '<sip:alice@192.0.2.10' }), 'ivr-tag');

  assert.deepEqual(made, { ok: false, reason: 'Malformed Contact header' });
});

test('a request with a lower CSeq is out of order (RFC 3261 section 12.2.2)', () => {
  const dialog = dialogFrom(buildInvite({ cseq: 10 }));

  assert.equal(dialog.acceptsSequence(buildBye({ cseq: 9 })), false);
  assert.equal(dialog.remoteSeq, 10);
});

test('a request with a higher CSeq is accepted and moves the remote sequence number', () => {
  const dialog = dialogFrom(buildInvite({ cseq: 10 }));

  assert.equal(dialog.acceptsSequence(buildBye({ cseq: 11 })), true);
  assert.equal(dialog.remoteSeq, 11);
});

test('ACK and CANCEL carry the INVITE CSeq number and are never out of order', () => {
  const dialog = dialogFrom(buildInvite({ cseq: 10 }));
  dialog.acceptsSequence(buildTestRequest('INVITE', { cseq: 12 }));

  assert.equal(dialog.acceptsSequence(buildTestRequest('ACK', { cseq: 10 })), true);
  assert.equal(dialog.acceptsSequence(buildTestRequest('CANCEL', { cseq: 10 })), true);
  assert.equal(dialog.remoteSeq, 12);
});

test('a target refresh moves the remote target to the new Contact', () => {
  const dialog = dialogFrom(buildInvite());

  dialog.refreshTarget(buildTestRequest('INVITE', { contact: '<sip:alice@203.0.113.9:7000>', cseq: 2 }));

  assert.equal(serializeUri(dialog.remoteTarget), 'sip:alice@203.0.113.9:7000');
});

test('a target refresh without a Contact keeps the remote target', () => {
  const dialog = dialogFrom(buildInvite());

  dialog.refreshTarget(buildTestRequest('INVITE', { contact: null, cseq: 2 }));

  assert.equal(serializeUri(dialog.remoteTarget), 'sip:alice@192.0.2.10:5070');
});

test('a BYE in the dialog goes to the remote target with the route set as Route, in order (section 12.2.1.1)', () => {
  const dialog = dialogFrom(buildInvite({ recordRoutes: ROUTES }));

  const bye = dialog.createRequest('BYE', OUR_VIA, OUR_CONTACT);

  assert.equal(bye.method, 'BYE');
  assert.equal(serializeUri(bye.requestUri), 'sip:alice@192.0.2.10:5070');
  assert.deepEqual(bye.headers.getAll('Route'), ROUTES);
});

test('a request without a route set carries no Route', () => {
  const bye = dialogFrom(buildInvite()).createRequest('BYE', OUR_VIA, OUR_CONTACT);

  assert.equal(bye.headers.has('Route'), false);
});

test('a request in the dialog has From with our tag, To with theirs, the Call-ID, our Via and Contact', () => {
  const bye = dialogFrom(buildInvite()).createRequest('BYE', OUR_VIA, OUR_CONTACT);

  assert.equal(tagOf(bye.headers.get('From')), 'ivr-tag');
  assert.equal(tagOf(bye.headers.get('To')), ALICE_TAG);
  assert.equal(bye.headers.get('Call-ID'), DEFAULT_CALL_ID);
  assert.deepEqual(bye.headers.getAll('Via'), [OUR_VIA]);
  assert.equal(bye.headers.get('Contact'), OUR_CONTACT);
  assert.equal(bye.headers.get('Max-Forwards'), '70');
});

test('the local CSeq increases by one with each request, whatever the remote CSeq', () => {
  const dialog = dialogFrom(buildInvite({ cseq: 500 }));

  const first = parseCSeq(dialog.createRequest('BYE', OUR_VIA, OUR_CONTACT).headers.get('CSeq') ?? '');
  const second = parseCSeq(dialog.createRequest('INFO', OUR_VIA, OUR_CONTACT).headers.get('CSeq') ?? '');

  assert.ok(first.ok && second.ok);
  assert.deepEqual(
    [first.value, second.value],
    [
      { seq: 1, method: 'BYE' },
      { seq: 2, method: 'INFO' },
    ],
  );
});

test('a request in the dialog survives serialization and parsing', () => {
  const bye = dialogFrom(buildInvite({ recordRoutes: ROUTES })).createRequest('BYE', OUR_VIA, OUR_CONTACT);

  const parsed = parseSipMessage(serializeSipMessage(bye));

  assert.ok(parsed.ok);
  assert.equal(parsed.message.kind, 'request');
  assert.deepEqual(parsed.message.headers.getAll('Route'), ROUTES);
});

test('the Request-URI is a copy of the remote target, not the same object', () => {
  const dialog = dialogFrom(buildInvite());
  const bye = dialog.createRequest('BYE', OUR_VIA, OUR_CONTACT);

  assert.notEqual(bye.requestUri, dialog.remoteTarget);
  assert.deepEqual(bye.requestUri, dialog.remoteTarget);
});
