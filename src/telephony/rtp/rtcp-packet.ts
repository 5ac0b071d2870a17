/**
 * RTCP compound packets (RFC 3550 section 6): the sender and receiver reports we send every few
 * seconds, and a parser for what peers send. Every RTCP packet starts with the same word:
 *
 * ```
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  count  |      PT       |  length (32-bit words - 1)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * SR (PT 200):  SSRC of sender | NTP timestamp (2 words) | RTP timestamp
 *               | sender's packet count | sender's octet count | count x report block
 * RR (PT 201):  SSRC of packet sender | count x report block
 * report block: SSRC_n | fraction lost (8) + cumulative lost (24, signed)
 *               | extended highest sequence number | interarrival jitter | LSR | DLSR
 * SDES (202):   count x chunk: SSRC | items (type 8, length 8, text), ended by a zero octet
 *               and padded with zeros to a 32-bit boundary
 * BYE (203):    count x SSRC | optional reason (length 8, text), padded to 32 bits
 * ```
 *
 * Parsing checks every length before reading and answers a value or a failure, never a throw
 * (the validity checks of RFC 3550 appendix A.2). Writing fills a caller-owned buffer, so a report
 * costs no allocation: `MAX_RTCP_REPORT_BYTES` sizes it once per session.
 * https://www.rfc-editor.org/rfc/rfc3550#section-6.4
 */

/** RTCP packet types (RFC 3550 section 12.1). */
export const RtcpPacketType = { SR: 200, RR: 201, SDES: 202, BYE: 203, APP: 204 } as const;
export type RtcpPacketType = (typeof RtcpPacketType)[keyof typeof RtcpPacketType];

/** SDES item types (RFC 3550 section 12.2); 0 ends a chunk's item list. */
export const SdesItemType = {
  END: 0,
  CNAME: 1,
  NAME: 2,
  EMAIL: 3,
  PHONE: 4,
  LOC: 5,
  TOOL: 6,
  NOTE: 7,
  PRIV: 8,
} as const;
export type SdesItemType = (typeof SdesItemType)[keyof typeof SdesItemType];

/** Why a datagram is not an RTCP compound packet we accept; the socket handler drops and counts it. */
export const RtcpParseFailure = {
  /** Fewer bytes than an RTCP header, or than a packet's fixed part. */
  TooShort: 'too-short',
  /** Version bits other than 2. */
  BadVersion: 'bad-version',
  /** A length field runs past the end of the datagram. */
  LengthBeyondPacket: 'length-beyond-packet',
  /** "The payload type field of the first RTCP packet in a compound packet must be equal to SR or RR" (A.2). */
  FirstNotReport: 'first-not-report',
  /** Padding on a packet other than the last (A.2), or a padding count of zero or past the packet. */
  BadPadding: 'bad-padding',
  /** A report or source count claims more than the packet holds. */
  CountBeyondPacket: 'count-beyond-packet',
  /** An SDES item or BYE reason runs past its packet. */
  ItemBeyondPacket: 'item-beyond-packet',
} as const;
export type RtcpParseFailure = (typeof RtcpParseFailure)[keyof typeof RtcpParseFailure];

/** One reception report block (RFC 3550 section 6.4.1). */
export interface ReportBlock {
  /** SSRC_n: the source this block reports on. */
  readonly ssrc: number;
  /** Packets lost since the last report, as a fraction of 256. */
  readonly fractionLost: number;
  /** Cumulative packets lost, 24-bit signed: negative when duplicates arrived. */
  readonly cumulativeLost: number;
  readonly extendedHighestSequence: number;
  /** Interarrival jitter in timestamp units. */
  readonly jitter: number;
  /** LSR: the middle 32 bits of the NTP timestamp of the last SR from the source, or 0. */
  readonly lastSenderReport: number;
  /** DLSR: delay since that SR, in units of 1/65536 s, or 0. */
  readonly delaySinceLastSenderReport: number;
}

/** The sender information of an SR. */
export interface SenderInfo {
  /** NTP timestamp, most significant word: seconds since 1900. */
  readonly ntpSeconds: number;
  /** NTP timestamp, least significant word: fraction of a second in units of 2^-32. */
  readonly ntpFraction: number;
  readonly rtpTimestamp: number;
  readonly packetCount: number;
  readonly octetCount: number;
}

export interface SdesItem {
  readonly type: number;
  readonly text: string;
}

export interface SdesChunk {
  readonly ssrc: number;
  readonly items: readonly SdesItem[];
}

/** The packets of a compound we read; unknown types (APP, feedback, XR) are skipped. */
export type RtcpPacket =
  | ({ readonly kind: 'sr'; readonly ssrc: number; readonly reports: readonly ReportBlock[] } & SenderInfo)
  | { readonly kind: 'rr'; readonly ssrc: number; readonly reports: readonly ReportBlock[] }
  | { readonly kind: 'sdes'; readonly chunks: readonly SdesChunk[] }
  | { readonly kind: 'bye'; readonly ssrcs: readonly number[]; readonly reason: string | null };

