/**
 * Typed readers of the media attributes offer/answer needs: rtpmap, fmtp, ptime, maxptime and the
 * direction attributes. A malformed value reads as absent rather than failing the description: one
 * odd attribute should not cost a call (RFC 4566 section 5.13: unknown or unusable attributes are
 * ignored).
 * https://www.rfc-editor.org/rfc/rfc4566#section-6
 */
import {
  Direction,
  type Attribute,
  type MediaDescription,
  type SessionDescription,
} from './session-description.js';

/** `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]` (RFC 4566 section 6). */
export interface Rtpmap {
  readonly payloadType: number;
  /** As written; compare case-insensitively (RFC 4855 section 3: media subtype names are). */
  readonly encodingName: string;
  readonly clockRateHz: number;
  /** Audio channels; null when left out, which means one. */
  readonly channels: number | null;
}

/** A packet time above a second is not a telephone's. */
const MAX_PTIME_MS = 1000;
const RTPMAP = /^(\d{1,3})[ \t]+([^/ \t]+)\/(\d{1,10})(?:\/(\d{1,3}))?[ \t]*$/;
const FMTP = /^(\d{1,3})[ \t]+(.*)$/;
const PACKET_TIME = /^\d{1,4}(?:\.\d{1,3})?$/;

/** The first attribute named `name`, if any. */
export function findAttribute(attributes: readonly Attribute[], name: string): Attribute | undefined {
  return attributes.find((attribute) => attribute.name === name);
}

/** The rtpmap of one payload type of a media description, or null. */
export function findRtpmap(media: MediaDescription, payloadType: number): Rtpmap | null {
  for (const attribute of media.attributes) {
    if (attribute.name !== 'rtpmap' || attribute.value === null) continue;
    const match = RTPMAP.exec(attribute.value);
    if (match === null || Number(match[1]) !== payloadType) continue;
    const channels = match[4] === undefined ? null : Number(match[4]);
    return { payloadType, encodingName: match[2] ?? '', clockRateHz: Number(match[3]), channels };
  }
  return null;
}

/** The format-specific parameters of one payload type (`a=fmtp:<format> <parameters>`), or null. */
export function findFmtp(media: MediaDescription, payloadType: number): string | null {
  for (const attribute of media.attributes) {
    if (attribute.name !== 'fmtp' || attribute.value === null) continue;
    const match = FMTP.exec(attribute.value);
    if (match !== null && Number(match[1]) === payloadType) return (match[2] ?? '').trim();
  }
  return null;
}

/** `a=ptime:<packet time>` in milliseconds, media level first, then session level; null if absent. */
export function findPtimeMs(media: MediaDescription, session?: SessionDescription): number | null {
  return readPacketTime(media, session, 'ptime');
}

/** `a=maxptime:<maximum packet time>` in milliseconds, media level first; null if absent. */
export function findMaxptimeMs(media: MediaDescription, session?: SessionDescription): number | null {
  return readPacketTime(media, session, 'maxptime');
}

function readPacketTime(
  media: MediaDescription,
  session: SessionDescription | undefined,
  name: 'ptime' | 'maxptime',
): number | null {
  // RFC 4566 lists ptime as a media-level attribute; some agents put it at session level anyway.
  const attribute = findAttribute(media.attributes, name) ?? findAttribute(session?.attributes ?? [], name);
  const text = attribute?.value?.trim();
  if (text === undefined || !PACKET_TIME.test(text)) return null;
  const ms = Number(text);
  return ms > 0 && ms <= MAX_PTIME_MS ? ms : null;
}

const DIRECTIONS: ReadonlySet<string> = new Set(Object.values(Direction));

function isDirection(name: string): name is Direction {
  return DIRECTIONS.has(name);
}

/**
 * The stream's direction: its own attribute, else the session's, else sendrecv ("If none of the
 * attributes ... are present, sendrecv SHOULD be assumed", RFC 4566 section 6; RFC 3264 section 5.1).
 */
export function findDirection(media: MediaDescription, session: SessionDescription): Direction {
  for (const attributes of [media.attributes, session.attributes]) {
    const found = attributes.find((attribute) => attribute.value === null && isDirection(attribute.name));
    if (found !== undefined && isDirection(found.name)) return found.name;
  }
  return Direction.sendrecv;
}
