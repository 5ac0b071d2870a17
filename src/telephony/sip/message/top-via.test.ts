import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SipHeaders } from './sip-headers.js';
import { parseTopVia, topViaBranch } from './top-via.js';

const headers = new SipHeaders([
  ['Via', 'SIP/2.0/UDP top.example.org;branch=z9hG4bKtop'],
  ['Via', 'SIP/2.0/UDP lower.example.org;branch=z9hG4bKlower'],
]);

test('the top Via is the first Via value', () => {
  const via = parseTopVia(headers);

  assert.ok(via.ok);
  assert.equal(via.value.host, 'top.example.org');
  assert.equal(topViaBranch(headers), 'z9hG4bKtop');
});

test('a message without a Via, or with an unreadable or branch-less top Via, has no branch', () => {
  assert.equal(parseTopVia(new SipHeaders()).ok, false);
  assert.equal(topViaBranch(new SipHeaders([['Via', 'garbage']])), undefined);
  assert.equal(topViaBranch(new SipHeaders([['Via', 'SIP/2.0/UDP a.example.org']])), undefined);
});
