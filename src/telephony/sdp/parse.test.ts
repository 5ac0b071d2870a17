import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { MAX_SDP_CHARS, MAX_SDP_LINES, MAX_MEDIA_DESCRIPTIONS, parseSdp } from './parse.js';
import { serializeSdp } from './serialize.js';
import type { SessionDescription } from './session-description.js';

const FUZZ_SEED = Number(process.env.VOXGATE_FUZZ_SEED ?? 20250514);
const FUZZ_TIME_LIMIT_MS = 2000;

function fixture(name: string): string {
  return readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
}

const BASE = [
  'v=0',
  'o=- 1 1 IN IP4 192.0.2.1',
  's=-',
  'c=IN IP4 192.0.2.1',
  't=0 0',
  'm=audio 4000 RTP/AVP 0',
];

function sdp(lines: readonly string[]): string {
  return lines.join('\r\n') + '\r\n';
}

/** BASE with the line starting with `prefix` replaced (or removed, with null). */
function withLine(prefix: string, line: string | null): string {
  const lines = BASE.flatMap((current) =>
    current.startsWith(prefix) ? (line === null ? [] : [line]) : [current],
  );
  return sdp(lines);
}

function parsed(text: string): SessionDescription {
  const result = parseSdp(text);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.value;
}

function assertRejected(text: string, reason: RegExp): void {
  const result = parseSdp(text);
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.reason, reason);
}

test("parses SIPp's default offer sent with LF line ends", () => {
  const description = parsed(fixture('sipp-default.sdp'));
  assert.deepEqual(description.origin, {
    username: 'user1',
    sessionId: '53655765',
    sessionVersion: '2353687637',
    netType: 'IN',
    addrType: 'IP4',
    address: '127.0.0.1',
  });
  assert.equal(description.sessionName, '-');
  assert.deepEqual(description.connection, { netType: 'IN', addrType: 'IP4', address: '127.0.0.1' });
  assert.deepEqual(description.timing, { start: '0', stop: '0' });
  assert.equal(description.media.length, 1);
  assert.deepEqual(description.media[0], {
    type: 'audio',
    port: 6000,
    portCount: null,
    proto: 'RTP/AVP',
    formats: ['0'],
    connection: null,
    attributes: [{ name: 'rtpmap', value: '0 PCMU/8000' }],
    otherLines: [],
  });
});

test('keeps the offered formats in the offerer order', () => {
  const [audio] = parsed(fixture('baresip-offer.sdp')).media;
  assert.deepEqual(audio?.formats, ['96', '9', '0', '8', '101']);
});

test('keeps unknown attributes and b= lines of a media description', () => {
  const [audio] = parsed(fixture('baresip-offer.sdp')).media;
  assert.deepEqual(audio?.otherLines, [{ type: 'b', value: 'AS:64' }]);
  assert.ok(audio?.attributes.some((attribute) => attribute.name === 'label' && attribute.value === '1'));
  assert.ok(
    audio?.attributes.some((attribute) => attribute.name === 'rtcp-rsize' && attribute.value === null),
  );
});

test('reads a media-level c= line beside the session-level one', () => {
  const description = parsed(fixture('video-and-audio.sdp'));
  assert.equal(description.connection?.address, '2001:db8::7');
  assert.equal(description.media[0]?.connection, null);
  assert.deepEqual(description.media[1]?.connection, {
    netType: 'IN',
    addrType: 'IP6',
    address: '2001:db8::8',
  });
});

test('keeps a multiple-port m= line with its number of ports', () => {
  const media = parsed(withLine('m=', 'm=audio 4000/2 RTP/AVP 0')).media[0];
  assert.equal(media?.port, 4000);
  assert.equal(media?.portCount, 2);
});

test('accepts a description without a t= line', () => {
  assert.equal(parsed(withLine('t=', null)).timing, null);
});

test('skips blank lines', () => {
  assert.equal(parsed(BASE.join('\n\n') + '\n').media.length, 1);
});