export type RtcpParseResult =
  | { readonly ok: true; readonly value: readonly RtcpPacket[] }
  | { readonly ok: false; readonly reason: RtcpParseFailure };

const RTCP_VERSION = 2;
const HEADER_BYTES = 4;
const REPORT_BLOCK_BYTES = 24;
const SENDER_INFO_BYTES = 20;
/** SDES item text is at most 255 octets: its length is one octet (section 6.5). */
export const MAX_SDES_TEXT_BYTES = 255;
/** An SR with one report block, plus an SDES packet with the longest CNAME: sizes a report buffer. */
export const MAX_RTCP_REPORT_BYTES = 320;

const textDecoder = new TextDecoder();

function readU32(buf: Uint8Array, at: number): number {
  return (
    ((buf[at] ?? 0) * 0x1000000 +
      (((buf[at + 1] ?? 0) << 16) | ((buf[at + 2] ?? 0) << 8) | (buf[at + 3] ?? 0))) >>>
    0
  );
}

function fail(reason: RtcpParseFailure): RtcpParseResult {
  return { ok: false, reason };
}

/**
 * Parses an RTCP compound packet (the first `length` bytes of `buf`). The packets' lengths must add
 * up to the datagram's (RFC 3550 appendix A.2). Never throws.
 */
export function parseRtcpCompound(buf: Uint8Array, length: number = buf.length): RtcpParseResult {
  const end = Math.min(length, buf.length);
  const packets: RtcpPacket[] = [];
  let at = 0;
  while (at < end) {
    if (end - at < HEADER_BYTES) return fail(RtcpParseFailure.TooShort);
    const first = buf[at] ?? 0;
    const packetType = buf[at + 1] ?? 0;
    if (first >> 6 !== RTCP_VERSION) return fail(RtcpParseFailure.BadVersion);
    const packetBytes = (((buf[at + 2] ?? 0) << 8) | (buf[at + 3] ?? 0)) * 4 + 4;
    if (at + packetBytes > end) return fail(RtcpParseFailure.LengthBeyondPacket);
    if (at === 0 && packetType !== RtcpPacketType.SR && packetType !== RtcpPacketType.RR) {
      return fail(RtcpParseFailure.FirstNotReport);
    }
    let bodyEnd = at + packetBytes;
    if ((first & 0x20) !== 0) {
      // Padding: its last octet counts the padding octets, itself included (section 6.4.1, P).
      const padding = buf[bodyEnd - 1] ?? 0;
      if (bodyEnd !== end || padding === 0 || padding > packetBytes - HEADER_BYTES) {
        return fail(RtcpParseFailure.BadPadding);
      }
      bodyEnd -= padding;
    }
    const parsed = parsePacket(buf, packetType, first & 0x1f, at + HEADER_BYTES, bodyEnd);
    if (typeof parsed === 'string') return fail(parsed);
    if (parsed !== null) packets.push(parsed);
    at += packetBytes;
  }
  if (packets.length === 0) return fail(RtcpParseFailure.TooShort);
  return { ok: true, value: packets };
}

/** One packet's body; null for a type we skip. */
function parsePacket(
  buf: Uint8Array,
  packetType: number,
  count: number,
  start: number,
  end: number,
): RtcpPacket | RtcpParseFailure | null {
  switch (packetType) {
    case RtcpPacketType.SR:
      return parseSenderReport(buf, count, start, end);
    case RtcpPacketType.RR: {
      if (end - start < 4) return RtcpParseFailure.TooShort;
      const reports = parseReportBlocks(buf, count, start + 4, end);
      return typeof reports === 'string' ? reports : { kind: 'rr', ssrc: readU32(buf, start), reports };
    }
    case RtcpPacketType.SDES:
      return parseSourceDescription(buf, count, start, end);
    case RtcpPacketType.BYE:
      return parseGoodbye(buf, count, start, end);
    default:
      // APP, RTPFB, PSFB, XR and types yet to come: skipped by their length (section 6.1).
      return null;
  }
}

function parseSenderReport(
  buf: Uint8Array,
  count: number,
  start: number,
  end: number,
): RtcpPacket | RtcpParseFailure {
  if (end - start < 4 + SENDER_INFO_BYTES) return RtcpParseFailure.TooShort;
  const reports = parseReportBlocks(buf, count, start + 4 + SENDER_INFO_BYTES, end);
  if (typeof reports === 'string') return reports;
  return {
    kind: 'sr',
    ssrc: readU32(buf, start),
    ntpSeconds: readU32(buf, start + 4),
    ntpFraction: readU32(buf, start + 8),
    rtpTimestamp: readU32(buf, start + 12),
    packetCount: readU32(buf, start + 16),
    octetCount: readU32(buf, start + 20),
    reports,
  };
}

