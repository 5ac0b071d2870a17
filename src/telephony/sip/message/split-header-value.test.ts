import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitHeaderValue } from './split-header-value.js';

test('a list value splits at its commas, with or without whitespace around them', () => {
  assert.deepEqual(splitHeaderValue('INVITE, ACK ,BYE,CANCEL'), ['INVITE', 'ACK', 'BYE', 'CANCEL']);
});

test('a comma inside a quoted display name does not split', () => {
  const value = '"Doe, John" <sip:j@example.com>;q=0.5, <sip:k@example.com>';

  assert.deepEqual(splitHeaderValue(value), ['"Doe, John" <sip:j@example.com>;q=0.5', '<sip:k@example.com>']);
});

test('an escaped quote inside a quoted string does not end it', () => {
  const value = '"a \\", b" <sip:a@example.com>, <sip:b@example.com>';

  assert.deepEqual(splitHeaderValue(value), ['"a \\", b" <sip:a@example.com>', '<sip:b@example.com>']);
});

test('a comma between angle brackets does not split', () => {
  assert.deepEqual(splitHeaderValue('<sip:a@example.com?Subject=x,y>, <sip:b@example.com>'), [
    '<sip:a@example.com?Subject=x,y>',
    '<sip:b@example.com>',
  ]);
});

test('empty elements are dropped and a value without elements is kept', () => {
  assert.deepEqual(splitHeaderValue('a,, b,'), ['a', 'b']);
  assert.deepEqual(splitHeaderValue(''), ['']);
});
