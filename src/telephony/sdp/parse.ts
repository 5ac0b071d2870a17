/**
 * parseSdp: text from a SIP body to a SessionDescription, or the first defect found. Hostile input
 * ends in `{ ok: false }`, never an exception; sizes are capped before any work.
 *
 * Tolerated, because real user agents send them: LF as well as CRLF line ends, blank lines, a
 * missing t= line, attributes and line types we do not know (kept, and written back).
 * Refused: a first line other than v=0, a missing or repeated o= or s=, malformed o=, c=, t=, m=
 * or a= lines, ports out of range, session lines inside a media section, a media stream with no
 * connection address at either level (RFC 4566 section 5.7), NUL or bare CR characters.
 * https://www.rfc-editor.org/rfc/rfc4566#section-5
 */
import { MEDIA_LINE_ORDER, SESSION_LINE_ORDER, sortLines } from './line-order.js';
import {
  parseAttribute,
  parseConnection,
  parseMediaLine,
  parseOrigin,
  parseTiming,
  type MediaLine,
} from './parse-fields.js';
import type {
  Attribute,
  Connection,
  MediaDescription,
  Origin,
  SdpLine,
  SdpParseResult,
  SessionDescription,
  Timing,
} from './session-description.js';

/** A SIP body over UDP fits in one datagram; an audio offer is well under 2 KiB. */
export const MAX_SDP_CHARS = 16_384;
/** Lines in one description, blank ones included. */
export const MAX_SDP_LINES = 512;
/** m= sections in one description: audio, video, and some room for the unusual. */
export const MAX_MEDIA_DESCRIPTIONS = 16;

/** `<type>=<value>`: the type is one letter, case-significant (RFC 4566 section 5). */
const LINE = /^[a-zA-Z]=/;
/** Lines that belong to the session section only; in a media section they are misplaced. */
const SESSION_ONLY_TYPES = new Set(['v', 'o', 's', 't']);

interface MediaDraft {
  readonly line: MediaLine;
  connection: Connection | null;
  readonly attributes: Attribute[];
  readonly otherLines: SdpLine[];
}

interface SessionDraft {
  origin: Origin | null;
  sessionName: string | null;
  connection: Connection | null;
  timing: Timing | null;
  readonly attributes: Attribute[];
  readonly otherLines: SdpLine[];
  readonly media: MediaDraft[];
}

/** Parses an SDP body (RFC 4566). Never throws. */
export function parseSdp(text: string): SdpParseResult {
  if (text.length > MAX_SDP_CHARS) return fail(`description is longer than ${MAX_SDP_CHARS} characters`);
  if (text.includes('\0')) return fail('description contains a NUL character');
  const lines = text.split('\n');
  if (lines.length > MAX_SDP_LINES) return fail(`description has more than ${MAX_SDP_LINES} lines`);
  const draft: SessionDraft = {
    origin: null,
    sessionName: null,
    connection: null,
    timing: null,
    attributes: [],
    otherLines: [],
    media: [],
  };
  let seenVersion = false;
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    if (line.includes('\r')) return fail(`line ${index + 1} contains a bare CR`);
    if (!LINE.test(line)) return fail(`line ${index + 1} is not <type>=<value>`);
    const type = line.charAt(0);
    const value = line.slice(2);
    if (!seenVersion) {
      // "v=" is the first line of every description (RFC 4566 section 5).
      if (type !== 'v') return fail('missing v= line');
      if (value !== '0') return fail(`v= line: version ${value} is not 0`);
      seenVersion = true;
      continue;
    }
    const reason =
      draft.media.length === 0 ? addSessionLine(draft, type, value) : addMediaLine(draft, type, value);
    if (reason !== null) return fail(`line ${index + 1}: ${reason}`);
  }
  if (!seenVersion) return fail('missing v= line');
  return finish(draft);
}

function fail(reason: string): SdpParseResult {
  return { ok: false, reason };
}

