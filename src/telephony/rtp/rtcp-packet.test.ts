import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  MAX_RTCP_REPORT_BYTES,
  compactNtp,
  parseRtcpCompound,
  writeReceiverReport,
  writeSenderReport,
  type ReceiverReportFields,
  type ReportBlock,
  type RtcpPacket,
  type SenderReportFields,
} from './rtcp-packet.js';

const FUZZ_SEED = Number(process.env.VOXGATE_FUZZ_SEED ?? 20250514);
const FUZZ_TIME_LIMIT_MS = 2000;

function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

// Fixtures, word by word. `_truncated` and `_invalid` variants must be dropped.
const RR_BLOCK = '55667788 20000005 00010203 00000010 aabbccdd 00010000';
/** RR with one block from SSRC 0x11223344, then SDES CNAME "a@b.c". */
const rr_sdes = hex(`81c90007 11223344 ${RR_BLOCK}   81ca0003 11223344 01056140 622e6300`);
/** SR without blocks, SDES CNAME, BYE with reason "done". */
const sr_sdes_bye = hex(`
  80c80006 deadbeef e8a1b2c3 80000000 00003e80 00000032 00001f40
  81ca0003 deadbeef 01056140 622e6300
  81cb0003 deadbeef 04646f6e 65000000`);
/** RR with two blocks, the second with cumulative lost -2 (duplicates). */
const rr_two_blocks = hex(
  `82c9000d 11223344 ${RR_BLOCK} 99999999 00fffffe 00000064 00000000 00000000 00000000`,
);
/** RR, then an APP packet ("name"), then BYE without reason. */
const rr_app_bye = hex('80c90001 11223344  80cc0002 deadbeef 6e616d65  81cb0001 deadbeef');
/** RR with RC = 0 and the padding bit on the last packet (4 octets of padding). */
const rr_padded = hex('a0c90002 11223344 00000004');

const rr_truncated = hex('81c9');
const rr_block_truncated = rr_sdes.subarray(0, 20);
const version_invalid = hex('41c90001 11223344');
const length_truncated = hex('81c90008 11223344').subarray(0, 8);
const sdes_first_invalid = hex('81ca0003 11223344 01056140 622e6300');
const report_count_invalid = hex('83c90007 11223344 ' + RR_BLOCK);
const padding_not_last_invalid = hex('a0c90001 11223344  81ca0003 11223344 01056140 622e6300');
const padding_zero_invalid = hex('a0c90002 11223344 00000000');
const padding_overrun_invalid = hex('a0c90002 11223344 00000009');
const sdes_item_truncated = hex('80c90001 11223344  81ca0002 11223344 01096140');
const sdes_unterminated_truncated = hex('80c90001 11223344  81ca0002 11223344 01026140');
const bye_reason_truncated = hex('80c90001 11223344  81cb0002 deadbeef 09646f6e');
const trailing_truncated = Buffer.concat([rr_sdes, hex('8100')]);

function parsed(buf: Uint8Array): readonly RtcpPacket[] {
  const result = parseRtcpCompound(buf);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.value;
}

const BLOCK: ReportBlock = {
  ssrc: 0x55667788,
  fractionLost: 0x20,
  cumulativeLost: 5,
  extendedHighestSequence: 0x00010203,
  jitter: 16,
  lastSenderReport: 0xaabbccdd,
  delaySinceLastSenderReport: 0x00010000,
};

test('parses an RR with its report block and the SDES CNAME that follows', () => {
  assert.deepEqual(parsed(rr_sdes), [
    { kind: 'rr', ssrc: 0x11223344, reports: [BLOCK] },
    { kind: 'sdes', chunks: [{ ssrc: 0x11223344, items: [{ type: 1, text: 'a@b.c' }] }] },
  ]);
});

test('parses an SR with its sender information, then SDES and BYE with a reason', () => {
  const [sr, sdes, bye] = parsed(sr_sdes_bye);
  assert.deepEqual(sr, {
    kind: 'sr',
    ssrc: 0xdeadbeef,
    ntpSeconds: 0xe8a1b2c3,
    ntpFraction: 0x80000000,
    rtpTimestamp: 16000,
    packetCount: 50,
    octetCount: 8000,
    reports: [],
  });
  assert.equal(sdes?.kind, 'sdes');
  assert.deepEqual(bye, { kind: 'bye', ssrcs: [0xdeadbeef], reason: 'done' });
});

test('reads a cumulative lost with the top bit set as negative', () => {
  const [rr] = parsed(rr_two_blocks);
  assert.equal(rr?.kind === 'rr' && rr.reports[1]?.cumulativeLost, -2);
});

