import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseContentLength, serializeContentLength } from './content-length.js';
import { MAX_SIP_MESSAGE_BYTES } from './sip-limits.js';

test('Content-Length is a count of octets up to the message size cap', () => {
  assert.deepEqual(parseContentLength(' 349 '), { ok: true, value: 349 });
  assert.deepEqual(parseContentLength(String(MAX_SIP_MESSAGE_BYTES)), {
    ok: true,
    value: MAX_SIP_MESSAGE_BYTES,
  });
  assert.equal(serializeContentLength(0), '0');
});

test('a Content-Length past the cap, negative or not a number is refused', () => {
  for (const bad of [String(MAX_SIP_MESSAGE_BYTES + 1), '-1', '12abc', '', '0x10']) {
    assert.equal(parseContentLength(bad).ok, false, bad);
  }
});
