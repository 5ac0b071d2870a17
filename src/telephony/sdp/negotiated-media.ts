/**
 * The outcome of offer/answer for one audio stream, in the terms the RTP layer needs: where to
 * send, which payload types, which packet time, and whether each side may send. Shared by the
 * answerer (reading an offer) and the offerer (reading the answer to its offer).
 * https://www.rfc-editor.org/rfc/rfc3264#section-6.1
 */
import { isIP } from 'node:net';
import { findTelephoneEvent, identifyCodec, type Codec } from './codec.js';
import { findDirection, findPtimeMs } from './media-attributes.js';
import type { FieldResult } from './parse-fields.js';
import { Direction, type MediaDescription, type SessionDescription } from './session-description.js';

/** The G.711 packetization interval when the peer states none (RFC 3551 section 4.5, table 1). */
export const DEFAULT_PTIME_MS = 20;

/** The RTP profile we speak: plain RTP/AVP, no SRTP or feedback profiles. */
export const RTP_AVP = 'RTP/AVP';

/** What the RTP layer uses once offer and answer agree. */
export interface NegotiatedMedia {
  /**
   * Where to send RTP: the stream's c= address, else the session's (RFC 4566 section 5.7). On an
   * old-style hold it is 0.0.0.0 and `direction` forbids sending: no RTP and no RTCP go there.
   */
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** The payload type the peer listed for `codec`; we send with it. */
  readonly payloadType: number;
  readonly codec: Codec;
  /** The peer's telephone-event payload type, or null when DTMF must go in band. */
  readonly telephoneEventPayloadType: number | null;
  /** The peer's a=ptime, else 20. */
  readonly remotePtimeMs: number;
  /** What our side may do: sendrecv, sendonly (we only send), recvonly, inactive. */
  readonly direction: Direction;
  /**
   * The peer put us on hold: it will not receive our media, by a=sendonly or a=inactive, or the
   * old-style c=0.0.0.0 (RFC 3264 section 8.4).
   */
  readonly remoteHold: boolean;
}

/** Which codecs we accept, whether we do RFC 4733 events, and the direction we want. */
export interface StreamPolicy {
  readonly codecs: readonly Codec[];
  readonly telephoneEvent: boolean;
  readonly direction: Direction;
}

/** Whether a direction lets its owner send media. */
export function canSend(direction: Direction): boolean {
  return direction === Direction.sendrecv || direction === Direction.sendonly;
}

/** Whether a direction lets its owner receive media. */
export function canReceive(direction: Direction): boolean {
  return direction === Direction.sendrecv || direction === Direction.recvonly;
}

/** The direction attribute meaning "send if `send`, receive if `receive`". */
export function directionOf(send: boolean, receive: boolean): Direction {
  if (send) return receive ? Direction.sendrecv : Direction.sendonly;
  return receive ? Direction.recvonly : Direction.inactive;
}

/**
 * Our direction given the peer's and our own wish. RFC 3264 section 6.1: an offered sendonly stream
 * is answered recvonly, recvonly with sendonly, inactive with inactive, sendrecv with any of them;
 * we send only where the peer receives, and receive only where it sends.
 */
export function complementDirection(remote: Direction, wish: Direction): Direction {
  return directionOf(canReceive(remote) && canSend(wish), canSend(remote) && canReceive(wish));
}

/**
 * RFC 3264 section 8.4: "An agent MUST be capable of receiving SDP with a connection address of
 * 0.0.0.0, in which case it means that neither RTP nor RTCP should be sent to the peer."
 */
export function isHoldAddress(address: string): boolean {
  return address === '0.0.0.0';
}

/**
 * Reads one remote audio stream against our policy: the first of the peer's formats we support,
 * in the peer's order (RFC 3264 section 6.1), its telephone-event, ptime and direction. Answers
 * why the stream is unusable otherwise.
 */
export function negotiateStream(
  media: MediaDescription,
  session: SessionDescription,
  policy: StreamPolicy,
): FieldResult<NegotiatedMedia> {
  if (media.port === 0) return { ok: false, reason: 'stream is disabled (port 0)' };
  if (media.type !== 'audio') return { ok: false, reason: `${media.type} is not audio` };
  if (media.proto !== RTP_AVP) return { ok: false, reason: `profile ${media.proto} is not ${RTP_AVP}` };
  const connection = media.connection ?? session.connection;
  if (connection === null || isIP(connection.address) === 0) {
    return { ok: false, reason: 'connection address is not an IP address' };
  }
  const chosen = chooseCodec(media, policy.codecs);
  if (chosen === null) return { ok: false, reason: 'no codec in common' };
  const hold = isHoldAddress(connection.address);
  const stated = findDirection(media, session);
  // With c=0.0.0.0 the peer receives nothing, whatever its direction attribute says.
  const remote = hold ? directionOf(canSend(stated), false) : stated;
  const telephoneEvent = policy.telephoneEvent ? findTelephoneEvent(media) : null;
  return {
    ok: true,
    value: {
      remoteAddress: connection.address,
      remotePort: media.port,
      payloadType: chosen.payloadType,
      codec: chosen.codec,
      telephoneEventPayloadType: telephoneEvent?.payloadType ?? null,
      remotePtimeMs: findPtimeMs(media, session) ?? DEFAULT_PTIME_MS,
      direction: complementDirection(remote, policy.direction),
      remoteHold: !canReceive(remote),
    },
  };
}

function chooseCodec(
  media: MediaDescription,
  codecs: readonly Codec[],
): { payloadType: number; codec: Codec } | null {
  for (const format of media.formats) {
    const payloadType = Number(format);
    const codec = identifyCodec(media, payloadType);
    if (codec !== null && codecs.includes(codec)) return { payloadType, codec };
  }
  return null;
}
