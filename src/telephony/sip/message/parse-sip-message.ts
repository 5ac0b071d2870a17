import { checkMandatoryHeaders } from './check-mandatory-headers.js';
import { parseContentLength } from './content-length.js';
import { parseHeaderLines } from './parse-header-lines.js';
import { parseStartLine } from './parse-start-line.js';
import { scanHeaderSection, skipLeadingLineEnds } from './scan-header-section.js';
import { SipHeaders } from './sip-headers.js';
import { MAX_SIP_MESSAGE_BYTES } from './sip-limits.js';
import { SIP_VERSION, type SipMessage } from './sip-message.js';
import { parseUri } from './uri.js';

/** How the bytes arrived. */
export interface SipParseOptions {
  /**
   * True on TCP and TLS: "If a stream-based protocol (such as TCP) is used as transport, the
   * header field MUST be used" (https://www.rfc-editor.org/rfc/rfc3261#section-20.14), so a
   * missing Content-Length is refused.
   */
  readonly stream?: boolean;
}

/** What could be read of a refused request: enough to answer it with 400 (section 8.2.2 spirit). */
export interface SipPartialRequest {
  readonly method: string;
  /** Every header field read before the defect, comma lists split. */
  readonly headers: SipHeaders;
}

/** A refused message. */
export interface SipParseFailure {
  readonly ok: false;
  /** The defect, worded to stand as the Reason-Phrase of the answer: "Missing Call-ID header". */
  readonly reason: string;
  /** The status a UAS answers with: 400, 505 (version) or 513 (too large). */
  readonly status: number;
  /** Present when the input was a request whose start line could be read. */
  readonly partial?: SipPartialRequest;
}

/** A parsed message, or why it was refused. */
export type SipParseResult = { readonly ok: true; readonly message: SipMessage } | SipParseFailure;

/**
 * Parses one SIP message: a UDP datagram, or one message cut from a stream by SipStreamFramer.
 * Never throws on hostile input.
 *
 * The body is the Content-Length octets after the empty line. On UDP, octets past it are dropped
 * and a missing Content-Length means the rest of the datagram
 * (https://www.rfc-editor.org/rfc/rfc3261#section-18.3); a Content-Length larger than what
 * arrived refuses the message. The returned body shares memory with `bytes`.
 */
export function parseSipMessage(bytes: Buffer | Uint8Array, options: SipParseOptions = {}): SipParseResult {
  const input = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // 513 Message Too Large: https://www.rfc-editor.org/rfc/rfc3261#section-21.5.14
  if (input.length > MAX_SIP_MESSAGE_BYTES) return failure('Message too large', 513);
  const start = skipLeadingLineEnds(input);
  if (start === input.length) return failure('Empty message');
  const section = scanHeaderSection(input, start);
  if (!section.ok) return failure(section.reason);
  const head = input.toString('utf8', start, section.headEnd);
  const lineEnd = head.indexOf('\n');
  const startLine = parseStartLine(lineEnd === -1 ? head : head.slice(0, lineEnd).replace(/\r$/, ''));
  if (!startLine.ok) return failure(startLine.reason);
  const headers = new SipHeaders();
  const partial = startLine.kind === 'request' ? { method: startLine.method, headers } : undefined;
  const headerFailure = lineEnd === -1 ? undefined : parseHeaderLines(head, lineEnd + 1, headers);
  if (headerFailure !== undefined) return failure(headerFailure, 400, partial);
  // A request in a version the UAS does not speak is answered 505 (Version Not Supported).
  // https://www.rfc-editor.org/rfc/rfc3261#section-21.5.7
  if (startLine.version !== SIP_VERSION) return failure('Unsupported SIP version', 505, partial);
  const mandatoryFailure = checkMandatoryHeaders(headers, partial?.method);
  if (mandatoryFailure !== undefined) return failure(mandatoryFailure, 400, partial);
  const body = readBody(input, section.bodyStart, headers, options.stream === true);
  if (typeof body === 'string') return failure(body, 400, partial);
  if (startLine.kind === 'response') {
    const { version, status, reason } = startLine;
    return { ok: true, message: { kind: 'response', version, status, reason, headers, body } };
  }
  const requestUri = parseUri(startLine.uri);
  if (!requestUri.ok) return failure('Malformed Request-URI', 400, partial);
  const { method, version } = startLine;
  return {
    ok: true,
    message: { kind: 'request', method, requestUri: requestUri.value, version, headers, body },
  };
}

/** The body by Content-Length, or the defect (a Reason-Phrase). */
function readBody(input: Buffer, bodyStart: number, headers: SipHeaders, stream: boolean): Buffer | string {
  const values = headers.getAll('Content-Length');
  const available = input.length - bodyStart;
  if (values.length === 0) return stream ? 'Missing Content-Length header' : input.subarray(bodyStart);
  // Two lengths would let two parsers disagree on where the message ends.
  if (values.length > 1) return 'Duplicate Content-Length header';
  const length = parseContentLength(values[0] ?? '');
  if (!length.ok) return 'Malformed Content-Length header';
  if (length.value > available) return 'Content-Length larger than body';
  return input.subarray(bodyStart, bodyStart + length.value);
}

function failure(reason: string, status = 400, partial?: SipPartialRequest): SipParseFailure {
  return partial === undefined ? { ok: false, reason, status } : { ok: false, reason, status, partial };
}
