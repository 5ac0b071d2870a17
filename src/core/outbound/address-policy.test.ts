import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALLOW_EVERY_ADDRESS, AddressPolicy, parseCidr, type Cidr } from './address-policy.js';

const cidr = (text: string): Cidr => {
  const parsed = parseCidr(text);
  assert.ok(parsed, `${text} parses`);
  return parsed;
};

test('special-purpose addresses are refused by default, in every written form', () => {
  const policy = new AddressPolicy();
  const refused = [
    '0.0.0.0',
    '10.1.2.3',
    '100.64.0.1', // carrier-grade NAT
    '127.0.0.1',
    '127.255.255.254',
    '169.254.169.254', // cloud metadata
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '198.18.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '::ffff:127.0.0.1', // IPv4-mapped loopback
    '::ffff:7f00:1', // the same, in hex
    '::ffff:169.254.169.254',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1', // NAT64 of 10.0.0.1
    'fc00::1',
    'fd00:ec2::254', // AWS's IPv6 metadata address
    'fe80::1',
    'ff02::1',
  ];
  for (const address of refused) assert.equal(policy.allows(address), false, `${address} is refused`);
  assert.deepEqual(policy.judge('10.0.0.1'), { allowed: false, rule: 'special-purpose' });
});

test('public addresses are allowed, IPv4-mapped ones too', () => {
  const policy = new AddressPolicy();
  for (const address of [
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
  ])
    assert.equal(policy.allows(address), true, `${address} is allowed`);
});

test('what is not an IP address is refused', () => {
  const policy = new AddressPolicy();
  for (const text of ['', 'localhost', '0x7f000001', '127.1', '[::1]'])
    assert.equal(policy.allows(text), false, text);
});

test('the operator allows ranges, and a deny wins over an allow and over a public address', () => {
  const policy = new AddressPolicy({
    allow: [cidr('10.1.0.0/16'), cidr('::1')],
    deny: [cidr('10.1.2.0/24'), cidr('8.8.8.8/32')],
  });
  assert.equal(policy.allows('10.1.9.9'), true);
  assert.equal(policy.allows('10.2.0.1'), false, 'outside the allowed range');
  assert.equal(policy.allows('::1'), true);
  assert.equal(policy.allows('127.0.0.1'), false, 'IPv6 loopback allowed does not allow IPv4 loopback');
  assert.deepEqual(policy.judge('10.1.2.3'), { allowed: false, rule: 'denied-by-operator' });
  assert.deepEqual(policy.judge('8.8.8.8'), { allowed: false, rule: 'denied-by-operator' });
  assert.equal(policy.allows('8.8.4.4'), true);
});

test('an allowed IPv4 range covers its IPv4-mapped IPv6 form', () => {
  const policy = new AddressPolicy({ allow: [cidr('127.0.0.0/8')] });
  assert.equal(policy.allows('::ffff:127.0.0.1'), true);
});

test('the policy for tools on the user machine allows everything', () => {
  for (const address of ['127.0.0.1', '::1', '10.0.0.1', '169.254.169.254', '8.8.8.8'])
    assert.equal(ALLOW_EVERY_ADDRESS.allows(address), true, address);
});

test('parseCidr takes an address or address/prefix and refuses the rest', () => {
  assert.deepEqual(parseCidr('10.0.0.0/8'), { address: '10.0.0.0', prefix: 8, family: 'ipv4' });
  assert.deepEqual(parseCidr(' ::1 '), { address: '::1', prefix: 128, family: 'ipv6' });
  assert.deepEqual(parseCidr('192.168.1.7'), { address: '192.168.1.7', prefix: 32, family: 'ipv4' });
  for (const bad of [
    '10.0.0.0/33',
    '::/129',
    'example.com',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '10.0.0.0/-1',
    '10.0.0',
  ])
    assert.equal(parseCidr(bad), null, bad);
});
