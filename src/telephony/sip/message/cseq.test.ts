import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cseqMethod, parseCSeq, serializeCSeq } from './cseq.js';
import { SipHeaders } from './sip-headers.js';

test('a CSeq is a sequence number and a method, whitespace between them free', () => {
  assert.deepEqual(parseCSeq(' 4711 \t INVITE '), { ok: true, value: { seq: 4711, method: 'INVITE' } });
  assert.equal(serializeCSeq({ seq: 4711, method: 'INVITE' }), '4711 INVITE');
});

test('the sequence number may reach 2**31 - 1 and no further', () => {
  assert.deepEqual(parseCSeq('2147483647 BYE'), { ok: true, value: { seq: 2147483647, method: 'BYE' } });
  assert.equal(parseCSeq('2147483648 BYE').ok, false);
  assert.equal(parseCSeq('99999999999999999999999 BYE').ok, false);
});

test('a negative, signed, non-numeric or method-less CSeq is refused', () => {
  for (const bad of [
    '-1 INVITE',
    '+1 INVITE',
    'one INVITE',
    '1',
    '1 IN VITE',
    'INVITE 1',
    '1.5 INVITE',
    '',
  ]) {
    assert.equal(parseCSeq(bad).ok, false, bad);
  }
});

test('cseqMethod reads the method a transaction matches responses by', () => {
  assert.equal(cseqMethod(new SipHeaders([['CSeq', '2 CANCEL']])), 'CANCEL');
  assert.equal(cseqMethod(new SipHeaders([['CSeq', 'x CANCEL']])), undefined);
  assert.equal(cseqMethod(new SipHeaders()), undefined);
});
