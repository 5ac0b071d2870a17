import type { ParseResult } from './parse-result.js';
import { refused } from './parse-result.js';
import type { SipHeaders } from './sip-headers.js';
import { type Via, parseVia } from './via.js';

/**
 * The top Via of a message: where a response goes (https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2)
 * and, through its branch, which transaction a message belongs to (section 17.2.3).
 */
export function parseTopVia(headers: SipHeaders): ParseResult<Via> {
  const value = headers.get('Via');
  return value === undefined ? refused('no Via') : parseVia(value);
}

/** The top Via's branch parameter, when there is one. */
export function topViaBranch(headers: SipHeaders): string | undefined {
  const via = parseTopVia(headers);
  return via.ok ? via.value.branch : undefined;
}