/** `count` report blocks from `start`; what follows them is a profile-specific extension, ignored. */
function parseReportBlocks(
  buf: Uint8Array,
  count: number,
  start: number,
  end: number,
): ReportBlock[] | RtcpParseFailure {
  if (start + count * REPORT_BLOCK_BYTES > end) return RtcpParseFailure.CountBeyondPacket;
  const reports: ReportBlock[] = [];
  for (let at = start; reports.length < count; at += REPORT_BLOCK_BYTES) {
    const lost = ((((buf[at + 5] ?? 0) << 16) | ((buf[at + 6] ?? 0) << 8) | (buf[at + 7] ?? 0)) << 8) >> 8;
    reports.push({
      ssrc: readU32(buf, at),
      fractionLost: buf[at + 4] ?? 0,
      cumulativeLost: lost,
      extendedHighestSequence: readU32(buf, at + 8),
      jitter: readU32(buf, at + 12),
      lastSenderReport: readU32(buf, at + 16),
      delaySinceLastSenderReport: readU32(buf, at + 20),
    });
  }
  return reports;
}

/** SDES chunks (section 6.5): each an SSRC, items until a zero octet, then zeros to 32 bits. */
function parseSourceDescription(
  buf: Uint8Array,
  count: number,
  start: number,
  end: number,
): RtcpPacket | RtcpParseFailure {
  const chunks: SdesChunk[] = [];
  let at = start;
  while (chunks.length < count) {
    if (at + 4 > end) return RtcpParseFailure.CountBeyondPacket;
    const ssrc = readU32(buf, at);
    const items: SdesItem[] = [];
    at += 4;
    for (;;) {
      if (at >= end) return RtcpParseFailure.ItemBeyondPacket;
      const type = buf[at] ?? 0;
      if (type === SdesItemType.END) break;
      const textEnd = at + 2 + (buf[at + 1] ?? 0);
      if (textEnd > end) return RtcpParseFailure.ItemBeyondPacket;
      items.push({ type, text: textDecoder.decode(buf.subarray(at + 2, textEnd)) });
      at = textEnd;
    }
    // Past the terminating zero octet, up to the next 32-bit boundary of the packet.
    at = start + Math.ceil((at + 1 - start) / 4) * 4;
    chunks.push({ ssrc, items });
  }
  return { kind: 'sdes', chunks };
}

/** BYE (section 6.6): `count` SSRCs, then perhaps a reason. */
function parseGoodbye(
  buf: Uint8Array,
  count: number,
  start: number,
  end: number,
): RtcpPacket | RtcpParseFailure {
  const reasonAt = start + count * 4;
  if (reasonAt > end) return RtcpParseFailure.CountBeyondPacket;
  const ssrcs: number[] = [];
  for (let at = start; at < reasonAt; at += 4) ssrcs.push(readU32(buf, at));
  let reason: string | null = null;
  if (reasonAt < end) {
    const reasonEnd = reasonAt + 1 + (buf[reasonAt] ?? 0);
    if (reasonEnd > end) return RtcpParseFailure.ItemBeyondPacket;
    reason = textDecoder.decode(buf.subarray(reasonAt + 1, reasonEnd));
  }
  return { kind: 'bye', ssrcs, reason };
}

/** What our receiver report carries: our SSRC, the block on the source we hear (if any), our CNAME. */
export interface ReceiverReportFields {
  readonly ssrc: number;
  /** The reception report on the peer's stream; null before any packet arrived (RC = 0). */
  readonly report: ReportBlock | null;
  /** Our CNAME, UTF-8 encoded once per session: 1 to 255 bytes (section 6.5.1). */
  readonly cname: Uint8Array;
}

/** A sender report adds the sender information (section 6.4.1). */
export interface SenderReportFields extends ReceiverReportFields, SenderInfo {}

/**
 * The middle 32 bits of an NTP timestamp: what a report block's LSR echoes of the last SR
 * received (section 6.4.1).
 */
export function compactNtp(ntpSeconds: number, ntpFraction: number): number {
  return (((ntpSeconds & 0xffff) << 16) | (ntpFraction >>> 16)) >>> 0;
}

/**
 * Writes a compound RR + SDES CNAME at `offset` (section 6.4.2: a compound packet starts with a
 * report and carries a CNAME). Answers the bytes written. Throws a RangeError when `buf` lacks
 * room or the CNAME is out of bounds: both are bugs of the caller, not of the network.
 */
