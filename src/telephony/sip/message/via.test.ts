import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Via, buildVia, isRfc3261Branch, parseVia, serializeVia } from './via.js';

function via(text: string): Via {
  const result = parseVia(text);
  assert.ok(result.ok, `${text}: ${result.ok ? '' : result.reason}`);
  return result.value;
}

test('a Via is read into protocol, transport, sent-by and its known parameters', () => {
  const value = via(
    'SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;ttl=16;maddr=224.2.0.1;x=y',
  );

  assert.deepEqual(value, {
    protocolName: 'SIP',
    protocolVersion: '2.0',
    transport: 'UDP',
    host: 'pc33.atlanta.example.com',
    port: 5066,
    branch: 'z9hG4bK776asdhds',
    ttl: 16,
    maddr: '224.2.0.1',
    params: [{ name: 'x', value: 'y' }],
  });
});

test('a bare rport asks for the source port; a valued one carries it (RFC 3581)', () => {
  assert.equal(via('SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1;rport').rport, true);
  assert.equal(via('SIP/2.0/UDP 192.0.2.1;rport=5062;received=198.51.100.3').rport, 5062);
  assert.equal(via('SIP/2.0/UDP 192.0.2.1;rport=5062;received=198.51.100.3').received, '198.51.100.3');
});

test('an IPv6 sent-by and received are read without brackets and the sent-by is written with them', () => {
  const value = via('SIP/2.0/TCP [2001:db8::7]:5062;branch=z9hG4bKv6;received=2001:db8::9;rport=5062');

  assert.equal(value.host, '2001:db8::7');
  assert.equal(value.received, '2001:db8::9');
  assert.equal(
    serializeVia(value),
    'SIP/2.0/TCP [2001:db8::7]:5062;branch=z9hG4bKv6;received=2001:db8::9;rport=5062',
  );
});

test('whitespace around slashes, the colon and parameters is allowed', () => {
  const value = via('SIP / 2.0 / tcp   host.example.com : 5060 ; branch = z9hG4bKs ; rport');

  assert.equal(value.transport, 'TCP');
  assert.equal(value.port, 5060);
  assert.equal(value.branch, 'z9hG4bKs');
  assert.equal(value.rport, true);
});

test('malformed Via values are refused', () => {
  for (const bad of [
    '',
    'SIP/2.0 host.example.com',
    'SIP/2.0/UDP',
    'SIP/2.0/UDPhost.example.com',
    'SIP/2.0/UDP host_x.example.com',
    'SIP/2.0/UDP host.example.com:',
    'SIP/2.0/UDP host.example.com:70000',
    'SIP/2.0/UDP host.example.com;branch',
    'SIP/2.0/UDP host.example.com;branch=a;branch=b',
    'SIP/2.0/UDP host.example.com;rport=x',
    'SIP/2.0/UDP host.example.com;received=not_an_ip',
    'SIP/2.0/UDP host.example.com;ttl=256',
    'SIP/2.0/UDP [2001:db8::1;branch=z9hG4bK',
    'SIP/2.0/UDP host.example.com junk',
  ]) {
    assert.equal(parseVia(bad).ok, false, bad);
  }
});

test('a built Via is SIP/2.0 and round-trips', () => {
  const built = buildVia({
    transport: 'UDP',
    host: '192.0.2.10',
    port: 5060,
    branch: 'z9hG4bKabc',
    rport: true,
  });

  const text = serializeVia(built);

  assert.equal(text, 'SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKabc;rport');
  assert.deepEqual(via(text), built);
});

test('only a branch starting with the magic cookie z9hG4bK is RFC 3261-compliant', () => {
  assert.equal(isRfc3261Branch('z9hG4bK776asdhds'), true);
  assert.equal(isRfc3261Branch('Z9HG4BK776asdhds'), false);
  assert.equal(isRfc3261Branch('776asdhds'), false);
  assert.equal(isRfc3261Branch(undefined), false);
});
