import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { MEDIA_LINE_ORDER, SESSION_LINE_ORDER, sortLines } from './line-order.js';
import { parseSdp } from './parse.js';
import { serializeSdp } from './serialize.js';
import type { Connection, MediaDescription, SdpLine, SessionDescription } from './session-description.js';

const FUZZ_SEED = Number(process.env.VOXGATE_FUZZ_SEED ?? 20250514);
const FUZZ_TIME_LIMIT_MS = 2000;

function fixture(name: string): string {
  return readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
}

function reserialized(text: string): string {
  const result = parseSdp(text);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return serializeSdp(result.value);
}

const CRLF_FIXTURES = [
  'baresip-offer.sdp',
  'old-style-hold.sdp',
  'sendonly-hold.sdp',
  'video-and-audio.sdp',
  'g729-only.sdp',
];

for (const name of CRLF_FIXTURES) {
  test(`fixture ${name} survives parse and serialize byte for byte`, () => {
    const bytes = fixture(name);
    assert.equal(reserialized(bytes), bytes);
  });
}

test('ends every line with CRLF, the last one included', () => {
  const text = reserialized(fixture('sipp-default.sdp'));
  assert.equal(text, fixture('sipp-default.sdp').replaceAll('\n', '\r\n'));
});

test('writes session lines in the RFC 4566 order whatever order they came in', () => {
  const text = [
    'v=0',
    'o=- 1 1 IN IP4 192.0.2.1',
    's=-',
    'a=tool:x',
    't=0 0',
    'b=CT:64',
    'c=IN IP4 192.0.2.1',
  ];
  assert.equal(
    reserialized(text.join('\n')),
    'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nb=CT:64\r\nt=0 0\r\na=tool:x\r\n',
  );
});

test('writes a property attribute without a colon and an empty value with one', () => {
  const text = 'v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\na=recvonly\na=tool:\n';
  assert.match(reserialized(text), /a=recvonly\r\na=tool:\r\n$/);
});

test('writes a multiple-port m= line as port/number', () => {
  const text = 'v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000/2 RTP/AVP 0\n';
  assert.match(reserialized(text), /m=audio 4000\/2 RTP\/AVP 0\r\n$/);
});

// Property: any description the model can hold, written and read back, is the same description.

const TOKEN = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`{|}~-]{1,12}$/);
const DIGITS = fc.stringMatching(/^\d{1,20}$/);
/** Free text for s=, a= values and kept lines: anything but CR, LF and NUL. */
const TEXT = fc.string({ unit: 'binary', maxLength: 24 }).filter((text) => !/[\r\n\0]/.test(text));

/** Plain objects, as the parser builds: deepEqual compares prototypes. */
const PLAIN = { noNullPrototype: true } as const;

const CONNECTION: fc.Arbitrary<Connection> = fc.oneof(
  fc.record(
    { netType: fc.constant('IN' as const), addrType: fc.constant('IP4' as const), address: fc.ipV4() },
    PLAIN,
  ),
  fc.record(
    { netType: fc.constant('IN' as const), addrType: fc.constant('IP6' as const), address: fc.ipV6() },
    PLAIN,
  ),
);

const ATTRIBUTE = fc.record(
  { name: fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/), value: fc.option(TEXT, { nil: null }) },
  PLAIN,
);

function keptLines(types: readonly string[], order: readonly string[]): fc.Arbitrary<SdpLine[]> {
  const line = fc.record({ type: fc.constantFrom(...types), value: TEXT }, PLAIN);
  return fc.array(line, { maxLength: 4 }).map((lines) => sortLines(lines, order));
}

const MEDIA = fc.record({
  type: TOKEN,
  port: fc.integer({ min: 0, max: 65535 }),
  portCount: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
  rtp: fc.boolean(),
  rtpFormats: fc.array(fc.integer({ min: 0, max: 127 }).map(String), { minLength: 1, maxLength: 6 }),
  otherFormats: fc.array(TOKEN, { minLength: 1, maxLength: 6 }),
  connection: fc.option(CONNECTION, { nil: null }),
  attributes: fc.array(ATTRIBUTE, { maxLength: 6 }),
  otherLines: keptLines(['i', 'b', 'k', 'x', 'Y'], MEDIA_LINE_ORDER),
});

const DESCRIPTION: fc.Arbitrary<SessionDescription> = fc
  .record({
    origin: fc.record(
      {
        username: TOKEN,
        sessionId: DIGITS,
        sessionVersion: DIGITS,
        netType: fc.constant('IN' as const),
        addrType: fc.constantFrom('IP4' as const, 'IP6' as const),
        address: TOKEN,
      },
      PLAIN,
    ),
    sessionName: TEXT,
    connection: fc.option(CONNECTION, { nil: null }),
    timing: fc.option(fc.record({ start: DIGITS, stop: DIGITS }, PLAIN), { nil: null }),
    attributes: fc.array(ATTRIBUTE, { maxLength: 6 }),
    otherLines: keptLines(['i', 'u', 'e', 'p', 'b', 'r', 'z', 'k', 'x', 'Y'], SESSION_LINE_ORDER),
    media: fc.array(MEDIA, { maxLength: 4 }),
  })
  .map(({ media, ...session }) => ({
    version: 0 as const,
    ...session,
    media: media.map(({ rtp, rtpFormats, otherFormats, connection, ...rest }): MediaDescription => {
      // A stream that carries media needs a connection address at one level (RFC 4566 section 5.7).
      const needsConnection = rest.port !== 0 && session.connection === null;
      return {
        ...rest,
        proto: rtp ? 'RTP/AVP' : 'UDP/BFCP',
        formats: rtp ? rtpFormats : otherFormats,
        connection:
          connection ?? (needsConnection ? { netType: 'IN', addrType: 'IP4', address: '192.0.2.9' } : null),
      };
    }),
  }));

test('parses what it serializes back to the same description', () => {
  try {
    fc.assert(
      fc.property(DESCRIPTION, (description) => {
        assert.deepEqual(parseSdp(serializeSdp(description)), { ok: true, value: description });
      }),
      { seed: FUZZ_SEED, numRuns: 5_000, interruptAfterTimeLimit: FUZZ_TIME_LIMIT_MS },
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`replay with VOXGATE_FUZZ_SEED=${FUZZ_SEED}: ${detail}`, { cause: error });
  }
});
