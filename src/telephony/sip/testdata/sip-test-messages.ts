/**
 * SIP requests and responses for the transaction, dialog, UA and transport tests, written as wire
 * text and parsed by the real message layer, so a test message is one a peer could send. Each
 * field a test cares about (branch, sent-by, tags, CSeq, transport) is an option; the rest keep
 * the defaults of one call from Alice (192.0.2.10) to the IVR.
 */
import { parseSipMessage, type SipMessage, type SipRequest, type SipResponse } from '../message/index.js';

/** Alice's side of the call the defaults describe. */
export const ALICE_TAG = 'alice-tag';
export const DEFAULT_CALL_ID = 'call-1@192.0.2.10';
export const DEFAULT_BRANCH = 'z9hG4bK-invite-1';
export const DEFAULT_SENT_BY = '192.0.2.10:5070';
export const ALICE_CONTACT = '<sip:alice@192.0.2.10:5070>';

export interface TestMessageOptions {
  readonly requestUri?: string;
  readonly transport?: 'UDP' | 'TCP';
  /** `host:port` of the top Via. */
  readonly sentBy?: string;
  /** The top Via's branch; null writes a Via without one (an RFC 2543 client). */
  readonly branch?: string | null;
  /** Adds a bare `;rport` to the top Via (RFC 3581). */
  readonly rport?: boolean;
  /** Via values below the top one. */
  readonly lowerVias?: readonly string[];
  readonly fromTag?: string | null;
  readonly toTag?: string | null;
  readonly callId?: string;
  readonly cseq?: number;
  /** The CSeq method when it differs from the request's (a response names its request's). */
  readonly cseqMethod?: string;
  /** The Contact value; null leaves it out. INVITE defaults to Alice's, others to none. */
  readonly contact?: string | null;
  readonly recordRoutes?: readonly string[];
  /** The Max-Forwards value as written; null leaves it out. */
  readonly maxForwards?: string | null;
  readonly body?: string;
  readonly contentType?: string;
  /** Written instead of the real body length, for a lying Content-Length. */
  readonly contentLength?: number;
  /** Whole header lines added after the others. */
  readonly extraHeaders?: readonly string[];
}

/** The header lines every message shares: Via, From, To, Call-ID, CSeq. */
function commonHeaderLines(method: string, options: TestMessageOptions): string[] {
  const branch = options.branch === undefined ? DEFAULT_BRANCH : options.branch;
  const via =
    `SIP/2.0/${options.transport ?? 'UDP'} ${options.sentBy ?? DEFAULT_SENT_BY}` +
    (branch === null ? '' : `;branch=${branch}`) +
    (options.rport === true ? ';rport' : '');
  const fromTag = options.fromTag === undefined ? ALICE_TAG : options.fromTag;
  const toTag = options.toTag ?? null;
  return [
    `Via: ${via}`,
    ...(options.lowerVias ?? []).map((value) => `Via: ${value}`),
    `From: "Alice" <sip:alice@192.0.2.10>${fromTag === null ? '' : `;tag=${fromTag}`}`,
    `To: <sip:ivr@127.0.0.1>${toTag === null ? '' : `;tag=${toTag}`}`,
    `Call-ID: ${options.callId ?? DEFAULT_CALL_ID}`,
    `CSeq: ${options.cseq ?? 1} ${options.cseqMethod ?? method}`,
  ];
}

/** Headers after the common ones, the empty line and the body. */
function tail(lines: string[], options: TestMessageOptions): string {
  const body = options.body ?? '';
  if (options.contentType !== undefined) lines.push(`Content-Type: ${options.contentType}`);
  lines.push(...(options.extraHeaders ?? []));
  lines.push(`Content-Length: ${options.contentLength ?? Buffer.byteLength(body)}`);
  return lines.join('\r\n') + '\r\n\r\n' + body;
}

/** The wire text of a request. */
export function buildRequestText(method: string, options: TestMessageOptions = {}): string {
  const contact =
    options.contact === undefined ? (method === 'INVITE' ? ALICE_CONTACT : null) : options.contact;
  const maxForwards = options.maxForwards === undefined ? '70' : options.maxForwards;
  const lines = [
    `${method} ${options.requestUri ?? 'sip:ivr@127.0.0.1'} SIP/2.0`,
    ...commonHeaderLines(method, options),
    ...(maxForwards === null ? [] : [`Max-Forwards: ${maxForwards}`]),
    ...(contact === null ? [] : [`Contact: ${contact}`]),
    ...(options.recordRoutes ?? []).map((route) => `Record-Route: ${route}`),
  ];
  return tail(lines, options);
}

/** The wire text of a response to a request described by `options` (CSeq method defaults to INVITE). */
export function buildResponseText(status: number, reason: string, options: TestMessageOptions = {}): string {
  const lines = [`SIP/2.0 ${status} ${reason}`, ...commonHeaderLines('INVITE', options)];
  if (options.contact !== undefined && options.contact !== null) lines.push(`Contact: ${options.contact}`);
  return tail(lines, options);
}

function parseOrThrow(text: string): SipMessage {
  const parsed = parseSipMessage(Buffer.from(text));
  // A test message that does not parse is a bug in the test, not a case under test.
  if (!parsed.ok) throw new Error(`test message refused: ${parsed.reason}\n${text}`);
  return parsed.message;
}

/** A parsed request. */
export function buildTestRequest(method: string, options: TestMessageOptions = {}): SipRequest {
  const message = parseOrThrow(buildRequestText(method, options));
  if (message.kind !== 'request') throw new Error('expected a request');
  return message;
}

/** A parsed response. */
export function buildTestResponse(status: number, options: TestMessageOptions = {}): SipResponse {
  const message = parseOrThrow(buildResponseText(status, 'Test', options));
  if (message.kind !== 'response') throw new Error('expected a response');
  return message;
}

export const buildInvite = (options: TestMessageOptions = {}): SipRequest =>
  buildTestRequest('INVITE', options);

/** An ACK: for a non-2xx it keeps the INVITE's branch; pass a new branch for the ACK of a 2xx. */
export const buildAck = (options: TestMessageOptions = {}): SipRequest => buildTestRequest('ACK', options);

export const buildBye = (options: TestMessageOptions = {}): SipRequest =>
  buildTestRequest('BYE', { cseq: 2, ...options });

/** A CANCEL: same branch, Call-ID, tags and CSeq number as the INVITE it cancels (section 9.1). */
export const buildCancel = (options: TestMessageOptions = {}): SipRequest =>
  buildTestRequest('CANCEL', options);

export const buildOptions = (options: TestMessageOptions = {}): SipRequest =>
  buildTestRequest('OPTIONS', { branch: 'z9hG4bK-options-1', ...options });

/** A minimal audio SDP offer (RFC 4566); `direction` marks hold (sendonly) or resume. */
export function sdpOffer(direction: 'sendrecv' | 'sendonly' = 'sendrecv'): string {
  return [
    'v=0',
    'o=alice 1 1 IN IP4 192.0.2.10',
    's=-',
    'c=IN IP4 192.0.2.10',
    't=0 0',
    'm=audio 40000 RTP/AVP 0',
    'a=rtpmap:0 PCMU/8000',
    `a=${direction}`,
    '',
  ].join('\r\n');
}