test('skips a packet of an unknown type by its length', () => {
  assert.deepEqual(parsed(rr_app_bye), [
    { kind: 'rr', ssrc: 0x11223344, reports: [] },
    { kind: 'bye', ssrcs: [0xdeadbeef], reason: null },
  ]);
});

test('strips the padding of the last packet', () => {
  assert.deepEqual(parsed(rr_padded), [{ kind: 'rr', ssrc: 0x11223344, reports: [] }]);
});

const REJECTIONS: readonly [string, Uint8Array, string][] = [
  ['a datagram shorter than the 4-byte header', rr_truncated, 'too-short'],
  ['an RR whose report block is cut short', rr_block_truncated, 'length-beyond-packet'],
  ['a version other than 2', version_invalid, 'bad-version'],
  ['a length field past the end of the datagram', length_truncated, 'length-beyond-packet'],
  ['a compound that does not start with SR or RR', sdes_first_invalid, 'first-not-report'],
  ['a report count larger than the packet', report_count_invalid, 'count-beyond-packet'],
  ['padding on a packet other than the last', padding_not_last_invalid, 'bad-padding'],
  ['a padding count of zero', padding_zero_invalid, 'bad-padding'],
  ['a padding count past the packet', padding_overrun_invalid, 'bad-padding'],
  ['an SDES item longer than its packet', sdes_item_truncated, 'item-beyond-packet'],
  ['an SDES chunk without its terminating zero octet', sdes_unterminated_truncated, 'item-beyond-packet'],
  ['a BYE reason longer than its packet', bye_reason_truncated, 'item-beyond-packet'],
  ['bytes after the last packet that are not a packet', trailing_truncated, 'too-short'],
  ['an empty datagram', new Uint8Array(0), 'too-short'],
];

for (const [rule, bytes, reason] of REJECTIONS) {
  test(`drops ${rule}`, () => {
    assert.deepEqual(parseRtcpCompound(bytes), { ok: false, reason });
  });
}

test('reads only the first `length` bytes of the buffer', () => {
  const buf = Buffer.concat([rr_sdes, hex('ffffffff')]);
  assert.equal(parseRtcpCompound(buf, rr_sdes.length).ok, true);
});

const CNAME = new TextEncoder().encode('a@b.c');
const RR_FIELDS: ReceiverReportFields = { ssrc: 0x11223344, report: BLOCK, cname: CNAME };

test('writes an RR with one block and SDES CNAME byte for byte as RFC 3550 lays it out', () => {
  const buf = Buffer.alloc(MAX_RTCP_REPORT_BYTES);
  const written = writeReceiverReport(buf, 0, RR_FIELDS);
  assert.equal(buf.subarray(0, written).toString('hex'), rr_sdes.toString('hex'));
});

test('writes at the offset given and leaves the bytes before it alone', () => {
  const buf = Buffer.alloc(MAX_RTCP_REPORT_BYTES, 0xee);
  const written = writeReceiverReport(buf, 7, RR_FIELDS);
  assert.equal(buf.subarray(0, 7).toString('hex'), 'ee'.repeat(7));
  assert.deepEqual(parsed(buf.subarray(7, 7 + written)), parsed(rr_sdes));
});

test('writes an RR without a block before anything was received', () => {
  const buf = Buffer.alloc(MAX_RTCP_REPORT_BYTES);
  const written = writeReceiverReport(buf, 0, { ...RR_FIELDS, report: null });
  assert.deepEqual(parsed(buf.subarray(0, written))[0], { kind: 'rr', ssrc: 0x11223344, reports: [] });
});

test('clamps a cumulative lost beyond 24 bits signed', () => {
  const buf = Buffer.alloc(MAX_RTCP_REPORT_BYTES);
  for (const [lost, expected] of [
    [0x1000000, 0x7fffff],
    [-0x1000000, -0x800000],
  ] as const) {
    const written = writeReceiverReport(buf, 0, { ...RR_FIELDS, report: { ...BLOCK, cumulativeLost: lost } });
    const [rr] = parsed(buf.subarray(0, written));
    assert.equal(rr?.kind === 'rr' && rr.reports[0]?.cumulativeLost, expected);
  }
});

