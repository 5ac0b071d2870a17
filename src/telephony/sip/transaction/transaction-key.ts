/**
 * Matching requests and responses to transactions.
 *
 * Server side (RFC 3261 section 17.2.3): an RFC 3261 branch, the sent-by of
 * the top Via and the method identify the transaction, with ACK matching its
 * INVITE. A request from an RFC 2543 client (no magic cookie) is matched on
 * the fields that identified a transaction then: Request-URI, To tag, From
 * tag, Call-ID, CSeq number and the top Via.
 *
 * Client side (section 17.1.3): the top Via's branch and the CSeq method.
 * https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
 */
import {
  cseqMethod,
  isRfc3261Branch,
  nameAddrTag,
  parseNameAddr,
  parseCSeq,
  parseTopVia,
  serializeUri,
  type SipRequest,
  type SipResponse,
} from '../message/index.js';

/** The server transaction a request belongs to; null when its top Via cannot be read. */
export function serverTransactionKey(request: SipRequest): string | null {
  const via = parseTopVia(request.headers);
  if (!via.ok) return null;
  const method = request.method === 'ACK' ? 'INVITE' : request.method;
  const sentBy = `${via.value.host}:${via.value.port ?? ''}`;
  if (isRfc3261Branch(via.value.branch)) return `${via.value.branch}\n${sentBy}\n${method}`;
  const cseq = parseCSeq(request.headers.get('CSeq') ?? '');
  if (!cseq.ok) return null;
  // RFC 2543 matching (section 17.2.3, last paragraphs); the To tag is left out, as an ACK
  // carries the tag of our response while the INVITE had none.
  return [
    '2543',
    serializeUri(request.requestUri),
    request.headers.get('Call-ID') ?? '',
    tagOf(request.headers.get('From') ?? ''),
    cseq.value.seq,
    sentBy,
    via.value.branch ?? '',
    method,
  ].join('\n');
}

/** The INVITE server transaction a CANCEL cancels (section 9.2): the same key, for INVITE. */
export function cancelledInviteKey(cancel: SipRequest): string | null {
  const key = serverTransactionKey(cancel);
  return key === null ? null : key.replace(/\nCANCEL$/, '\nINVITE');
}

/** The client transaction a response belongs to. */
export function clientTransactionKey(message: SipRequest | SipResponse): string | null {
  const via = parseTopVia(message.headers);
  const method = cseqMethod(message.headers);
  if (!via.ok || via.value.branch === undefined || method === undefined) return null;
  return `${via.value.branch}\n${method === 'ACK' ? 'INVITE' : method}`;
}

function tagOf(value: string): string {
  const from = parseNameAddr(value);
  return from.ok ? (nameAddrTag(from.value) ?? '') : '';
}
