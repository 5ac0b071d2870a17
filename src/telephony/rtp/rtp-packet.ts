/**
 * The RTP fixed header (RFC 3550 section 5.1, https://www.rfc-editor.org/rfc/rfc3550#section-5.1):
 *
 * ```
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * Parsing writes into a header object the caller owns and reuses, and answers one of a fixed set of
 * frozen results, so a packet costs no allocation. Hostile bytes end in a failure, never a throw.
 */

/** The fixed part of every RTP header, before CSRCs and extension. */
export const RTP_HEADER_BYTES = 12;
/** Version field value of RFC 3550 RTP. */
const RTP_VERSION = 2;

/** Why a datagram is not an RTP packet we can read; the socket handler drops and counts it. */
export const RtpParseFailure = {
  /** Fewer than the 12 bytes of the fixed header. */
  TooShort: 'too-short',
  /** Version bits other than 2 (RFC 3550 section 5.1). */
  BadVersion: 'bad-version',
  /** The CSRC count claims identifiers beyond the end of the packet. */
  CsrcBeyondPacket: 'csrc-beyond-packet',
  /** The header extension (RFC 3550 section 5.3.1) runs beyond the end of the packet. */
  ExtensionBeyondPacket: 'extension-beyond-packet',
  /** The padding count is zero or larger than what follows the header (RFC 3550 section 5.1, P). */
  BadPadding: 'bad-padding',
} as const;
export type RtpParseFailure = (typeof RtpParseFailure)[keyof typeof RtpParseFailure];

/** The outcome of {@link parseRtpHeader}: the fields are in the caller's header when `ok`. */
export type RtpParseResult = { readonly ok: true } | { readonly ok: false; readonly reason: RtpParseFailure };

const OK: RtpParseResult = Object.freeze({ ok: true });
const FAILURES = Object.freeze(
  Object.fromEntries(
    Object.values(RtpParseFailure).map((reason) => [reason, Object.freeze({ ok: false, reason })]),
  ) as Record<RtpParseFailure, RtpParseResult>,
);

