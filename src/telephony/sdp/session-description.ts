/**
 * The SDP data model (RFC 4566 section 5), as plain frozen-shape values.
 *
 * The ordered attribute list is the source of truth for `a=` lines so that a description survives
 * `serializeSdp(parseSdp(text))` line for line; typed readers of rtpmap, fmtp, ptime and direction
 * live in `media-attributes.ts`. Lines this model has no field for (i=, u=, e=, p=, b=, r=, z=, k=,
 * letters we do not know) are kept in `otherLines` and written back in RFC 4566 order.
 * https://www.rfc-editor.org/rfc/rfc4566#section-5
 */

/** Network type of `o=` and `c=`: only Internet addresses are meaningful to us. */
export const NetType = { IN: 'IN' } as const;
export type NetType = (typeof NetType)[keyof typeof NetType];

/** Address type of `o=` and `c=`. https://www.rfc-editor.org/rfc/rfc4566#section-5.7 */
export const AddrType = { IP4: 'IP4', IP6: 'IP6' } as const;
export type AddrType = (typeof AddrType)[keyof typeof AddrType];

/**
 * The direction attributes; a stream without one is sendrecv.
 * https://www.rfc-editor.org/rfc/rfc4566#section-6 and https://www.rfc-editor.org/rfc/rfc3264#section-5.1
 */
export const Direction = {
  sendrecv: 'sendrecv',
  sendonly: 'sendonly',
  recvonly: 'recvonly',
  inactive: 'inactive',
} as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

/** `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>` (section 5.2). */
export interface Origin {
  readonly username: string;
  /** Digits; kept as text because RFC 4566 suggests NTP timestamps, wider than 2^53. */
  readonly sessionId: string;
  /** Digits; incremented (as a bigint) on every change, RFC 3264 section 8. */
  readonly sessionVersion: string;
  readonly netType: NetType;
  readonly addrType: AddrType;
  readonly address: string;
}

/** `c=<nettype> <addrtype> <connection-address>` (section 5.7); multicast `/ttl` stays in `address`. */
export interface Connection {
  readonly netType: NetType;
  readonly addrType: AddrType;
  readonly address: string;
}

/** `t=<start-time> <stop-time>` (section 5.9), decimal NTP seconds kept as text; `0 0` is unbounded. */
export interface Timing {
  readonly start: string;
  readonly stop: string;
}

/** `a=<name>` (a property: `value` null) or `a=<name>:<value>` (section 5.13). */
export interface Attribute {
  readonly name: string;
  readonly value: string | null;
}

/** A line the model keeps verbatim: `type` is its letter, `value` everything after `=`. */
export interface SdpLine {
  readonly type: string;
  readonly value: string;
}

/** `m=<media> <port>[/<number of ports>] <proto> <fmt> ...` and its section (section 5.14). */
export interface MediaDescription {
  /** `audio`, `video`, `text`, `application`, `message`, or another token. */
  readonly type: string;
  /** 0 rejects or disables the stream (RFC 3264 section 6). */
  readonly port: number;
  readonly portCount: number | null;
  /** `RTP/AVP` for the profile we speak; kept as written otherwise. */
  readonly proto: string;
  /** Payload type numbers as text for RTP protocols, opaque tokens otherwise. */
  readonly formats: readonly string[];
  readonly connection: Connection | null;
  readonly attributes: readonly Attribute[];
  readonly otherLines: readonly SdpLine[];
}

/** A whole session description. */
export interface SessionDescription {
  /** `v=0`, the only version there is (section 5.1). */
  readonly version: 0;
  readonly origin: Origin;
  /** `s=`, kept exactly as written (RFC 4566 asks for one space when there is no name). */
  readonly sessionName: string;
  readonly connection: Connection | null;
  /** The first `t=` line; null when the peer left it out (tolerated, though RFC 4566 requires one). */
  readonly timing: Timing | null;
  readonly attributes: readonly Attribute[];
  readonly otherLines: readonly SdpLine[];
  readonly media: readonly MediaDescription[];
}

/** What `parseSdp` answers: a description, or the first defect found. */
export type SdpParseResult =
  { readonly ok: true; readonly value: SessionDescription } | { readonly ok: false; readonly reason: string };
