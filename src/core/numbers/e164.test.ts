import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDialledNumber, toE164 } from './e164.js';

test('an E.164 number is stored with its + whether or not it was written with one', () => {
  assert.equal(toE164('+33123456789'), '+33123456789');
  assert.equal(toE164('33123456789'), '+33123456789');
});

test('text that is not an E.164 number has no canonical form', () => {
  for (const value of [
    '',
    '+',
    '0123456789',
    '+0123456789',
    '33 1 23 45 67 89',
    '+3312345678901234',
    'abc',
  ]) {
    assert.equal(toE164(value), null, value);
  }
});

test('a dialled number reads the same with +, without it, or behind the 00 international prefix', () => {
  for (const dialled of ['+33123456789', '33123456789', '0033123456789']) {
    assert.equal(parseDialledNumber(dialled), '+33123456789', dialled);
  }
});

test('a dialled number drops RFC 3966 visual separators and parameters after ;', () => {
  assert.equal(parseDialledNumber('+1-212-555-(0100)'), '+12125550100');
  assert.equal(parseDialledNumber('+1.212.555.0100;npdi;rn=+12125559999'), '+12125550100');
});

test('a national number, a SIP user name or an over-long user part is no dialled number', () => {
  for (const dialled of ['0123456789', 'alice', '00', '', '+'.padEnd(65, '1'), ';+33123456789']) {
    assert.equal(parseDialledNumber(dialled), null, dialled);
  }
});