test('ends the CNAME item with at least one zero octet and pads the chunk to 32 bits', () => {
  const buf = Buffer.alloc(MAX_RTCP_REPORT_BYTES);
  for (let length = 1; length <= 9; length += 1) {
    const cname = new Uint8Array(length).fill(0x78);
    const written = writeReceiverReport(buf, 0, { ...RR_FIELDS, report: null, cname });
    assert.equal(written % 4, 0);
    assert.equal(buf[written - 1], 0, `length ${length}`);
    const sdes = parsed(buf.subarray(0, written))[1];
    assert.deepEqual(sdes, {
      kind: 'sdes',
      chunks: [{ ssrc: 0x11223344, items: [{ type: 1, text: 'x'.repeat(length) }] }],
    });
  }
});

test('fits the largest report in MAX_RTCP_REPORT_BYTES', () => {
  const fields: SenderReportFields = {
    ...RR_FIELDS,
    cname: new Uint8Array(255).fill(0x61),
    ntpSeconds: 1,
    ntpFraction: 2,
    rtpTimestamp: 3,
    packetCount: 4,
    octetCount: 5,
  };
  assert.equal(writeSenderReport(Buffer.alloc(MAX_RTCP_REPORT_BYTES), 0, fields), MAX_RTCP_REPORT_BYTES);
});

test('throws on a buffer too small for the report: a bug of the caller', () => {
  assert.throws(() => writeReceiverReport(Buffer.alloc(40), 0, RR_FIELDS), RangeError);
});

test('throws on an empty or over-long CNAME', () => {
  const buf = Buffer.alloc(1024);
  assert.throws(() => writeReceiverReport(buf, 0, { ...RR_FIELDS, cname: new Uint8Array(0) }), RangeError);
  assert.throws(() => writeReceiverReport(buf, 0, { ...RR_FIELDS, cname: new Uint8Array(256) }), RangeError);
});

test('takes the middle 32 bits of an NTP timestamp for LSR', () => {
  assert.equal(compactNtp(0xe8a1b2c3, 0x80001234), 0xb2c38000);
});

// Property tests: any bytes end in a value or a failure; any fields written read back the same.

function checkProperty<T>(property: fc.IProperty<[T]>): void {
  try {
    fc.assert(property, { seed: FUZZ_SEED, numRuns: 20_000, interruptAfterTimeLimit: FUZZ_TIME_LIMIT_MS });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`replay with VOXGATE_FUZZ_SEED=${FUZZ_SEED}: ${detail}`, { cause: error });
  }
}

const VALID = [rr_sdes, sr_sdes_bye, rr_two_blocks, rr_app_bye, rr_padded];

test('never throws on arbitrary bytes or on valid packets with bytes changed', () => {
  const arbitrary = fc.uint8Array({ maxLength: 128 });
  const mutated = fc
    .tuple(
      fc.constantFrom(...VALID),
      fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }),
    )
    .map(([packet, edits]) => {
      const copy = Uint8Array.from(packet);
      for (const [index, value] of edits) copy[index % copy.length] = value;
      return copy;
    });
  checkProperty(
    fc.property(fc.oneof(arbitrary, mutated), (bytes) => {
      const result = parseRtcpCompound(bytes);
      assert.equal(typeof result.ok, 'boolean');
    }),
  );
});

const U32 = fc.nat({ max: 0xffffffff });
const REPORT_BLOCK: fc.Arbitrary<ReportBlock> = fc.record(
  {
    ssrc: U32,
    fractionLost: fc.nat(255),
    cumulativeLost: fc.integer({ min: -0x800000, max: 0x7fffff }),
    extendedHighestSequence: U32,
    jitter: U32,
    lastSenderReport: U32,
    delaySinceLastSenderReport: U32,
  },
  { noNullPrototype: true },
);

test('reads back every sender report it writes', () => {
  const fields = fc.record({
    ssrc: U32,
    report: fc.option(REPORT_BLOCK, { nil: null }),
    cname: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map((text) => new TextEncoder().encode(text))
      .filter((bytes) => bytes.length <= 255),
    ntpSeconds: U32,
    ntpFraction: U32,
    rtpTimestamp: U32,
    packetCount: U32,
    octetCount: U32,
  });
  const buf = Buffer.alloc(MAX_RTCP_REPORT_BYTES);
  checkProperty(
    fc.property(fields, ({ cname, report, ...info }) => {
      const written = writeSenderReport(buf, 0, { ...info, report, cname });
      assert.deepEqual(parsed(buf.subarray(0, written)), [
        { kind: 'sr', ...info, reports: report === null ? [] : [report] },
        {
          kind: 'sdes',
          chunks: [{ ssrc: info.ssrc, items: [{ type: 1, text: new TextDecoder().decode(cname) }] }],
        },
      ]);
    }),
  );
});
