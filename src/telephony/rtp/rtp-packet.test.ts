import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  RTP_HEADER_BYTES,
  RtpParseFailure,
  createRtpHeader,
  isRtcp,
  parseRtpHeader,
  writeRtpHeader,
  type RtpHeader,
  type RtpParseResult,
} from './rtp-packet.js';

const FUZZ_SEED = Number(process.env.VOXGATE_FUZZ_SEED ?? 20250514);
const FUZZ_TIME_LIMIT_MS = 2000;

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url)));
}

function parse(bytes: Uint8Array, length = bytes.length): { result: RtpParseResult; header: RtpHeader } {
  const header = createRtpHeader();
  return { result: parseRtpHeader(bytes, length, header), header };
}

function checkProperty<T>(property: fc.IProperty<[T]>): void {
  try {
    fc.assert(property, { seed: FUZZ_SEED, numRuns: 20_000, interruptAfterTimeLimit: FUZZ_TIME_LIMIT_MS });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`replay with VOXGATE_FUZZ_SEED=${FUZZ_SEED}: ${detail}`, { cause: error });
  }
}

test('reads the fixed header fields of a PCMU packet', () => {
  const { result, header } = parse(fixture('pcmu-marker.rtp'));

  assert.deepEqual(result, { ok: true });
  assert.deepEqual(header, {
    marker: true,
    payloadType: 0,
    sequenceNumber: 8000,
    timestamp: 160,
    ssrc: 0xdeadbeef,
    csrcCount: 0,
    hasExtension: false,
    paddingBytes: 0,
    payloadOffset: 12,
    payloadLength: 160,
  });
});

test('skips CSRCs and the header extension and strips the padding from the payload', () => {
  const bytes = fixture('pcma-csrc-extension-padding.rtp');

  const { result, header } = parse(bytes);

  assert.deepEqual(result, { ok: true });
  assert.equal(header.csrcCount, 2);
  assert.equal(header.hasExtension, true);
  assert.equal(header.paddingBytes, 3);
  assert.equal(header.sequenceNumber, 65535);
  assert.equal(header.timestamp, 0xfffffff0, 'timestamps above 2^31 read unsigned');
  assert.deepEqual(
    [...bytes.subarray(header.payloadOffset, header.payloadOffset + header.payloadLength)],
    [0xd5, 0xd5, 0xd5, 0xd5],
  );
});

test('reads only the first `length` bytes of a reused receive buffer', () => {
  const packet = fixture('pcmu-marker.rtp');
  const buffer = new Uint8Array(1500).fill(0xaa);
  buffer.set(packet);

  const { result, header } = parse(buffer, packet.length);

  assert.deepEqual(result, { ok: true });
  assert.equal(header.payloadLength, 160);
});

for (const [name, reason] of [
  ['pcmu_truncated.rtp', RtpParseFailure.TooShort],
  ['version_invalid.rtp', RtpParseFailure.BadVersion],
  ['csrc_invalid.rtp', RtpParseFailure.CsrcBeyondPacket],
  ['extension_truncated.rtp', RtpParseFailure.ExtensionBeyondPacket],
  ['padding-zero_invalid.rtp', RtpParseFailure.BadPadding],
  ['padding-overrun_invalid.rtp', RtpParseFailure.BadPadding],
] as const) {
  test(`drops ${name} as ${reason}`, () => {
    assert.deepEqual(parse(fixture(name)).result, { ok: false, reason });
  });
}

test('drops an RTP packet shorter than its 12-byte header, whatever the buffer size', () => {
  const { result } = parse(fixture('pcmu-marker.rtp'), 11);
  assert.deepEqual(result, { ok: false, reason: RtpParseFailure.TooShort });
});

test('drops a packet whose extension header itself is cut off', () => {
  const bytes = new Uint8Array([0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xbe, 0xde]);
  assert.deepEqual(parse(bytes).result, { ok: false, reason: RtpParseFailure.ExtensionBeyondPacket });
});

