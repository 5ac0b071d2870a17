import { parseDecimal } from './decimal.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { MAX_SIP_MESSAGE_BYTES } from './sip-limits.js';

/**
 * `Content-Length = ( "Content-Length" / "l" ) HCOLON 1*DIGIT`: the body's size in octets.
 * https://www.rfc-editor.org/rfc/rfc3261#section-20.14
 *
 * A length past {@link MAX_SIP_MESSAGE_BYTES} is refused here: no acceptable message has one.
 */
export function parseContentLength(text: string): ParseResult<number> {
  const length = parseDecimal(text.trim(), MAX_SIP_MESSAGE_BYTES);
  return length === undefined ? refused('malformed Content-Length') : parsed(length);
}

/** Writes a Content-Length value. */
export function serializeContentLength(length: number): string {
  return String(length);
}
