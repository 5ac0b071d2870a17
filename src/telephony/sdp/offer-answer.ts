/**
 * The SDP offer/answer model (RFC 3264) for a single G.711 audio stream: answering an offer as a
 * UAS, building an offer for outbound calls and re-INVITEs, and reading the answer to our offer.
 * Every function is pure: the dialog keeps the last description we sent and hands it back as
 * `previous`, which is how re-offers keep the o= line and bump its version (RFC 3264 section 8).
 * https://www.rfc-editor.org/rfc/rfc3264
 */
import { isIP } from 'node:net';
import {
  DEFAULT_TELEPHONE_EVENT_PAYLOAD_TYPE,
  STATIC_PAYLOAD_TYPES,
  findTelephoneEvent,
  hasEvent,
  identifyCodec,
  type Codec,
} from './codec.js';
import { buildAudioStream, buildRejectedStream } from './build-audio-stream.js';
import { findDirection, findFmtp } from './media-attributes.js';
import type { FieldResult } from './parse-fields.js';
import { negotiateStream, type NegotiatedMedia, type StreamPolicy } from './negotiated-media.js';
import { serializeSdp } from './serialize.js';
import {
  Direction,
  type MediaDescription,
  type Origin,
  type SessionDescription,
} from './session-description.js';

/** Our side of the media: where we receive RTP, what we speak, and our o= line's identity. */
export interface LocalMedia {
  /** Our RTP address, written in c= and o=. */
  readonly address: string;
  /** Our RTP port (even, RFC 3550 section 11; RTCP on port + 1). */
  readonly port: number;
  /** The codecs we speak, in our order of preference (offers list them in this order). */
  readonly codecs: readonly Codec[];
  /** Whether we send and receive RFC 4733 telephone-events. */
  readonly telephoneEvent: boolean;
  /** Payload type for telephone-event in our offers; 101 by default. Answers use the offerer's. */
  readonly telephoneEventPayloadType?: number;
  /** o= sess-id and the sess-version of our first description in the dialog (RFC 4566 section 5.2). */
  readonly sessionId: string;
  readonly sessionVersion: string;
  /** o= username; `-` by default (RFC 4566 section 5.2). */
  readonly username?: string;
  /** s= value; `Voxgate` by default. */
  readonly sessionName?: string;
}

/** The state of the dialog's media that shapes a new description. */
export interface DescriptionOptions {
  /** Our wish: sendrecv by default; sendonly while we hold the peer, inactive to stop both ways. */
  readonly direction?: Direction;
  /** The last description we sent in this dialog; absent for the first. */
  readonly previous?: SessionDescription;
}

/** An answer and what it settles, or the 488 to send instead. */
export type AnswerOutcome =
  | { readonly ok: true; readonly answer: SessionDescription; readonly media: NegotiatedMedia }
  | { readonly ok: false; readonly status: 488; readonly reason: string };

/** What the answer to our offer settles, or why the call cannot use it. */
export type AcceptOutcome =
  { readonly ok: true; readonly media: NegotiatedMedia } | { readonly ok: false; readonly reason: string };

const DEFAULT_SESSION_NAME = 'Voxgate';

/**
 * Answers an offer (RFC 3264 section 6). The answer has one m= line per offered one, in order; the
 * first usable audio stream is accepted with the first codec of the offer we speak, plus the
 * offerer's telephone-event; every other stream is rejected with port 0. No usable audio stream
 * at all answers 488 Not Acceptable Here (RFC 3261 section 13.3.1.1).
 */
export function answerOffer(
  offer: SessionDescription,
  local: LocalMedia,
  options: DescriptionOptions = {},
): AnswerOutcome {
  assertLocal(local);
  const policy: StreamPolicy = {
    codecs: local.codecs,
    telephoneEvent: local.telephoneEvent,
    direction: options.direction ?? Direction.sendrecv,
  };
  let negotiated: NegotiatedMedia | null = null;
  let refusal: string | null = null;
  const media: MediaDescription[] = [];
  for (const offered of offer.media) {
    // One RTP session per call: once a stream is accepted, later ones are rejected.
    if (negotiated !== null) {
      media.push(buildRejectedStream(offered));
      continue;
    }
    const stream: FieldResult<NegotiatedMedia> = negotiateStream(offered, offer, policy);
    if (stream.ok) {
      negotiated = stream.value;
      media.push(answerStream(offered, stream.value, local.port));
    } else {
      if (offered.type === 'audio') refusal ??= stream.reason;
      media.push(buildRejectedStream(offered));
    }
  }
  if (negotiated === null) {
    return { ok: false, status: 488, reason: `no usable audio stream: ${refusal ?? 'the offer has none'}` };
  }
  const timing = offer.timing ?? { start: '0', stop: '0' };
  const answer = stampOrigin(describe(local, media, timing), local, options.previous);
  return { ok: true, answer, media: negotiated };
}