test('keeps line types it does not know', () => {
  const description = parsed(sdp([...BASE.slice(0, 3), 'x=custom value', ...BASE.slice(3)]));
  assert.deepEqual(description.otherLines, [{ type: 'x', value: 'custom value' }]);
});

test('reads a property attribute padded with trailing blanks by its name', () => {
  const media = parsed(sdp([...BASE, 'a=sendonly  '])).media[0];
  assert.deepEqual(media?.attributes, [{ name: 'sendonly', value: null }]);
});

test('rejects a description whose first line is not v=', () => {
  assertRejected(sdp([BASE[1] ?? '', BASE[0] ?? '', ...BASE.slice(2)]), /missing v= line/);
});

test('rejects an empty description', () => {
  assertRejected('', /missing v= line/);
});

test('rejects a version other than 0', () => {
  assertRejected(withLine('v=', 'v=1'), /version 1 is not 0/);
});

test('rejects a description without an o= line', () => {
  assertRejected(withLine('o=', null), /missing o= line/);
});

test('rejects an o= line with fewer than six fields', () => {
  assertRejected(withLine('o=', 'o=- 1 1 IN IP4'), /o= line needs 6 fields/);
});

test('rejects an o= line whose sess-version is not a number', () => {
  assertRejected(withLine('o=', 'o=- 1 v2 IN IP4 192.0.2.1'), /sess-version is not a number/);
});

test('rejects a second o= line', () => {
  assertRejected(
    sdp([...BASE.slice(0, 2), 'o=- 2 2 IN IP4 192.0.2.2', ...BASE.slice(2)]),
    /more than one o= line/,
  );
});

test('rejects a description without an s= line', () => {
  assertRejected(withLine('s=', null), /missing s= line/);
});

test('rejects a c= line whose nettype is not IN', () => {
  assertRejected(withLine('c=', 'c=ATM NSAP 47.0005'), /nettype ATM is not IN/);
});

test('rejects a c= line whose addrtype is neither IP4 nor IP6', () => {
  assertRejected(withLine('c=', 'c=IN IPX 192.0.2.1'), /addrtype IPX is not IP4 or IP6/);
});

test('rejects a c= line without an address', () => {
  assertRejected(withLine('c=', 'c=IN IP4'), /c= line needs 3 fields/);
});

test('rejects a t= line whose times are not numbers', () => {
  assertRejected(withLine('t=', 't=now later'), /t= line: times are not numbers/);
});

test('rejects an m= line without formats', () => {
  assertRejected(withLine('m=', 'm=audio 4000 RTP/AVP'), /m= line needs .* at least one format/);
});

test('rejects an m= line whose port is above 65535', () => {
  assertRejected(withLine('m=', 'm=audio 65536 RTP/AVP 0'), /port is not a number from 0 to 65535/);
});

test('rejects an m= line whose port is not a number', () => {
  assertRejected(withLine('m=', 'm=audio -1 RTP/AVP 0'), /port is not a number/);
});

test('rejects an m= line announcing zero ports', () => {
  assertRejected(withLine('m=', 'm=audio 4000/0 RTP/AVP 0'), /number of ports/);
});

test('rejects an RTP payload type above 127', () => {
  assertRejected(withLine('m=', 'm=audio 4000 RTP/AVP 0 128'), /not a payload type from 0 to 127/);
});

test('rejects an RTP format that is not a number', () => {
  assertRejected(withLine('m=', 'm=audio 4000 RTP/AVP PCMU'), /not a payload type/);
});

test('rejects more formats on one m= line than the cap', () => {
  const formats = Array.from({ length: 65 }, (_, index) => `${index}`).join(' ');
  assertRejected(withLine('m=', `m=audio 4000 RTP/AVP ${formats}`), /more than 64 formats/);
});

test('rejects an a= line without a name', () => {
  assertRejected(sdp([...BASE, 'a=:0 PCMU/8000']), /a= line has no attribute name/);
});

