import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildParseFailureResponse } from './build-parse-failure-response.js';
import { type SipParseFailure, parseSipMessage } from './parse-sip-message.js';

function failure(name: string): SipParseFailure {
  const result = parseSipMessage(readFileSync(new URL(`../testdata/bad/${name}`, import.meta.url)));
  assert.ok(!result.ok);
  return result;
}

test('a refused request with its routing fields readable is answered 400 with the defect as reason', () => {
  const response = buildParseFailureResponse(failure('cseq-method-mismatch.sip'), 'vg-1');

  assert.equal(response?.status, 400);
  assert.equal(response.reason, 'CSeq method does not match request method');
  assert.equal(response.headers.get('Call-ID'), '5f2c9e41-invite@198.51.100.7');
  assert.equal(response.headers.get('To'), '<sip:+15550100@voxgate.example.net>;tag=vg-1');
});

test('a request in another SIP version is answered 505', () => {
  assert.equal(buildParseFailureResponse(failure('unsupported-version.sip'))?.status, 505);
});

test('no answer when Call-ID, From, To or CSeq is missing', () => {
  for (const name of ['missing-call-id.sip', 'missing-from.sip', 'missing-to.sip', 'missing-cseq.sip']) {
    assert.equal(buildParseFailureResponse(failure(name)), undefined, name);
  }
});

test('no answer when the top Via is missing or unreadable: the response could not be routed', () => {
  assert.equal(buildParseFailureResponse(failure('missing-via.sip')), undefined);
  assert.equal(buildParseFailureResponse(failure('malformed-via.sip')), undefined);
});

test('no answer to an ACK, a response or an unreadable start line', () => {
  assert.equal(buildParseFailureResponse(failure('ack-malformed-cseq.sip')), undefined);
  assert.equal(buildParseFailureResponse(failure('response-missing-via.sip')), undefined);
  assert.equal(buildParseFailureResponse(failure('binary-garbage.sip')), undefined);
});
