import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  findHeaderParam,
  isValidHeaderParam,
  parseHeaderParams,
  serializeHeaderParams,
  withHeaderParam,
} from './header-params.js';

test('parameters with token, host, IPv6 and quoted values, and flags, are read in order', () => {
  const text = ';tag=abc ; lr;received=2001:db8::1;+sip.instance="<urn:uuid:1;2>";maddr=[2001:db8::2]';

  const read = parseHeaderParams(text, 0);

  assert.deepEqual(read, {
    params: [
      { name: 'tag', value: 'abc' },
      { name: 'lr', value: null },
      { name: 'received', value: '2001:db8::1' },
      { name: '+sip.instance', value: '"<urn:uuid:1;2>"' },
      { name: 'maddr', value: '[2001:db8::2]' },
    ],
    end: text.length,
  });
});

test('reading stops at the first character that cannot start a parameter', () => {
  assert.equal(parseHeaderParams(';a=1, <sip:x>', 0)?.end, 4);
});

test('an empty name, a missing value after = or an unterminated quote is refused', () => {
  for (const bad of [';', ';=1', ';a=', ';a="open', '; ;a'])
    assert.equal(parseHeaderParams(bad, 0), undefined, bad);
});

test('lookup is case-insensitive and tells a flag (null) from an absent parameter (undefined)', () => {
  const params = [
    { name: 'Tag', value: 'x' },
    { name: 'lr', value: null },
  ];

  assert.equal(findHeaderParam(params, 'tag'), 'x');
  assert.equal(findHeaderParam(params, 'LR'), null);
  assert.equal(findHeaderParam(params, 'expires'), undefined);
});

test('withHeaderParam replaces in place or appends, leaving the input untouched', () => {
  const params = [{ name: 'a', value: '1' }];

  assert.deepEqual(withHeaderParam(params, 'A', '2'), [{ name: 'a', value: '2' }]);
  assert.deepEqual(withHeaderParam(params, 'b', null), [
    { name: 'a', value: '1' },
    { name: 'b', value: null },
  ]);
  assert.deepEqual(params, [{ name: 'a', value: '1' }]);
});

test('parameters are written as read', () => {
  const text = ';tag=abc;lr;q="0.5"';
  const read = parseHeaderParams(text, 0);

  assert.equal(read && serializeHeaderParams(read.params), text);
});

test('a parameter built from outside input is checked before it is written', () => {
  assert.equal(isValidHeaderParam({ name: 'x', value: 'ok' }), true);
  assert.equal(isValidHeaderParam({ name: 'x', value: '"quoted, fine"' }), true);
  assert.equal(isValidHeaderParam({ name: 'x', value: 'a b' }), false);
  assert.equal(isValidHeaderParam({ name: 'x', value: 'a;b=c' }), false);
  assert.equal(isValidHeaderParam({ name: 'x y', value: null }), false);
});
