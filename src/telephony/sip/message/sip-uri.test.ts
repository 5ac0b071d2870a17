import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type SipUri, parseSipUri, serializeSipUri, sipUriEquals } from './sip-uri.js';

function uri(text: string): SipUri {
  const result = parseSipUri(text);
  assert.ok(result.ok, `${text}: ${result.ok ? '' : result.reason}`);
  return result.value;
}

test('a SIP URI is read into user, password, host, port, parameters and headers', () => {
  const value = uri('sip:alice:secret@atlanta.example.com:5070;transport=tcp;lr?Subject=hi&Priority=urgent');

  assert.deepEqual(value, {
    kind: 'sip',
    scheme: 'sip',
    user: 'alice',
    password: 'secret',
    host: 'atlanta.example.com',
    port: 5070,
    params: [
      { name: 'transport', value: 'tcp' },
      { name: 'lr', value: null },
    ],
    headers: [
      { name: 'Subject', value: 'hi' },
      { name: 'Priority', value: 'urgent' },
    ],
  });
});

test('the scheme and host are case-insensitive and kept lower-case; the user keeps its case', () => {
  const value = uri('SIPS:Alice@AtLanTa.Example.COM');

  assert.equal(value.scheme, 'sips');
  assert.equal(value.host, 'atlanta.example.com');
  assert.equal(value.user, 'Alice');
});

test('escapes in the user, parameters and headers are decoded', () => {
  const value = uri('sip:sales%20desk@example.com;x-info=a%3Bb?Subject=call%20me');

  assert.equal(value.user, 'sales desk');
  assert.deepEqual(value.params, [{ name: 'x-info', value: 'a;b' }]);
  assert.deepEqual(value.headers, [{ name: 'Subject', value: 'call me' }]);
});

test('a user part may hold ; ? and / unescaped, since only @ closes it', () => {
  const value = uri('sip:+1-212-555-1212;isub=1234?x/y@gateway.example.com;user=phone');

  assert.equal(value.user, '+1-212-555-1212;isub=1234?x/y');
  assert.equal(value.host, 'gateway.example.com');
  assert.deepEqual(value.params, [{ name: 'user', value: 'phone' }]);
});

test('an IPv6 reference with a port is read without its brackets and written with them', () => {
  const value = uri('sip:bob@[2001:db8::a:1]:5062;maddr=[2001:db8::1]');

  assert.equal(value.host, '2001:db8::a:1');
  assert.equal(value.port, 5062);
  assert.deepEqual(value.params, [{ name: 'maddr', value: '[2001:db8::1]' }]);
  assert.equal(serializeSipUri(value), 'sip:bob@[2001:db8::a:1]:5062;maddr=[2001:db8::1]');
});

test('a URI without user part is just a host', () => {
  assert.deepEqual(uri('sip:registrar.example.com'), {
    kind: 'sip',
    scheme: 'sip',
    host: 'registrar.example.com',
    params: [],
    headers: [],
  });
});

test('writing escapes what each part may not hold, and reading it back gives the same URI', () => {
  const value: SipUri = {
    kind: 'sip',
    scheme: 'sip',
    user: 'a b@c',
    password: 'p:w',
    host: 'example.com',
    params: [{ name: 'x', value: 'semi;colon' }],
    headers: [{ name: 'Subject', value: 'a&b=c' }],
  };

  const text = serializeSipUri(value);

  assert.equal(text, 'sip:a%20b%40c:p%3Aw@example.com;x=semi%3Bcolon?Subject=a%26b%3Dc');
  assert.deepEqual(uri(text), value);
});

test('malformed SIP URIs are refused', () => {
  for (const bad of [
    'sip:',
    'sip:@example.com',
    'sip:a@b@example.com',
    'sip:a@example.com:99999',
    'sip:a@example.com;',
    'sip:a@example.com;=x',
    'sip:a@example.com;x=',
    'sip:a@example.com?novalue',
    'sip:a%zz@example.com',
    'sip:a b@example.com',
    'http://example.com',
    'sipx',
  ]) {
    assert.equal(parseSipUri(bad).ok, false, bad);
  }
});

test('URIs differing only in escaping, host case or unmatched other parameters are equivalent (19.1.4)', () => {
  assert.ok(
    sipUriEquals(
      uri('sip:%61lice@ATLANTA.example.com;transport=TCP'),
      uri('sip:alice@atlanta.example.com;Transport=tcp'),
    ),
  );
  assert.ok(
    sipUriEquals(uri('sip:carol@chicago.example.com'), uri('sip:carol@chicago.example.com;newparam=5')),
  );
  assert.ok(
    sipUriEquals(
      uri('sip:a@x.example.com?Subject=s&Priority=p'),
      uri('sip:a@x.example.com?Priority=p&Subject=s'),
    ),
  );
});

test('URIs differing in user case, port, scheme, significant parameters or headers are not equivalent (19.1.4)', () => {
  const pairs: [string, string][] = [
    ['sip:ALICE@atlanta.example.com', 'sip:alice@atlanta.example.com'],
    ['sip:bob@biloxi.example.com', 'sip:bob@biloxi.example.com:5060'],
    ['sip:bob@biloxi.example.com', 'sips:bob@biloxi.example.com'],
    ['sip:bob@biloxi.example.com', 'sip:bob@biloxi.example.com;transport=udp'],
    ['sip:bob@biloxi.example.com', 'sip:bob@biloxi.example.com;maddr=192.0.2.1'],
    ['sip:bob@biloxi.example.com;user=phone', 'sip:bob@biloxi.example.com'],
    ['sip:bob@biloxi.example.com;x=1', 'sip:bob@biloxi.example.com;x=2'],
    ['sip:carol@chicago.example.com', 'sip:carol@chicago.example.com?Subject=next%20meeting'],
  ];
  for (const [a, b] of pairs) assert.equal(sipUriEquals(uri(a), uri(b)), false, `${a} vs ${b}`);
});