export function writeReceiverReport(buf: Uint8Array, offset: number, fields: ReceiverReportFields): number {
  const reportBytes = 8 + (fields.report === null ? 0 : REPORT_BLOCK_BYTES);
  checkRoom(buf, offset, reportBytes, fields.cname);
  writeHeader(buf, offset, fields.report === null ? 0 : 1, RtcpPacketType.RR, reportBytes);
  writeU32(buf, offset + 4, fields.ssrc);
  if (fields.report !== null) writeReportBlock(buf, offset + 8, fields.report);
  return reportBytes + writeCname(buf, offset + reportBytes, fields.ssrc, fields.cname);
}

/** Writes a compound SR + SDES CNAME at `offset`, as {@link writeReceiverReport} does an RR. */
export function writeSenderReport(buf: Uint8Array, offset: number, fields: SenderReportFields): number {
  const reportBytes = 8 + SENDER_INFO_BYTES + (fields.report === null ? 0 : REPORT_BLOCK_BYTES);
  checkRoom(buf, offset, reportBytes, fields.cname);
  writeHeader(buf, offset, fields.report === null ? 0 : 1, RtcpPacketType.SR, reportBytes);
  writeU32(buf, offset + 4, fields.ssrc);
  writeU32(buf, offset + 8, fields.ntpSeconds);
  writeU32(buf, offset + 12, fields.ntpFraction);
  writeU32(buf, offset + 16, fields.rtpTimestamp);
  writeU32(buf, offset + 20, fields.packetCount);
  writeU32(buf, offset + 24, fields.octetCount);
  if (fields.report !== null) writeReportBlock(buf, offset + 28, fields.report);
  return reportBytes + writeCname(buf, offset + reportBytes, fields.ssrc, fields.cname);
}

/** An SDES packet with one chunk holding one CNAME item: 4 + 4 + the item padded to 32 bits. */
function sdesBytes(cname: Uint8Array): number {
  // At least one zero octet ends the item list, then zeros up to the 32-bit boundary.
  return 8 + (((2 + cname.length) >> 2) << 2) + 4;
}

function checkRoom(buf: Uint8Array, offset: number, reportBytes: number, cname: Uint8Array): void {
  if (cname.length === 0 || cname.length > MAX_SDES_TEXT_BYTES) {
    throw new RangeError(`CNAME must be 1 to ${MAX_SDES_TEXT_BYTES} bytes, not ${cname.length}`);
  }
  const needed = reportBytes + sdesBytes(cname);
  if (!Number.isInteger(offset) || offset < 0 || offset + needed > buf.length) {
    throw new RangeError(
      `RTCP report needs ${needed} bytes at offset ${offset} of a ${buf.length}-byte buffer`,
    );
  }
}

function writeHeader(
  buf: Uint8Array,
  at: number,
  count: number,
  packetType: number,
  packetBytes: number,
): void {
  buf[at] = (RTCP_VERSION << 6) | count;
  buf[at + 1] = packetType;
  const words = packetBytes / 4 - 1;
  buf[at + 2] = words >>> 8;
  buf[at + 3] = words;
}

function writeU32(buf: Uint8Array, at: number, value: number): void {
  buf[at] = value >>> 24;
  buf[at + 1] = value >>> 16;
  buf[at + 2] = value >>> 8;
  buf[at + 3] = value;
}

/** Cumulative lost is clamped to its 24-bit signed range (appendix A.3). */
const MAX_CUMULATIVE_LOST = 0x7fffff;
const MIN_CUMULATIVE_LOST = -0x800000;

function writeReportBlock(buf: Uint8Array, at: number, block: ReportBlock): void {
  writeU32(buf, at, block.ssrc);
  const lost = Math.min(MAX_CUMULATIVE_LOST, Math.max(MIN_CUMULATIVE_LOST, Math.trunc(block.cumulativeLost)));
  buf[at + 4] = Math.min(255, Math.max(0, Math.trunc(block.fractionLost)));
  buf[at + 5] = lost >> 16;
  buf[at + 6] = lost >> 8;
  buf[at + 7] = lost;
  writeU32(buf, at + 8, block.extendedHighestSequence);
  writeU32(buf, at + 12, block.jitter);
  writeU32(buf, at + 16, block.lastSenderReport);
  writeU32(buf, at + 20, block.delaySinceLastSenderReport);
}

/** SDES with one chunk (our SSRC) and one CNAME item; answers the bytes written. */
function writeCname(buf: Uint8Array, at: number, ssrc: number, cname: Uint8Array): number {
  const packetBytes = sdesBytes(cname);
  writeHeader(buf, at, 1, RtcpPacketType.SDES, packetBytes);
  writeU32(buf, at + 4, ssrc);
  buf[at + 8] = SdesItemType.CNAME;
  buf[at + 9] = cname.length;
  buf.set(cname, at + 10);
  buf.fill(0, at + 10 + cname.length, at + packetBytes);
  return packetBytes;
}
