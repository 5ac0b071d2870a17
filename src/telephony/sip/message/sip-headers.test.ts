import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SipHeaders } from './sip-headers.js';

function sample(): SipHeaders {
  return new SipHeaders([
    ['Via', 'SIP/2.0/UDP a.example.com;branch=z9hG4bK1'],
    ['From', '<sip:a@example.com>;tag=1'],
    ['v', 'SIP/2.0/UDP b.example.com;branch=z9hG4bK2'],
    ['X-Custom', 'one'],
  ]);
}

test('get returns the first value under any case or compact form of the name', () => {
  const headers = sample();

  assert.equal(headers.get('via'), 'SIP/2.0/UDP a.example.com;branch=z9hG4bK1');
  assert.equal(headers.get('V'), 'SIP/2.0/UDP a.example.com;branch=z9hG4bK1');
  assert.equal(headers.get('x-custom'), 'one');
  assert.equal(headers.get('To'), undefined);
});

test('getAll returns every value in message order and iteration keeps the order of all fields', () => {
  const headers = sample();

  assert.deepEqual(headers.getAll('Via'), [
    'SIP/2.0/UDP a.example.com;branch=z9hG4bK1',
    'SIP/2.0/UDP b.example.com;branch=z9hG4bK2',
  ]);
  assert.deepEqual(
    [...headers].map(([name]) => name),
    ['Via', 'From', 'Via', 'X-Custom'],
  );
  assert.equal(headers.size, 4);
  assert.equal(headers.count('via'), 2);
});

test('set replaces every value where the first stood', () => {
  const headers = sample();

  headers.set('VIA', 'SIP/2.0/TCP c.example.com;branch=z9hG4bK3');

  assert.deepEqual(
    [...headers],
    [
      ['Via', 'SIP/2.0/TCP c.example.com;branch=z9hG4bK3'],
      ['From', '<sip:a@example.com>;tag=1'],
      ['X-Custom', 'one'],
    ],
  );
});

test('set on an absent field appends it', () => {
  const headers = sample();

  headers.set('t', '<sip:b@example.com>');

  assert.deepEqual([...headers].at(-1), ['To', '<sip:b@example.com>']);
});

test('prepend puts a value before the first one of its name, as a proxy pushes its Via', () => {
  const headers = sample();

  headers.prepend('Via', 'SIP/2.0/UDP proxy.example.com;branch=z9hG4bK0');

  assert.equal(headers.get('Via'), 'SIP/2.0/UDP proxy.example.com;branch=z9hG4bK0');
  assert.deepEqual(
    [...headers].map(([name]) => name),
    ['Via', 'Via', 'From', 'Via', 'X-Custom'],
  );
});

test('delete removes every value of the name and says whether there was one', () => {
  const headers = sample();

  assert.equal(headers.delete('via'), true);
  assert.equal(headers.delete('Via'), false);
  assert.equal(headers.has('Via'), false);
  assert.equal(headers.size, 2);
});

test('a clone is independent of the original', () => {
  const headers = sample();
  const copy = headers.clone();

  copy.append('Subject', 'x');

  assert.equal(headers.has('Subject'), false);
  assert.equal(copy.get('Subject'), 'x');
});

test('two header sets with different values are not deep-equal', () => {
  assert.notDeepStrictEqual(new SipHeaders([['To', 'a']]), new SipHeaders([['To', 'b']]));
  assert.deepStrictEqual(new SipHeaders([['t', 'a']]), new SipHeaders([['To', 'a']]));
});

test('a value with a line break or a name that is not a token is refused as header injection', () => {
  const headers = new SipHeaders();

  assert.throws(() => headers.append('Subject', 'hi\r\nVia: evil'), RangeError);
  assert.throws(() => headers.set('Bad Name', 'x'), RangeError);
  assert.throws(() => headers.prepend('X', 'a\nb'), RangeError);
  assert.equal(headers.size, 0);
});