/** The accepted stream: our port, the chosen codec, and the offered telephone-event if we speak it. */
function answerStream(
  offered: MediaDescription,
  negotiated: NegotiatedMedia,
  port: number,
): MediaDescription {
  const eventPayloadType = negotiated.telephoneEventPayloadType;
  // Answer with the events we handle that the offerer named: 0-15 (DTMF), plus 16 (flash) if offered.
  const telephoneEvent =
    eventPayloadType === null
      ? null
      : {
          payloadType: eventPayloadType,
          events: hasEvent(findFmtp(offered, eventPayloadType), 16) ? '0-16' : '0-15',
        };
  return buildAudioStream({
    port,
    codecs: [{ payloadType: negotiated.payloadType, codec: negotiated.codec }],
    telephoneEvent,
    direction: negotiated.direction,
  });
}

/**
 * Builds an offer: one audio stream with our codecs in preference order, telephone-event if we
 * speak it, a=ptime:20 and our direction. With `previous`, the o= line is kept and its version
 * goes up by one when anything changed (RFC 3264 section 8).
 */
export function buildOffer(local: LocalMedia, options: DescriptionOptions = {}): SessionDescription {
  assertLocal(local);
  const stream = buildAudioStream({
    port: local.port,
    codecs: local.codecs.map((codec) => ({ payloadType: STATIC_PAYLOAD_TYPES[codec], codec })),
    telephoneEvent: local.telephoneEvent
      ? {
          payloadType: local.telephoneEventPayloadType ?? DEFAULT_TELEPHONE_EVENT_PAYLOAD_TYPE,
          events: '0-16',
        }
      : null,
    direction: options.direction ?? Direction.sendrecv,
  });
  return stampOrigin(describe(local, [stream], { start: '0', stop: '0' }), local, options.previous);
}

/**
 * Reads the answer to our offer (RFC 3264 section 7): the same number of m= lines, and on the
 * first audio stream we offered, a codec from our offer. Our direction comes from our offer.
 */
export function acceptAnswer(offer: SessionDescription, answer: SessionDescription): AcceptOutcome {
  // "The answer MUST contain exactly the same number of m= lines as the offer" (RFC 3264 section 6).
  if (answer.media.length !== offer.media.length) {
    return {
      ok: false,
      reason: `answer has ${answer.media.length} m= lines, the offer had ${offer.media.length}`,
    };
  }
  let refusal = 'the offer has no audio stream';
  for (const [index, ours] of offer.media.entries()) {
    const theirs = answer.media[index];
    if (theirs === undefined || ours.port === 0 || ours.type !== 'audio') continue;
    const policy: StreamPolicy = {
      codecs: ours.formats
        .map((format) => identifyCodec(ours, Number(format)))
        .filter((codec) => codec !== null),
      telephoneEvent: findTelephoneEvent(ours) !== null,
      direction: findDirection(ours, offer),
    };
    const stream = negotiateStream(theirs, answer, policy);
    if (stream.ok) return { ok: true, media: stream.value };
    refusal = stream.reason;
  }
  return { ok: false, reason: `no usable audio stream in the answer: ${refusal}` };
}

/** Local media comes from our own configuration: a defect there is a bug, not a peer's fault. */
function assertLocal(local: LocalMedia): void {
  if (local.codecs.length === 0) throw new Error('local media needs at least one codec');
  if (!/^\d{1,32}$/.test(local.sessionId) || !/^\d{1,32}$/.test(local.sessionVersion)) {
    throw new Error('local sess-id and sess-version must be decimal numbers');
  }
}

type DescriptionDraft = Omit<SessionDescription, 'origin'>;

function describe(
  local: LocalMedia,
  media: readonly MediaDescription[],
  timing: DescriptionDraft['timing'],
): DescriptionDraft {
  return {
    version: 0,
    sessionName: local.sessionName ?? DEFAULT_SESSION_NAME,
    connection: { netType: 'IN', addrType: addrTypeOf(local.address), address: local.address },
    timing,
    attributes: [],
    otherLines: [],
    media,
  };
}

/**
 * RFC 3264 section 8: the o= line "MUST be identical to that in the previous SDP, except that the
 * version in the origin field MUST increment by one from the previous SDP. If the version in the
 * origin line does not increment, the SDP MUST be identical to the SDP with that version number."
 */
function stampOrigin(
  draft: DescriptionDraft,
  local: LocalMedia,
  previous: SessionDescription | undefined,
): SessionDescription {
  if (previous === undefined) {
    const origin: Origin = {
      username: local.username ?? '-',
      sessionId: local.sessionId,
      sessionVersion: local.sessionVersion,
      netType: 'IN',
      addrType: addrTypeOf(local.address),
      address: local.address,
    };
    return { ...draft, origin };
  }
  const unchanged: SessionDescription = { ...draft, origin: previous.origin };
  if (serializeSdp(unchanged) === serializeSdp(previous)) return unchanged;
  const sessionVersion = (BigInt(previous.origin.sessionVersion) + 1n).toString();
  return { ...draft, origin: { ...previous.origin, sessionVersion } };
}

function addrTypeOf(address: string): 'IP4' | 'IP6' {
  return isIP(address) === 6 ? 'IP6' : 'IP4';
}