test('rejects a line that is not <type>=<value>', () => {
  assertRejected(sdp([...BASE, 'rtpmap 0 PCMU/8000']), /line 7 is not <type>=<value>/);
});

test('rejects a t= line inside a media description', () => {
  assertRejected(sdp([...BASE, 't=0 0']), /t= line inside a media description/);
});

test('rejects a media stream with no connection address at either level', () => {
  assertRejected(withLine('c=', null), /media description 1 has no c= line/);
});

test('accepts a disabled stream (port 0) without a connection address', () => {
  const lines = [...BASE.slice(0, 3), 'm=video 0 RTP/AVP 96', 'm=audio 4000 RTP/AVP 0', 'c=IN IP4 192.0.2.1'];
  const description = parsed(sdp(lines));
  assert.equal(description.media[0]?.port, 0);
});

test('rejects a NUL character', () => {
  assertRejected(sdp([...BASE, 'a=x\0y']), /NUL/);
});

test('rejects a bare CR inside a line', () => {
  assertRejected(sdp([...BASE, 'a=x\ry']), /bare CR/);
});

test('rejects a description longer than the size cap', () => {
  assertRejected(sdp([...BASE, `a=x:${'y'.repeat(MAX_SDP_CHARS)}`]), /longer than 16384 characters/);
});

test('rejects a description with more lines than the cap', () => {
  assertRejected(
    sdp([...BASE, ...Array.from({ length: MAX_SDP_LINES }, () => 'a=x')]),
    /more than 512 lines/,
  );
});

test('rejects more m= lines than the cap', () => {
  const streams = Array.from({ length: MAX_MEDIA_DESCRIPTIONS }, () => 'm=audio 0 RTP/AVP 0');
  assertRejected(sdp([...BASE, ...streams]), /more than 16 m= lines/);
});

// Property tests: whatever the bytes, parseSdp answers a value or a failure; whatever it accepts,
// its own serialization parses back to the same value.

const LINE_SOUP = fc.array(
  fc.oneof(
    fc.constantFrom(...BASE, 'a=sendonly', 'a=rtpmap:101 telephone-event/8000', 'b=AS:64', 'c=IN IP6 ::1'),
    fc.constantFrom(
      'm=video 0 RTP/AVP 96',
      'a=',
      'o=',
      'm=',
      'm=audio 99999 RTP/AVP 0',
      'x=?',
      '=',
      'a=fmtp:',
    ),
    fc
      .tuple(fc.constantFrom('v', 'o', 's', 'c', 't', 'm', 'a', 'b', 'z'), fc.string({ maxLength: 30 }))
      .map(([type, value]) => `${type}=${value}`),
    fc.string({ unit: 'binary', maxLength: 20 }),
  ),
  { maxLength: 24 },
);

function checkProperty(property: fc.IProperty<[string]>): void {
  try {
    fc.assert(property, { seed: FUZZ_SEED, numRuns: 20_000, interruptAfterTimeLimit: FUZZ_TIME_LIMIT_MS });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`replay with VOXGATE_FUZZ_SEED=${FUZZ_SEED}: ${detail}`, { cause: error });
  }
}

test('never throws on arbitrary text', () => {
  checkProperty(
    fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
      const result = parseSdp(text);
      assert.equal(typeof result.ok, 'boolean');
    }),
  );
});

test('re-parses the serialization of anything it accepts to the same value', () => {
  // Half the inputs start with a valid session section, so that many parse.
  const text = fc
    .tuple(fc.boolean(), LINE_SOUP, fc.constantFrom('\r\n', '\n'))
    .map(([head, lines, end]) => (head ? [...BASE.slice(0, 5), ...lines] : lines).join(end));
  checkProperty(
    fc.property(text, (input) => {
      const first = parseSdp(input);
      if (!first.ok) return;
      assert.deepEqual(parseSdp(serializeSdp(first.value)), first);
    }),
  );
});
