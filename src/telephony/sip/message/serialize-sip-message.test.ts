import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSipMessage } from './parse-sip-message.js';
import { serializeSipMessage } from './serialize-sip-message.js';
import { SipHeaders } from './sip-headers.js';
import type { SipRequest, SipResponse } from './sip-message.js';

function request(headers: [string, string][], body = ''): SipRequest {
  return {
    kind: 'request',
    method: 'MESSAGE',
    requestUri: {
      kind: 'sip',
      scheme: 'sip',
      user: 'ivr',
      host: 'voxgate.example.net',
      params: [],
      headers: [],
    },
    version: 'SIP/2.0',
    headers: new SipHeaders(headers),
    body: Buffer.from(body),
  };
}

const MANDATORY: [string, string][] = [
  ['Via', 'SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKser;rport'],
  ['Max-Forwards', '70'],
  ['From', '<sip:a@example.org>;tag=1'],
  ['To', '<sip:ivr@voxgate.example.net>'],
  ['Call-ID', 'ser-1@192.0.2.10'],
  ['CSeq', '1 MESSAGE'],
];

test('a request is written as start line, one line per value, empty line and body', () => {
  const message = request([...MANDATORY, ['Content-Type', 'text/plain']], 'hi');

  const text = serializeSipMessage(message).toString();

  assert.equal(
    text,
    [
      'MESSAGE sip:ivr@voxgate.example.net SIP/2.0',
      'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKser;rport',
      'Max-Forwards: 70',
      'From: <sip:a@example.org>;tag=1',
      'To: <sip:ivr@voxgate.example.net>',
      'Call-ID: ser-1@192.0.2.10',
      'CSeq: 1 MESSAGE',
      'Content-Type: text/plain',
      'Content-Length: 2',
      '',
      'hi',
    ].join('\r\n'),
  );
});

test('Content-Length is computed from the body in octets, replacing a wrong one where it stood', () => {
  const message = request([['Content-Length', '999'], ...MANDATORY, ['l', '5']], 'é');

  const text = serializeSipMessage(message).toString();

  assert.match(text, /^MESSAGE [^\r]+\r\nContent-Length: 2\r\nVia:/);
  assert.equal(text.match(/Content-Length/g)?.length, 1);
});

test('a response is written with its status line', () => {
  const response: SipResponse = {
    kind: 'response',
    version: 'SIP/2.0',
    status: 486,
    reason: 'Busy Here',
    headers: new SipHeaders(MANDATORY.filter(([name]) => name !== 'Max-Forwards')),
    body: Buffer.alloc(0),
  };

  const text = serializeSipMessage(response).toString();

  assert.match(text, /^SIP\/2\.0 486 Busy Here\r\nVia: /);
  assert.match(text, /\r\nContent-Length: 0\r\n\r\n$/);
});

test('parse(serialize(x)) gives x back when x carries its Content-Length', () => {
  const message = request(
    [...MANDATORY, ['Subject', 'Ünïcode, commas; "quotes"'], ['Content-Length', '4']],
    'body',
  );

  const result = parseSipMessage(serializeSipMessage(message));

  assert.ok(result.ok);
  assert.deepStrictEqual(result.message, message);
});

test('a binary body is written byte for byte', () => {
  const body = Buffer.from([0, 255, 13, 10, 13, 10, 1]);
  const message: SipRequest = { ...request(MANDATORY), body };

  const bytes = serializeSipMessage(message);

  assert.deepEqual(bytes.subarray(bytes.length - body.length), body);
});
