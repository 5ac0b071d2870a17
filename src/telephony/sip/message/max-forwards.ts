import { parseDecimal } from './decimal.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { MAX_MAX_FORWARDS } from './sip-limits.js';

/**
 * `Max-Forwards = "Max-Forwards" HCOLON 1*DIGIT`, "an integer in the range 0-255".
 * https://www.rfc-editor.org/rfc/rfc3261#section-20.22
 */
export function parseMaxForwards(text: string): ParseResult<number> {
  const hops = parseDecimal(text.trim(), MAX_MAX_FORWARDS);
  return hops === undefined ? refused('malformed Max-Forwards') : parsed(hops);
}

/** Writes a Max-Forwards value. */
export function serializeMaxForwards(hops: number): string {
  return String(hops);
}
