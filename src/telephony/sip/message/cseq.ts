import type { SipHeaders } from './sip-headers.js';
import { parseDecimal } from './decimal.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { isToken } from './sip-grammar.js';
import { MAX_CSEQ_NUMBER } from './sip-limits.js';

/**
 * `CSeq = "CSeq" HCOLON 1*DIGIT LWS Method`: orders requests within a dialog and ties a response
 * to its request's method. https://www.rfc-editor.org/rfc/rfc3261#section-20.16
 */
export interface CSeq {
  /** The sequence number, 0 to 2**31 - 1. */
  readonly seq: number;
  /** Case-sensitive, as methods are. */
  readonly method: string;
}

/** Reads a CSeq value. */
export function parseCSeq(text: string): ParseResult<CSeq> {
  const trimmed = text.trim();
  let space = 0;
  while (space < trimmed.length && trimmed.charCodeAt(space) !== 0x20 && trimmed.charCodeAt(space) !== 0x09)
    space++;
  const seq = parseDecimal(trimmed.slice(0, space), MAX_CSEQ_NUMBER);
  if (seq === undefined) return refused('malformed sequence number');
  const method = trimmed.slice(space).trim();
  if (!isToken(method)) return refused('malformed method');
  return parsed({ seq, method });
}

/** Writes a CSeq value. */
export function serializeCSeq(cseq: CSeq): string {
  return `${cseq.seq} ${cseq.method}`;
}

/**
 * The method named by a message's CSeq: what a client transaction matches a response by, with
 * the top Via's branch. https://www.rfc-editor.org/rfc/rfc3261#section-17.1.3
 */
export function cseqMethod(headers: SipHeaders): string | undefined {
  const cseq = parseCSeq(headers.get('CSeq') ?? '');
  return cseq.ok ? cseq.value.method : undefined;
}
