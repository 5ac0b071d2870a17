import { parseNameAddr, serializeNameAddr, withTag, nameAddrTag } from './name-addr.js';
import { reasonPhrase } from './reason-phrases.js';
import { SipHeaders } from './sip-headers.js';
import { SIP_VERSION, type SipRequest, type SipResponse } from './sip-message.js';

/** Shared by every body-less response: a zero-length Buffer has nothing to overwrite. */
const EMPTY_BODY: Buffer = Buffer.alloc(0);

/** What {@link buildResponse} adds to the copied header fields. */
export interface BuildResponseOptions {
  /**
   * The UAS's tag, added to To when the request's To has none: "the UAS MUST add a tag to the To
   * header field in the response (with the exception of the 100 (Trying) response, in which a tag
   * MAY be present)". https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2
   */
  readonly toTag?: string;
  /** Extra header fields (Contact, Allow, Supported, Retry-After...), appended in order. */
  readonly headers?: Iterable<readonly [string, string]>;
  /** The body, with its Content-Type. */
  readonly body?: { readonly contentType: string; readonly content: Buffer };
}

/**
 * Builds a response to `request` as a UAS does (https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6):
 * "The From field of the response MUST equal the From header field of the request. The Call-ID
 * ... MUST equal the Call-ID ... The CSeq ... MUST equal the CSeq ... The Via header field values
 * in the response MUST equal the Via header field values in the request and MUST maintain the same
 * ordering." To is copied, with `options.toTag` added when it has no tag (not on 100). A 100 also
 * copies Timestamp (section 8.2.6.1).
 *
 * Takes any object with the request's headers, so a refused request's partial headers will do.
 */
export function buildResponse(
  request: Pick<SipRequest, 'headers'>,
  status: number,
  reason?: string,
  options: BuildResponseOptions = {},
): SipResponse {
  if (!Number.isInteger(status) || status < 100 || status > 699) {
    throw new RangeError(`SIP status ${status} is not a code from 100 to 699`);
  }
  if (reason !== undefined && (reason.includes('\r') || reason.includes('\n'))) {
    throw new RangeError('a Reason-Phrase cannot hold a line break');
  }
  const source = request.headers;
  const headers = new SipHeaders();
  for (const via of source.getAll('Via')) headers.append('Via', via);
  copy(source, headers, 'From');
  const to = source.get('To');
  if (to !== undefined) headers.append('To', status === 100 ? to : tagged(to, options.toTag));
  copy(source, headers, 'Call-ID');
  copy(source, headers, 'CSeq');
  if (status === 100) copy(source, headers, 'Timestamp');
  for (const [name, value] of options.headers ?? []) headers.append(name, value);
  let body = EMPTY_BODY;
  if (options.body !== undefined) {
    headers.append('Content-Type', options.body.contentType);
    body = options.body.content;
  }
  return {
    kind: 'response',
    version: SIP_VERSION,
    status,
    reason: reason ?? reasonPhrase(status),
    headers,
    body,
  };
}

function copy(from: SipHeaders, to: SipHeaders, name: string): void {
  const value = from.get(name);
  if (value !== undefined) to.append(name, value);
}

/** The To value with `tag` added, unless it has a tag already or cannot be parsed. */
function tagged(to: string, tag: string | undefined): string {
  if (tag === undefined) return to;
  const value = parseNameAddr(to);
  if (!value.ok || nameAddrTag(value.value) !== undefined) return to;
  return serializeNameAddr(withTag(value.value, tag));
}
