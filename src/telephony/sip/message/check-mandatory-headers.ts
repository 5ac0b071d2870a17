import { parseCSeq } from './cseq.js';
import { parseMaxForwards } from './max-forwards.js';
import { parseNameAddr } from './name-addr.js';
import { isWordChar } from './sip-grammar.js';
import type { SipHeaders } from './sip-headers.js';
import { parseVia } from './via.js';

/**
 * Checks the header fields every request must carry, "To, From, CSeq, Call-ID, Max-Forwards, and
 * Via; all of these header fields are mandatory in all SIP requests"
 * (https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1), and that a response carries the ones it
 * is matched and routed by. Returns the first defect as a Reason-Phrase, or undefined.
 *
 * Max-Forwards may be absent: many UAs omit it, and a UAS loses nothing by accepting that. The
 * single-valued fields may not appear twice (a second From or Call-ID makes the dialog ambiguous).
 * Only the top Via is parsed: it alone routes the response (section 18.2.2).
 *
 * @param method the request's method, or undefined for a response
 */
export function checkMandatoryHeaders(headers: SipHeaders, method: string | undefined): string | undefined {
  const via = headers.get('Via');
  if (via === undefined) return 'Missing Via header';
  if (!parseVia(via).ok) return 'Malformed Via header';
  for (const name of ['From', 'To'] as const) {
    const failure = checkSingle(headers, name);
    if (failure !== undefined) return failure;
    if (!parseNameAddr(headers.get(name) ?? '').ok) return `Malformed ${name} header`;
  }
  const callIdFailure = checkSingle(headers, 'Call-ID');
  if (callIdFailure !== undefined) return callIdFailure;
  if (!isCallId(headers.get('Call-ID') ?? '')) return 'Malformed Call-ID header';
  const cseqFailure = checkSingle(headers, 'CSeq');
  if (cseqFailure !== undefined) return cseqFailure;
  const cseq = parseCSeq(headers.get('CSeq') ?? '');
  if (!cseq.ok) return 'Malformed CSeq header';
  if (method === undefined) return undefined;
  // "The method MUST match that of the request." https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.5
  if (cseq.value.method !== method) return 'CSeq method does not match request method';
  const maxForwards = headers.getAll('Max-Forwards');
  if (maxForwards.length > 1) return 'Duplicate Max-Forwards header';
  if (maxForwards[0] !== undefined && !parseMaxForwards(maxForwards[0]).ok)
    return 'Malformed Max-Forwards header';
  return undefined;
}

function checkSingle(headers: SipHeaders, name: string): string | undefined {
  const count = headers.count(name);
  if (count === 0) return `Missing ${name} header`;
  if (count > 1) return `Duplicate ${name} header`;
  return undefined;
}

/** `callid = word [ "@" word ]`. https://www.rfc-editor.org/rfc/rfc3261#section-25.1 */
export function isCallId(text: string): boolean {
  const at = text.indexOf('@');
  if (at === 0 || at === text.length - 1 || text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    if (i !== at && !isWordChar(text.charCodeAt(i))) return false;
  }
  return true;
}
