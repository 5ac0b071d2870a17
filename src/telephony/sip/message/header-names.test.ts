import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerKey, lookupHeaderName } from './header-names.js';

test('every compact form of RFC 3261 section 7.3.3 expands to its long name', () => {
  const expected = {
    i: 'Call-ID',
    m: 'Contact',
    e: 'Content-Encoding',
    l: 'Content-Length',
    c: 'Content-Type',
    f: 'From',
    s: 'Subject',
    k: 'Supported',
    t: 'To',
    v: 'Via',
  };
  for (const [compact, long] of Object.entries(expected)) {
    assert.equal(lookupHeaderName(compact).canonical, long, compact);
    assert.equal(lookupHeaderName(compact.toUpperCase()).canonical, long, compact.toUpperCase());
  }
});

test('known names are case-insensitive and written in their canonical spelling', () => {
  assert.equal(lookupHeaderName('call-id').canonical, 'Call-ID');
  assert.equal(lookupHeaderName('CSEQ').canonical, 'CSeq');
  assert.equal(lookupHeaderName('www-authenticate').canonical, 'WWW-Authenticate');
  assert.equal(headerKey('Max-Forwards'), headerKey('MAX-FORWARDS'));
});

test('an unknown name is kept as written and looked up case-insensitively', () => {
  const name = lookupHeaderName('X-Carrier-Trace');

  assert.deepEqual(name, { canonical: 'X-Carrier-Trace', key: 'x-carrier-trace', list: false });
  assert.equal(headerKey('x-CARRIER-trace'), 'x-carrier-trace');
});

test('list fields split, fields whose value may hold commas do not', () => {
  for (const list of ['Via', 'Contact', 'Route', 'Record-Route', 'Allow', 'Supported', 'Require']) {
    assert.equal(lookupHeaderName(list).list, true, list);
  }
  for (const single of [
    'WWW-Authenticate',
    'Authorization',
    'Proxy-Authenticate',
    'Proxy-Authorization',
    'Date',
  ]) {
    assert.equal(lookupHeaderName(single).list, false, single);
  }
});
