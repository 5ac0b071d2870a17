import { buildResponse } from './build-response.js';
import type { SipParseFailure } from './parse-sip-message.js';
import type { SipResponse } from './sip-message.js';
import { parseVia } from './via.js';

/**
 * The response a UAS sends to a request it refused to parse, or undefined when none can be sent:
 * the input was a response or unreadable, the request was an ACK (a UAS never answers an ACK;
 * https://www.rfc-editor.org/rfc/rfc3261#section-17), or the fields a response needs to be routed
 * and matched (a readable top Via, From, To, Call-ID, CSeq; section 8.2.6.2) are missing. Such
 * input is dropped, as STYLE.md section 4 says.
 *
 * The response carries the failure's status (400, 505, 513) with its reason as the
 * Reason-Phrase, "400 Missing Call-ID header", as the description of 400 asks: "The Reason-Phrase
 * SHOULD identify the syntax problem in more detail".
 * https://www.rfc-editor.org/rfc/rfc3261#section-21.4.1
 */
export function buildParseFailureResponse(failure: SipParseFailure, toTag?: string): SipResponse | undefined {
  const partial = failure.partial;
  if (partial === undefined || partial.method === 'ACK') return undefined;
  const headers = partial.headers;
  const topVia = headers.get('Via');
  if (topVia === undefined || !parseVia(topVia).ok) return undefined;
  for (const name of ['From', 'To', 'Call-ID', 'CSeq']) if (!headers.has(name)) return undefined;
  return buildResponse(partial, failure.status, failure.reason, toTag === undefined ? {} : { toTag });
}
