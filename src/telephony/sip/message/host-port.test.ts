import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAddress, parseHost, parseHostPort, parsePort, serializeHostPort } from './host-port.js';

test('a hostname is lower-cased, an IPv6 reference loses its brackets', () => {
  assert.equal(parseHost('PBX.Example.COM'), 'pbx.example.com');
  assert.equal(parseHost('[2001:DB8::1]'), '2001:db8::1');
  assert.equal(parseHost('192.0.2.1'), '192.0.2.1');
});

test('a host with characters outside the hostname alphabet or a bad IPv6 reference is refused', () => {
  for (const bad of [
    '',
    'a_b.example.com',
    'a b',
    '[2001:db8::1',
    '[not-v6]',
    '-lead.example.com',
    '.lead',
  ]) {
    assert.equal(parseHost(bad), undefined, bad);
  }
});

test('a received or maddr address may be IPv6 without brackets', () => {
  assert.equal(parseAddress('2001:db8::7'), '2001:db8::7');
  assert.equal(parseAddress('[2001:db8::7]'), '2001:db8::7');
});

test('a port is 1 to 5 digits up to 65535', () => {
  assert.equal(parsePort('5060'), 5060);
  assert.equal(parsePort('065535'), undefined);
  for (const bad of ['', '65536', '-1', '50a', '+5']) assert.equal(parsePort(bad), undefined, bad);
});

test('host and port round-trip, IPv6 back in brackets', () => {
  const value = parseHostPort('[2001:db8::1]:5061');

  assert.deepEqual(value, { ok: true, value: { host: '2001:db8::1', port: 5061 } });
  assert.equal(value.ok && serializeHostPort(value.value), '[2001:db8::1]:5061');
});

test('a colon without a port is refused', () => {
  assert.deepEqual(parseHostPort('example.com:'), { ok: false, reason: 'malformed port' });
});