/** The header fields a sender chooses; sequence number and timestamp are taken modulo their width. */
export interface RtpHeaderFields {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

/** A parsed header; one object per receiving stream, overwritten by each packet. */
export interface RtpHeader extends RtpHeaderFields {
  /** Number of CSRC identifiers (0..15), which start at byte 12. */
  csrcCount: number;
  /** Whether the packet carried a header extension (skipped, not exposed). */
  hasExtension: boolean;
  /** Padding bytes removed from the end of the payload (the P bit), 0 if none. */
  paddingBytes: number;
  /** Where the payload starts in the buffer. */
  payloadOffset: number;
  /** Payload length, padding excluded. */
  payloadLength: number;
}

/** A zeroed header to hand to {@link parseRtpHeader}. */
export function createRtpHeader(): RtpHeader {
  return {
    marker: false,
    payloadType: 0,
    sequenceNumber: 0,
    timestamp: 0,
    ssrc: 0,
    csrcCount: 0,
    hasExtension: false,
    paddingBytes: 0,
    payloadOffset: 0,
    payloadLength: 0,
  };
}

function readUint32(buf: Uint8Array, at: number): number {
  return (
    (((buf[at] ?? 0) << 24) | ((buf[at + 1] ?? 0) << 16) | ((buf[at + 2] ?? 0) << 8) | (buf[at + 3] ?? 0)) >>>
    0
  );
}

/**
 * Reads the RTP header of the `length` bytes of `buf` from `start` into `header`; the payload offset
 * it sets counts from the start of `buf`. On failure `header` is left partly written and must not
 * be used.
 */
export function parseRtpHeader(
  buf: Uint8Array,
  length: number,
  header: RtpHeader,
  start = 0,
): RtpParseResult {
  const end = Math.min(start + length, buf.length);
  if (end - start < RTP_HEADER_BYTES) return FAILURES[RtpParseFailure.TooShort];
  const first = buf[start] ?? 0;
  if (first >> 6 !== RTP_VERSION) return FAILURES[RtpParseFailure.BadVersion];
  const second = buf[start + 1] ?? 0;
  header.marker = (second & 0x80) !== 0;
  header.payloadType = second & 0x7f;
  header.sequenceNumber = ((buf[start + 2] ?? 0) << 8) | (buf[start + 3] ?? 0);
  header.timestamp = readUint32(buf, start + 4);
  header.ssrc = readUint32(buf, start + 8);
  header.csrcCount = first & 0x0f;
  let offset = start + RTP_HEADER_BYTES + 4 * header.csrcCount;
  if (offset > end) return FAILURES[RtpParseFailure.CsrcBeyondPacket];
  // X bit: a 4-byte extension header whose second half counts the 32-bit words that follow it
  // (RFC 3550 section 5.3.1, https://www.rfc-editor.org/rfc/rfc3550#section-5.3.1).
  header.hasExtension = (first & 0x10) !== 0;
  if (header.hasExtension) {
    if (offset + 4 > end) return FAILURES[RtpParseFailure.ExtensionBeyondPacket];
    const words = ((buf[offset + 2] ?? 0) << 8) | (buf[offset + 3] ?? 0);
    offset += 4 + 4 * words;
    if (offset > end) return FAILURES[RtpParseFailure.ExtensionBeyondPacket];
  }
  // P bit: "The last octet of the padding contains a count of how many padding octets should be
  // ignored, including itself", so it is at least 1 and cannot reach into the header.
  header.paddingBytes = 0;
  if ((first & 0x20) !== 0) {
    const padding = buf[end - 1] ?? 0;
    if (padding === 0 || padding > end - offset) return FAILURES[RtpParseFailure.BadPadding];
    header.paddingBytes = padding;
  }
  header.payloadOffset = offset;
  header.payloadLength = end - offset - header.paddingBytes;
  return OK;
}

/**
 * Writes a 12-byte header (version 2, no padding, extension or CSRC) at `buf[offset..]`.
 * @returns the number of bytes written, {@link RTP_HEADER_BYTES}.
 */
export function writeRtpHeader(buf: Uint8Array, offset: number, fields: RtpHeaderFields): number {
  if (offset < 0 || offset + RTP_HEADER_BYTES > buf.length) {
    throw new RangeError(`RTP header does not fit at offset ${offset} of ${buf.length}`);
  }
  const { sequenceNumber, timestamp, ssrc } = fields;
  buf[offset] = RTP_VERSION << 6;
  buf[offset + 1] = (fields.marker ? 0x80 : 0) | (fields.payloadType & 0x7f);
  // Sequence numbers and timestamps wrap (RFC 3550 section 5.1): callers may simply count up.
  buf[offset + 2] = (sequenceNumber >>> 8) & 0xff;
  buf[offset + 3] = sequenceNumber & 0xff;
  buf[offset + 4] = (timestamp >>> 24) & 0xff;
  buf[offset + 5] = (timestamp >>> 16) & 0xff;
  buf[offset + 6] = (timestamp >>> 8) & 0xff;
  buf[offset + 7] = timestamp & 0xff;
  buf[offset + 8] = (ssrc >>> 24) & 0xff;
  buf[offset + 9] = (ssrc >>> 16) & 0xff;
  buf[offset + 10] = (ssrc >>> 8) & 0xff;
  buf[offset + 11] = ssrc & 0xff;
  return RTP_HEADER_BYTES;
}

/**
 * Whether a datagram on a port shared by RTP and RTCP is RTCP. RFC 5761 section 4
 * (https://www.rfc-editor.org/rfc/rfc5761#section-4) tells them apart by the second octet: RTCP
 * packet types 192..223 (SR 200, RR 201, SDES 202, BYE 203, APP 204, and the RFC 4585 feedback
 * types) sit where RTP has marker + payload type, which is why payload types 64..95 must not be
 * used on a multiplexed port.
 */
export function isRtcp(buf: Uint8Array, length: number = buf.length): boolean {
  if (Math.min(length, buf.length) < 2) return false;
  const packetType = buf[1] ?? 0;
  return (buf[0] ?? 0) >> 6 === RTP_VERSION && packetType >= 192 && packetType <= 223;
}
