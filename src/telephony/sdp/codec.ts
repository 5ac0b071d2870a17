/**
 * The audio formats Voxgate speaks, and how to recognise them in a media description: G.711
 * PCMU and PCMA (static payload types 0 and 8, RFC 3551 section 6, usable without an rtpmap) and
 * RFC 4733 telephone-event (always dynamic, so always with an rtpmap).
 * https://www.rfc-editor.org/rfc/rfc3551#section-6
 */
import { findFmtp, findRtpmap } from './media-attributes.js';
import type { MediaDescription } from './session-description.js';

/** The G.711 codecs. */
export const Codec = { PCMU: 'PCMU', PCMA: 'PCMA' } as const;
export type Codec = (typeof Codec)[keyof typeof Codec];

/** Static payload types, RFC 3551 section 6, table 4. */
export const STATIC_PAYLOAD_TYPES = { PCMU: 0, PCMA: 8 } as const satisfies Record<Codec, number>;

/** G.711 and its telephone-events run at 8 kHz (RFC 3551 section 4.5.14; RFC 4733 section 2.1). */
export const G711_CLOCK_RATE_HZ = 8000;

/** The payload type offers use for telephone-event when we choose: the customary 101. */
export const DEFAULT_TELEPHONE_EVENT_PAYLOAD_TYPE = 101;

/** RFC 4733's MIME subtype. */
export const TELEPHONE_EVENT = 'telephone-event';

/** An offered telephone-event format. */
export interface TelephoneEventFormat {
  readonly payloadType: number;
  /** The fmtp `events` list as offered (`0-15`, `0-16`), or null when there is no fmtp. */
  readonly events: string | null;
}

/**
 * Which of our codecs a payload type of `media` is, or null. An rtpmap decides when present; without
 * one only the static payload types are known (RFC 4566 section 6: "rtpmap ... may be omitted" for
 * static types).
 */
export function identifyCodec(media: MediaDescription, payloadType: number): Codec | null {
  const rtpmap = findRtpmap(media, payloadType);
  if (rtpmap === null) {
    if (payloadType === STATIC_PAYLOAD_TYPES.PCMU) return Codec.PCMU;
    if (payloadType === STATIC_PAYLOAD_TYPES.PCMA) return Codec.PCMA;
    return null;
  }
  if (rtpmap.clockRateHz !== G711_CLOCK_RATE_HZ || (rtpmap.channels !== null && rtpmap.channels !== 1)) {
    return null;
  }
  const name = rtpmap.encodingName.toUpperCase();
  return name === Codec.PCMU || name === Codec.PCMA ? name : null;
}

/**
 * The first telephone-event format of `media` at 8 kHz, or null. RFC 4733 section 2.1: the event
 * clock is the audio's, so a 48 kHz telephone-event cannot go with G.711.
 */
export function findTelephoneEvent(media: MediaDescription): TelephoneEventFormat | null {
  for (const format of media.formats) {
    const payloadType = Number(format);
    const rtpmap = findRtpmap(media, payloadType);
    if (rtpmap === null || rtpmap.encodingName.toLowerCase() !== TELEPHONE_EVENT) continue;
    if (rtpmap.clockRateHz !== G711_CLOCK_RATE_HZ) continue;
    return { payloadType, events: findFmtp(media, payloadType) };
  }
  return null;
}

/**
 * Whether an fmtp `events` list (`0-15,16`, `0-11`) names `event`. RFC 4733 section 2.4.1: a
 * receiver without the parameter is assumed to support the DTMF events 0-15.
 */
export function hasEvent(events: string | null, event: number): boolean {
  if (events === null) return event >= 0 && event <= 15;
  for (const part of events.split(',')) {
    const [low, high] = part.trim().split('-');
    const from = Number(low);
    const to = high === undefined ? from : Number(high);
    if (low === undefined || low.trim() === '' || !Number.isInteger(from) || !Number.isInteger(to)) continue;
    if (event >= from && event <= to) return true;
  }
  return false;
}
