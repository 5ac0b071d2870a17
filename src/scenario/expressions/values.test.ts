import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isNumberLike, isTruthy, toText } from './values.js';

test('number-like strings are up to 15 digits with an optional sign and a fraction of up to 15', () => {
  for (const text of [
    '0',
    '-0',
    '7',
    '01',
    '123456789012345',
    '-123456789012345',
    '0.5',
    '1.000000000000001',
  ]) {
    assert.equal(isNumberLike(text), true, text);
  }
});

test('16 digits, exponents, signs other than a leading minus, spaces and bare dots are not number-like', () => {
  const texts = [
    '1234567890123456',
    '1.1234567890123456',
    '+1',
    '1e5',
    ' 1',
    '1 ',
    '1\n',
    '.5',
    '5.',
    '',
    '-',
    '0x1F',
    '1,5',
  ];
  for (const text of texts) assert.equal(isNumberLike(text), false, JSON.stringify(text));
});

test('the falsy values are "", "false", number-like zeros, 0, -0, false and null', () => {
  for (const value of ['', 'false', '0', '0.0', '-0', '00', '-0.000', 0, -0, false, null]) {
    assert.equal(isTruthy(value), false, JSON.stringify(value));
  }
});

test('every other value is truthy, with case and spacing significant', () => {
  for (const value of [
    'False',
    'FALSE',
    ' 0',
    '0 ',
    'null',
    'no',
    '0.0000000000000001',
    'a',
    ' ',
    1,
    -1,
    0.1,
    true,
  ]) {
    assert.equal(isTruthy(value), true, JSON.stringify(value));
  }
});

test('toText writes numbers in shortest decimal form', () => {
  assert.equal(toText(12.5), '12.5');
  assert.equal(toText(0.1 + 0.2), '0.30000000000000004');
  assert.equal(toText(100), '100');
  assert.equal(toText(-3.25), '-3.25');
});

test('toText writes no exponent below 1e21, small numbers included', () => {
  assert.equal(toText(1e-7), '0.0000001');
  assert.equal(toText(-1.5e-7), '-0.00000015');
  assert.equal(toText(1.2345e-10), '0.00000000012345');
  assert.equal(toText(5e-324), `0.${'0'.repeat(323)}5`);
  assert.equal(toText(1e20), '100000000000000000000');
  assert.equal(toText(999999999999999900000), '999999999999999900000');
});

test('toText keeps the exponent form from 1e21 up', () => {
  assert.equal(toText(1e21), '1e+21');
  assert.equal(toText(-1.5e300), '-1.5e+300');
});

test('toText writes -0 as 0', () => {
  assert.equal(toText(-0), '0');
});

test('toText writes booleans as true/false, null as "" and strings unchanged', () => {
  assert.equal(toText(true), 'true');
  assert.equal(toText(false), 'false');
  assert.equal(toText(null), '');
  assert.equal(toText('  As typed  '), '  As typed  ');
});
