import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentDecode, percentEncode } from './percent-encoding.js';
import { asciiTable } from './sip-grammar.js';

test('escapes decode as UTF-8 octets, in either hex case', () => {
  assert.equal(percentDecode('%61lice%20%c3%a9%C3%A9'), 'alice éé');
});

test('a cut-short escape, a non-hex digit or octets that are not UTF-8 are refused', () => {
  assert.equal(percentDecode('abc%4'), undefined);
  assert.equal(percentDecode('abc%zz'), undefined);
  assert.equal(percentDecode('%ff%fe'), undefined);
});

test('encoding escapes what the alphabet does not allow, as UTF-8 octets', () => {
  const letters = asciiTable('');

  assert.equal(percentEncode('ab c@é', letters), 'ab%20c%40%C3%A9');
  assert.equal(percentDecode(percentEncode('ab c@é', letters)), 'ab c@é');
});
