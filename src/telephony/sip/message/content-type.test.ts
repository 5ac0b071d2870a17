import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  contentTypeCharset,
  isSdpContentType,
  parseContentType,
  serializeContentType,
} from './content-type.js';

test('a media type is read lower-case with its parameters', () => {
  const value = parseContentType('Application/SDP ; charset="UTF-8"');

  assert.deepEqual(value, {
    ok: true,
    value: { type: 'application', subtype: 'sdp', params: [{ name: 'charset', value: '"UTF-8"' }] },
  });
  assert.ok(value.ok && isSdpContentType(value.value));
  assert.equal(value.ok && contentTypeCharset(value.value), 'UTF-8');
});

test('a media type round-trips', () => {
  const value = parseContentType('multipart/mixed;boundary=unique-boundary-1');

  assert.equal(value.ok && serializeContentType(value.value), 'multipart/mixed;boundary=unique-boundary-1');
});

test('a media type without a subtype or with a malformed parameter is refused', () => {
  for (const bad of ['application', 'application/', '/sdp', 'application/sdp;', 'text/plain x']) {
    assert.equal(parseContentType(bad).ok, false, bad);
  }
});