test('accepts padding that fills the whole payload', () => {
  const bytes = new Uint8Array([0xa0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 4]);
  const { result, header } = parse(bytes);
  assert.deepEqual(result, { ok: true });
  assert.equal(header.payloadLength, 0);
});

test('writes a header that reads back the same, bytes included', () => {
  const bytes = fixture('pcmu-marker.rtp');
  const { header } = parse(bytes);
  const out = new Uint8Array(RTP_HEADER_BYTES + 2).fill(0x55);

  const written = writeRtpHeader(out, 2, header);

  assert.equal(written, RTP_HEADER_BYTES);
  assert.deepEqual([...out.subarray(2)], [...bytes.subarray(0, RTP_HEADER_BYTES)]);
  assert.deepEqual([...out.subarray(0, 2)], [0x55, 0x55], 'nothing written before the offset');
});

test('wraps sequence number and timestamp modulo their width when writing', () => {
  const out = new Uint8Array(RTP_HEADER_BYTES);
  writeRtpHeader(out, 0, {
    marker: false,
    payloadType: 8,
    sequenceNumber: 65536 + 7,
    timestamp: 2 ** 32 + 160,
    ssrc: 9,
  });
  const { header } = parse(out);
  assert.equal(header.sequenceNumber, 7);
  assert.equal(header.timestamp, 160);
});

test('refuses to write a header past the end of the buffer', () => {
  const fields = { marker: false, payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 0 };
  assert.throws(() => writeRtpHeader(new Uint8Array(20), 9, fields), RangeError);
});

test('parses back every header it writes', () => {
  const fields = fc.record({
    marker: fc.boolean(),
    payloadType: fc.integer({ min: 0, max: 127 }),
    sequenceNumber: fc.integer({ min: 0, max: 0xffff }),
    timestamp: fc.nat({ max: 0xffffffff }),
    ssrc: fc.nat({ max: 0xffffffff }),
  });
  checkProperty(
    fc.property(fields, (written) => {
      const out = new Uint8Array(RTP_HEADER_BYTES + 20);
      writeRtpHeader(out, 0, written);
      const { result, header } = parse(out);
      assert.deepEqual(result, { ok: true });
      const { marker, payloadType, sequenceNumber, timestamp, ssrc } = header;
      assert.deepEqual({ marker, payloadType, sequenceNumber, timestamp, ssrc }, { ...written });
      assert.equal(header.payloadLength, 20);
    }),
  );
});

test('never throws on arbitrary bytes, and an accepted payload lies inside the packet', () => {
  const header = createRtpHeader();
  // Most inputs start like RTP version 2, so the CSRC, extension and padding rules get exercised.
  const packets = fc
    .tuple(fc.integer({ min: 0x80, max: 0xbf }), fc.uint8Array({ maxLength: 80 }), fc.boolean())
    .map(([first, rest, rtp]) => (rtp ? Uint8Array.of(first, ...rest) : rest));
  checkProperty(
    fc.property(packets, (bytes) => {
      const result = parseRtpHeader(bytes, bytes.length, header);
      if (!result.ok) return;
      assert.ok(header.payloadOffset >= RTP_HEADER_BYTES);
      assert.ok(header.payloadLength >= 0);
      assert.ok(header.payloadOffset + header.payloadLength + header.paddingBytes === bytes.length);
    }),
  );
});

test('tells RTCP from RTP on a multiplexed port by the second octet', () => {
  assert.equal(isRtcp(fixture('receiver-report.rtcp')), true);
  assert.equal(isRtcp(fixture('pcmu-marker.rtp')), false, 'PCMU with marker is 128');
  assert.equal(isRtcp(fixture('telephone-event-start.rtp')), false, 'PT 101 with marker is 229');
  assert.equal(isRtcp(Uint8Array.of(0x80, 200)), true, 'an SR');
  assert.equal(isRtcp(Uint8Array.of(0x40, 200)), false, 'version 1 is neither');
  assert.equal(isRtcp(Uint8Array.of(0x80)), false, 'one byte is too short to tell');
});
