import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseUri, serializeUri } from './uri.js';

test('a URI is read by its scheme: SIP, SIPS, tel, or kept whole', () => {
  const kinds = ['sip:a@example.com', 'Sips:a@example.com', 'tel:+15550100', 'urn:service:sos'].map(
    (text) => {
      const value = parseUri(text);
      return value.ok ? value.value.kind : value.reason;
    },
  );

  assert.deepEqual(kinds, ['sip', 'sip', 'tel', 'absolute']);
});

test('another scheme keeps its text after the colon and writes it back unchanged', () => {
  const value = parseUri('MAILTO:ivr@example.com');

  assert.deepEqual(value, {
    ok: true,
    value: { kind: 'absolute', scheme: 'mailto', opaque: 'ivr@example.com' },
  });
  assert.equal(value.ok && serializeUri(value.value), 'mailto:ivr@example.com');
});

test('a URI without a scheme, with a bad scheme or with spaces, quotes or angle brackets is refused', () => {
  for (const bad of [
    '',
    ':x',
    'example.com',
    '1x:abc',
    'x y:abc',
    'urn:',
    'urn:a b',
    'urn:a"b',
    'urn:a<b',
    'urn:a>b',
  ]) {
    assert.equal(parseUri(bad).ok, false, bad);
  }
});