/** Adds one session-level line; answers the reason it was refused, or null. */
function addSessionLine(draft: SessionDraft, type: string, value: string): string | null {
  switch (type) {
    case 'v':
      return 'more than one v= line';
    case 'o': {
      if (draft.origin !== null) return 'more than one o= line';
      const origin = parseOrigin(value);
      if (!origin.ok) return origin.reason;
      draft.origin = origin.value;
      return null;
    }
    case 's':
      if (draft.sessionName !== null) return 'more than one s= line';
      draft.sessionName = value;
      return null;
    case 'm':
      return addMedia(draft, value);
    case 'c':
    case 't':
    case 'a':
      return addCommonLine(draft, type, value);
    default:
      draft.otherLines.push({ type, value });
      return null;
  }
}

/** c=, t= and a= at session level: the first c= and t= fill the model, later ones are kept verbatim. */
function addCommonLine(draft: SessionDraft, type: 'c' | 't' | 'a', value: string): string | null {
  if (type === 'a') {
    const attribute = parseAttribute(value);
    if (!attribute.ok) return attribute.reason;
    draft.attributes.push(attribute.value);
    return null;
  }
  if (type === 'c') {
    const connection = parseConnection(value);
    if (!connection.ok) return connection.reason;
    if (draft.connection === null) {
      draft.connection = connection.value;
      return null;
    }
  } else {
    const timing = parseTiming(value);
    if (!timing.ok) return timing.reason;
    if (draft.timing === null) {
      draft.timing = timing.value;
      return null;
    }
  }
  draft.otherLines.push({ type, value });
  return null;
}

function addMedia(draft: SessionDraft, value: string): string | null {
  if (draft.media.length >= MAX_MEDIA_DESCRIPTIONS) return `more than ${MAX_MEDIA_DESCRIPTIONS} m= lines`;
  const line = parseMediaLine(value);
  if (!line.ok) return line.reason;
  draft.media.push({ line: line.value, connection: null, attributes: [], otherLines: [] });
  return null;
}

/** Adds one line of the current media section; answers the reason it was refused, or null. */
function addMediaLine(draft: SessionDraft, type: string, value: string): string | null {
  if (type === 'm') return addMedia(draft, value);
  if (SESSION_ONLY_TYPES.has(type)) return `${type}= line inside a media description`;
  const media = draft.media[draft.media.length - 1];
  if (media === undefined) return 'media line without an m= line';
  if (type === 'a') {
    const attribute = parseAttribute(value);
    if (!attribute.ok) return attribute.reason;
    media.attributes.push(attribute.value);
    return null;
  }
  if (type === 'c') {
    const connection = parseConnection(value);
    if (!connection.ok) return connection.reason;
    if (media.connection === null) {
      media.connection = connection.value;
      return null;
    }
  }
  media.otherLines.push({ type, value });
  return null;
}

function finish(draft: SessionDraft): SdpParseResult {
  if (draft.origin === null) return fail('missing o= line');
  if (draft.sessionName === null) return fail('missing s= line');
  const media: MediaDescription[] = [];
  for (const [index, { line, connection, attributes, otherLines }] of draft.media.entries()) {
    // "A session description MUST contain either at least one c= field in each media description
    // or a single c= field at the session level" (RFC 4566 section 5.7). A disabled stream
    // (port 0) carries no media, so it is let through without one.
    if (line.port !== 0 && connection === null && draft.connection === null) {
      return fail(`media description ${index + 1} has no c= line and the session has none`);
    }
    media.push({ ...line, connection, attributes, otherLines: sortLines(otherLines, MEDIA_LINE_ORDER) });
  }
  const value: SessionDescription = {
    version: 0,
    origin: draft.origin,
    sessionName: draft.sessionName,
    connection: draft.connection,
    timing: draft.timing,
    attributes: draft.attributes,
    otherLines: sortLines(draft.otherLines, SESSION_LINE_ORDER),
    media,
  };
  return { ok: true, value };
}
