import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type NameAddr,
  isWildcardContact,
  nameAddrTag,
  parseNameAddr,
  serializeNameAddr,
  withTag,
} from './name-addr.js';

function nameAddr(text: string): NameAddr {
  const result = parseNameAddr(text);
  assert.ok(result.ok, `${text}: ${result.ok ? '' : result.reason}`);
  return result.value;
}

test('a quoted display name is unescaped', () => {
  const value = nameAddr('"Smith, Jane \\"JJ\\" \\\\ Sales" <sip:jane@example.org>;tag=q1');

  assert.equal(value.displayName, 'Smith, Jane "JJ" \\ Sales');
  assert.equal(nameAddrTag(value), 'q1');
});

test('a display name of tokens needs no quotes; an empty quoted one stays empty', () => {
  assert.equal(nameAddr('Bob  Smith <sip:bob@example.org>').displayName, 'Bob  Smith');
  assert.equal(nameAddr('"" <sip:bob@example.org>').displayName, '');
  assert.equal('displayName' in nameAddr('<sip:bob@example.org>'), false);
});

test('an unquoted UTF-8 display name is accepted, as phones send it', () => {
  assert.equal(nameAddr('Jürgen Müller <sip:j@example.org>').displayName, 'Jürgen Müller');
});

test('in the addr-spec form the parameters after ; belong to the header, not the URI', () => {
  const value = nameAddr('sip:alice@atlanta.example.com;tag=88sja8x');

  assert.equal(value.uri.kind === 'sip' && value.uri.params.length, 0);
  assert.deepEqual(value.params, [{ name: 'tag', value: '88sja8x' }]);
});

test('in the name-addr form the URI keeps its own parameters and headers', () => {
  const value = nameAddr('<sip:alice@pc33.example.com;transport=tcp?Subject=x>;expires=60;q=0.7');

  assert.ok(value.uri.kind === 'sip');
  assert.deepEqual(value.uri.params, [{ name: 'transport', value: 'tcp' }]);
  assert.deepEqual(value.uri.headers, [{ name: 'Subject', value: 'x' }]);
  assert.deepEqual(value.params, [
    { name: 'expires', value: '60' },
    { name: 'q', value: '0.7' },
  ]);
});

test('a tel URI or another scheme may stand in a name-addr', () => {
  assert.equal(nameAddr('<tel:+15550100>').uri.kind, 'tel');
  assert.equal(nameAddr('"Help" <mailto:help@example.com>').uri.kind, 'absolute');
});

test('writing quotes the display name and brackets the URI; reading it back gives the same value', () => {
  const value = nameAddr('Jane <sip:jane@example.org>;tag=1');
  const odd: NameAddr = { ...value, displayName: 'He said "hi" \\o/' };

  const text = serializeNameAddr(odd);

  assert.equal(text, '"He said \\"hi\\" \\\\o/" <sip:jane@example.org>;tag=1');
  assert.deepEqual(nameAddr(text), odd);
});

test('withTag adds a tag and replaces an existing one', () => {
  const untagged = nameAddr('<sip:bob@example.org>;x=1');

  assert.equal(serializeNameAddr(withTag(untagged, 'abc')), '<sip:bob@example.org>;x=1;tag=abc');
  assert.equal(nameAddrTag(withTag(withTag(untagged, 'abc'), 'def')), 'def');
  assert.equal(nameAddrTag(untagged), undefined);
});

test('malformed name-addr values are refused', () => {
  for (const bad of [
    '',
    'Bob',
    '"Bob <sip:bob@example.org>',
    '"Bob" sip:bob@example.org',
    '<sip:bob@example.org',
    '<sip:bob@example.org>;',
    '<sip:bob@example.org> trailing',
    '<>',
    '<sip:@example.org>',
  ]) {
    assert.equal(parseNameAddr(bad).ok, false, bad);
  }
});

test('the Contact wildcard is recognised and is not a name-addr', () => {
  assert.equal(isWildcardContact(' * '), true);
  assert.equal(isWildcardContact('<sip:*@example.com>'), false);
  assert.equal(parseNameAddr('*').ok, false);
});
