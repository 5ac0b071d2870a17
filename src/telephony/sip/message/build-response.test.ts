import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildResponse } from './build-response.js';
import { parseSipMessage } from './parse-sip-message.js';
import { serializeSipMessage } from './serialize-sip-message.js';
import { SipHeaders } from './sip-headers.js';

function invite(to = '<sip:ivr@voxgate.example.net>'): { headers: SipHeaders } {
  return {
    headers: new SipHeaders([
      ['Via', 'SIP/2.0/UDP edge.example.org;branch=z9hG4bK2'],
      ['Via', 'SIP/2.0/UDP 198.51.100.7;branch=z9hG4bK1;received=198.51.100.7'],
      ['Max-Forwards', '69'],
      ['From', '"Carrier" <sip:+15550199@trunk.example.org>;tag=a1'],
      ['To', to],
      ['Call-ID', 'c-1@198.51.100.7'],
      ['CSeq', '7 INVITE'],
      ['Timestamp', '54'],
      ['Subject', 'not copied'],
    ]),
  };
}

test('a response copies every Via in order, From, To, Call-ID and CSeq, and nothing else (8.2.6.2)', () => {
  const response = buildResponse(invite(), 486);

  assert.deepEqual(
    [...response.headers],
    [
      ['Via', 'SIP/2.0/UDP edge.example.org;branch=z9hG4bK2'],
      ['Via', 'SIP/2.0/UDP 198.51.100.7;branch=z9hG4bK1;received=198.51.100.7'],
      ['From', '"Carrier" <sip:+15550199@trunk.example.org>;tag=a1'],
      ['To', '<sip:ivr@voxgate.example.net>'],
      ['Call-ID', 'c-1@198.51.100.7'],
      ['CSeq', '7 INVITE'],
    ],
  );
  assert.equal(response.status, 486);
  assert.equal(response.reason, 'Busy Here');
  assert.equal(response.version, 'SIP/2.0');
});

test('a To tag is added when given and the request has none', () => {
  const response = buildResponse(invite(), 180, undefined, { toTag: 'ivr-9' });

  assert.equal(response.headers.get('To'), '<sip:ivr@voxgate.example.net>;tag=ivr-9');
  assert.equal(response.reason, 'Ringing');
});

test('a To that already has a tag keeps it', () => {
  const response = buildResponse(invite('<sip:ivr@voxgate.example.net>;tag=old'), 200, 'OK', {
    toTag: 'new',
  });

  assert.equal(response.headers.get('To'), '<sip:ivr@voxgate.example.net>;tag=old');
});

test('a 100 Trying gets no To tag and copies Timestamp (8.2.6.1)', () => {
  const response = buildResponse(invite(), 100, undefined, { toTag: 'ivr-9' });

  assert.equal(response.headers.get('To'), '<sip:ivr@voxgate.example.net>');
  assert.equal(response.headers.get('Timestamp'), '54');
  assert.equal(response.reason, 'Trying');
});

test('extra headers and a body are added, and the response serializes and parses back', () => {
  const sdp = Buffer.from('v=0\r\n');
  const response = buildResponse(invite(), 200, undefined, {
    toTag: 't',
    headers: [['Contact', '<sip:ivr@192.0.2.10>']],
    body: { contentType: 'application/sdp', content: sdp },
  });

  const reparsed = parseSipMessage(serializeSipMessage(response));

  assert.ok(reparsed.ok && reparsed.message.kind === 'response');
  assert.equal(reparsed.message.headers.get('Contact'), '<sip:ivr@192.0.2.10>');
  assert.equal(reparsed.message.headers.get('Content-Type'), 'application/sdp');
  assert.deepEqual(reparsed.message.body, sdp);
});

test('a status outside 100-699 or a reason with a line break is a bug and throws', () => {
  assert.throws(() => buildResponse(invite(), 99), RangeError);
  assert.throws(() => buildResponse(invite(), 700), RangeError);
  assert.throws(() => buildResponse(invite(), 200, 'OK\r\nVia: x'), RangeError);
});
