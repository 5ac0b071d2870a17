import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type SipParseFailure, parseSipMessage } from './parse-sip-message.js';
import { MAX_SIP_HEADER_COUNT, MAX_SIP_MESSAGE_BYTES } from './sip-limits.js';
import type { SipRequest, SipResponse } from './sip-message.js';

const TESTDATA = new URL('../testdata/', import.meta.url);

function fixture(name: string): Buffer {
  return readFileSync(new URL(name, TESTDATA));
}

function parseRequest(bytes: Buffer | string): SipRequest {
  const result = parseSipMessage(typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.equal(result.message.kind, 'request');
  return result.message;
}

function refusal(bytes: Buffer | string, options = {}): SipParseFailure {
  const result = parseSipMessage(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, options);
  assert.equal(result.ok, false, 'the message should be refused');
  return result;
}

/** A valid OPTIONS with CRLF line ends; `extra` lines go before Content-Length. */
function options(extra: string[] = [], body = ''): string {
  return [
    'OPTIONS sip:ivr@voxgate.example.net SIP/2.0',
    'Via: SIP/2.0/UDP 198.51.100.7;branch=z9hG4bKopt',
    'From: <sip:monitor@example.org>;tag=m1',
    'To: <sip:ivr@voxgate.example.net>',
    'Call-ID: opt-1@198.51.100.7',
    'CSeq: 1 OPTIONS',
    ...extra,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

test('a request is read into method, parsed Request-URI, version, headers and body', () => {
  const request = parseRequest(fixture('good/invite-with-sdp.sip'));

  assert.equal(request.method, 'INVITE');
  assert.equal(request.version, 'SIP/2.0');
  assert.deepEqual(request.requestUri, {
    kind: 'sip',
    scheme: 'sip',
    user: '+15550100',
    host: 'voxgate.example.net',
    params: [],
    headers: [],
  });
  assert.equal(request.headers.get('Content-Type'), 'application/sdp');
  assert.deepEqual(request.headers.getAll('Allow'), ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS']);
  assert.match(request.body.toString(), /^v=0\r\no=ivr /);
  assert.equal(request.body.length, Number(request.headers.get('Content-Length')));
});

test('a response is read into status, reason, headers and body', () => {
  const result = parseSipMessage(fixture('good/response-200-with-record-route.sip'));

  assert.ok(result.ok && result.message.kind === 'response');
  const response: SipResponse = result.message;
  assert.equal(response.status, 200);
  assert.equal(response.reason, 'OK');
  assert.deepEqual(response.headers.getAll('Record-Route'), [
    '<sip:edge2.example.org;lr>',
    '<sip:edge1.example.org;lr;transport=tcp>',
    '<sip:core.example.org;lr>',
  ]);
});

test('compact header names are expanded to their long forms', () => {
  const request = parseRequest(fixture('good/compact-forms.sip'));

  assert.deepEqual(
    [...request.headers].map(([name]) => name),
    [
      'Via',
      'Max-Forwards',
      'From',
      'To',
      'Call-ID',
      'CSeq',
      'Contact',
      'Supported',
      'Subject',
      'Content-Type',
      'Content-Length',
    ],
  );
  assert.equal(request.body.toString(), 'hello');
});

test('comma-separated Via and Route values become one value each, in order', () => {
  const request = parseRequest(fixture('good/comma-separated-via-and-route.sip'));

  assert.deepEqual(
    request.headers.getAll('Via').map((via) => via.split(';')[0]),
    ['SIP/2.0/UDP p3.example.org', 'SIP/2.0/UDP p2.example.org:5080', 'SIP/2.0/TCP p1.example.org'],
  );
  assert.equal(request.headers.getAll('Route').length, 2);
});

test('a comma inside a quoted display name does not split a Contact list', () => {
  const request = parseRequest(fixture('good/quoted-display-names.sip'));

  assert.deepEqual(request.headers.getAll('Contact'), [
    '"Desk, 1st floor" <sip:desk1@198.51.100.7>;q=0.7',
    '"Mobile <cell>" <sip:cell@198.51.100.9>;q=0.3',
  ]);
});

test('WWW-Authenticate, Authorization and Date keep their commas in one value', () => {
  const challenge = parseSipMessage(fixture('good/unauthorized-401-with-challenge.sip'));
  const register = parseRequest(fixture('good/register-with-authorization-and-wildcard.sip'));

  assert.ok(challenge.ok);
  assert.equal(challenge.message.headers.count('WWW-Authenticate'), 1);
  assert.match(challenge.message.headers.get('WWW-Authenticate') ?? '', /qop="auth,auth-int"$/);
  assert.equal(challenge.message.headers.get('Date'), 'Sat, 13 Nov 2010 23:29:00 GMT');
  assert.equal(register.headers.count('Authorization'), 1);
});

test('folded lines are joined with a single space (7.3.1)', () => {
  const request = parseRequest(fixture('good/folded-header-lines.sip'));

  assert.equal(request.headers.get('Subject'), 'a subject written over three lines');
  assert.equal(request.headers.get('CSeq'), '1 OPTIONS');
  assert.equal(request.headers.get('From'), '<sip:monitor@example.org> ;tag=fold');
  assert.equal(request.headers.count('Via'), 2);
});

test('bare LF line ends are tolerated', () => {
  const request = parseRequest(fixture('good/bare-lf-line-ends.sip'));

  assert.equal(request.method, 'BYE');
  assert.equal(request.headers.get('CSeq'), '101 BYE');
});

test('CRLFs before the start line are skipped (7.5)', () => {
  assert.equal(parseRequest(fixture('good/leading-crlf-keepalive.sip')).method, 'OPTIONS');
});

test('header names are case-insensitive and unknown headers are kept as written', () => {
  const request = parseRequest(fixture('good/unknown-headers-odd-case.sip'));

  assert.equal(request.headers.get('Call-ID'), 'case-1@198.51.100.7');
  assert.deepEqual([...request.headers][0], ['Via', 'SIP/2.0/UDP 198.51.100.7;branch=z9hG4bKcase1']);
  assert.equal(request.headers.get('X-Carrier-Trace'), 'id=77, hop=3, "quoted, text"');
  assert.equal(request.headers.get('P-Custom-Flag'), '');
});

test('a request without Max-Forwards is accepted', () => {
  assert.equal(
    parseRequest(fixture('good/options-without-max-forwards.sip')).headers.has('Max-Forwards'),
    false,
  );
});

test('on UDP, bytes past Content-Length are dropped', () => {
  assert.equal(
    parseRequest(fixture('good/udp-body-longer-than-content-length.sip')).body.toString(),
    'hello',
  );
});

test('on UDP, a message without Content-Length takes the rest of the datagram as body', () => {
  assert.equal(parseRequest(fixture('good/udp-without-content-length.sip')).body.toString(), 'all of it');
});

test('on a stream transport, a message without Content-Length is refused', () => {
  const bytes = fixture('good/udp-without-content-length.sip');

  assert.equal(refusal(bytes, { stream: true }).reason, 'Missing Content-Length header');
});

test('a body may hold any octet, NUL and CRLFCRLF included', () => {
  const request = parseRequest(fixture('good/binary-body.sip'));

  assert.deepEqual([...request.body], [0, 1, 2, 13, 10, 13, 10, 255, 0x7f, 0x80, 0]);
});

test('a Uint8Array that is a view into a larger buffer is read from its own bytes only', () => {
  const bytes = Buffer.from('garbage' + options() + 'garbage');
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset + 7, bytes.length - 14);

  const result = parseSipMessage(view);

  assert.ok(result.ok);
  assert.equal(result.message.body.length, 0);
});

// One test per rejection rule, each with its fixture in testdata/bad (see manifest.json).

const REJECTIONS: [fixture: string, reason: string][] = [
  ['missing-via.sip', 'Missing Via header'],
  ['missing-from.sip', 'Missing From header'],
  ['missing-to.sip', 'Missing To header'],
  ['missing-call-id.sip', 'Missing Call-ID header'],
  ['missing-cseq.sip', 'Missing CSeq header'],
  ['duplicate-call-id.sip', 'Duplicate Call-ID header'],
  ['duplicate-from.sip', 'Duplicate From header'],
  ['cseq-method-mismatch.sip', 'CSeq method does not match request method'],
  ['cseq-not-a-number.sip', 'Malformed CSeq header'],
  ['cseq-negative.sip', 'Malformed CSeq header'],
  ['cseq-too-large.sip', 'Malformed CSeq header'],
  ['cseq-without-method.sip', 'Malformed CSeq header'],
  ['max-forwards-not-a-number.sip', 'Malformed Max-Forwards header'],
  ['max-forwards-too-large.sip', 'Malformed Max-Forwards header'],
  ['content-length-larger-than-body.sip', 'Content-Length larger than body'],
  ['content-length-negative.sip', 'Malformed Content-Length header'],
  ['content-length-not-a-number.sip', 'Malformed Content-Length header'],
  ['content-length-duplicate.sip', 'Duplicate Content-Length header'],
  ['request-line-without-version.sip', 'Malformed Request-Line'],
  ['request-line-leading-space.sip', 'Malformed Request-Line'],
  ['request-line-space-in-uri.sip', 'Malformed Request-Line'],
  ['status-line-two-digit-code.sip', 'Malformed Status-Line'],
  ['status-code-out-of-range.sip', 'Malformed Status-Line'],
  ['binary-garbage.sip', 'Control character in header section'],
  ['bare-cr-line-end.sip', 'Malformed line end'],
  ['malformed-via.sip', 'Malformed Via header'],
  ['via-bad-rport.sip', 'Malformed Via header'],
  ['malformed-request-uri.sip', 'Malformed Request-URI'],
  ['request-uri-without-host.sip', 'Malformed Request-URI'],
  ['header-without-colon.sip', 'Malformed header line'],
  ['header-name-with-space.sip', 'Malformed header name'],
  ['continuation-without-header.sip', 'Malformed header line'],
  ['from-unterminated-quote.sip', 'Malformed From header'],
  ['to-unclosed-angle.sip', 'Malformed To header'],
  ['call-id-with-space.sip', 'Malformed Call-ID header'],
  ['only-line-ends.sip', 'Empty message'],
  ['response-missing-via.sip', 'Missing Via header'],
  ['too-many-headers.sip', 'Too many header fields'],
  ['header-line-too-long.sip', 'Header line too long'],
  ['folded-line-too-long.sip', 'Header line too long'],
];

for (const [name, reason] of REJECTIONS) {
  test(`rejects bad/${name} with reason '${reason}'`, () => {
    const failure = refusal(fixture(`bad/${name}`));

    assert.equal(failure.reason, reason);
    assert.equal(failure.status, 400);
  });
}

test("rejects a request in an unsupported SIP version with 505 'Unsupported SIP version'", () => {
  const failure = refusal(fixture('bad/unsupported-version.sip'));

  assert.deepEqual([failure.reason, failure.status], ['Unsupported SIP version', 505]);
});

test("rejects a message over MAX_SIP_MESSAGE_BYTES with 513 'Message too large'", () => {
  const bytes = Buffer.from(options([], 'x'.repeat(MAX_SIP_MESSAGE_BYTES)));

  const failure = refusal(bytes);

  assert.deepEqual([failure.reason, failure.status], ['Message too large', 513]);
});

test('accepts exactly MAX_SIP_HEADER_COUNT header values and refuses one more', () => {
  const base = 6; // the five mandatory fields of options() and its Content-Length
  const filler = (count: number): string[] => Array.from({ length: count }, (_, i) => `X-F${i}: ${i}`);

  assert.ok(parseSipMessage(Buffer.from(options(filler(MAX_SIP_HEADER_COUNT - base)))).ok);
  assert.equal(refusal(options(filler(MAX_SIP_HEADER_COUNT - base + 1))).reason, 'Too many header fields');
});

test('values split from one list line count towards MAX_SIP_HEADER_COUNT', () => {
  const many = 'Supported: ' + Array.from({ length: MAX_SIP_HEADER_COUNT }, (_, i) => `ext${i}`).join(',');

  assert.equal(refusal(options([many])).reason, 'Too many header fields');
});

test('a refused request keeps its method and the headers read, for a 400', () => {
  const failure = refusal(fixture('bad/missing-call-id.sip'));

  assert.equal(failure.partial?.method, 'INVITE');
  assert.equal(failure.partial.headers.get('CSeq'), '101 INVITE');
  assert.equal(failure.partial.headers.count('Via'), 1);
});

test('a refused response or an unreadable start line has no partial request', () => {
  assert.equal(refusal(fixture('bad/response-missing-via.sip')).partial, undefined);
  assert.equal(refusal(fixture('bad/binary-garbage.sip')).partial, undefined);
  assert.equal(refusal(fixture('bad/request-line-without-version.sip')).partial, undefined);
});

test('a header line broken off mid-way still leaves the fields before it in the partial request', () => {
  const failure = refusal(fixture('bad/header-without-colon.sip'));

  assert.equal(failure.partial?.headers.get('Call-ID'), '5f2c9e41-invite@198.51.100.7');
});

test('a datagram that ends without the empty line has no body', () => {
  const bytes = options().replace(/\r\n\r\n$/, '');

  assert.equal(parseRequest(bytes).body.length, 0);
});
