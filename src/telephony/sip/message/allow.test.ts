import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllow, serializeAllow } from './allow.js';

test('Allow lists methods from every value, split or not', () => {
  assert.deepEqual(parseAllow(['INVITE, ACK', 'BYE', 'CANCEL,OPTIONS']), {
    ok: true,
    value: ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS'],
  });
});

test('an empty Allow lists no method', () => {
  assert.deepEqual(parseAllow(['']), { ok: true, value: [] });
});

test('an Allow entry that is not a method token is refused', () => {
  assert.equal(parseAllow(['INVITE, NOT A METHOD']).ok, false);
});

test('Allow is written as one comma-separated value', () => {
  assert.equal(serializeAllow(['INVITE', 'ACK', 'BYE']), 'INVITE, ACK, BYE');
});
