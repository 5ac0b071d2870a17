import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTelUri, serializeTelUri } from './tel-uri.js';

test('a global tel number keeps its visual separators and reads its parameters', () => {
  const value = parseTelUri('TEL:+1-201-555-0123;ext=44;phone-context=example.com');

  assert.deepEqual(value, {
    ok: true,
    value: {
      kind: 'tel',
      number: '+1-201-555-0123',
      params: [
        { name: 'ext', value: '44' },
        { name: 'phone-context', value: 'example.com' },
      ],
    },
  });
});

test('a tel URI round-trips', () => {
  const value = parseTelUri('tel:7042;phone-context=+1-555;x-flag');

  assert.ok(value.ok);
  assert.equal(serializeTelUri(value.value), 'tel:7042;phone-context=+1-555;x-flag');
});

test('a tel URI without digits, with a misplaced + or an empty parameter is refused', () => {
  for (const bad of [
    'tel:',
    'tel:+',
    'tel:--',
    'tel:12+3',
    'tel:123;',
    'tel:123;a=',
    'tel:12 3',
    'sip:123',
  ]) {
    assert.equal(parseTelUri(bad).ok, false, bad);
  }
});
