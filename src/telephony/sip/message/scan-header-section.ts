import { MAX_SIP_HEADER_LINE_BYTES } from './sip-limits.js';

const LF = 0x0a;
const CR = 0x0d;
const HTAB = 0x09;
const DEL = 0x7f;

/** Where a message's header section ends and its body begins, in bytes. */
export interface HeaderSection {
  readonly ok: true;
  /** The index of the empty line: the header section, line ends included, is `[from, headEnd)`. */
  readonly headEnd: number;
  /** The index of the body's first byte: past the empty line. */
  readonly bodyStart: number;
}

/** Why the header section cannot be read; a Reason-Phrase. */
export interface HeaderSectionFailure {
  readonly ok: false;
  readonly reason: string;
}

/**
 * The index of the first byte that is not CR or LF: "implementations processing SIP messages over
 * stream-oriented transports MUST ignore any CRLF appearing before the start-line"
 * (https://www.rfc-editor.org/rfc/rfc3261#section-7.5); a datagram of line ends only is a
 * keep-alive, which the caller drops.
 */
export function skipLeadingLineEnds(bytes: Uint8Array, from = 0): number {
  let i = from;
  while (i < bytes.length && (bytes[i] === CR || bytes[i] === LF)) i++;
  return i;
}

/**
 * Scans the header section once, byte by byte, from the start line at `from` to the empty line
 * that ends it, accepting CRLF or a bare LF as a line end. It refuses control characters (binary
 * garbage; a body may hold any octet, a header line may not), a CR not followed by LF, and a line
 * longer than {@link MAX_SIP_HEADER_LINE_BYTES}. A datagram that stops before the empty line ends
 * its header section there, with no body.
 */
export function scanHeaderSection(bytes: Uint8Array, from: number): HeaderSection | HeaderSectionFailure {
  let lineStart = from;
  for (let i = from; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte >= 0x20 && byte !== DEL) continue;
    if (byte === HTAB) continue;
    if (byte === CR) {
      if (bytes[i + 1] !== LF) return { ok: false, reason: 'Malformed line end' };
      continue;
    }
    if (byte !== LF) return { ok: false, reason: 'Control character in header section' };
    const textEnd = bytes[i - 1] === CR && i - 1 >= lineStart ? i - 1 : i;
    if (textEnd - lineStart > MAX_SIP_HEADER_LINE_BYTES) return { ok: false, reason: 'Header line too long' };
    if (textEnd === lineStart) return { ok: true, headEnd: lineStart, bodyStart: i + 1 };
    lineStart = i + 1;
  }
  if (bytes.length - lineStart > MAX_SIP_HEADER_LINE_BYTES)
    return { ok: false, reason: 'Header line too long' };
  return { ok: true, headEnd: bytes.length, bodyStart: bytes.length };
}
