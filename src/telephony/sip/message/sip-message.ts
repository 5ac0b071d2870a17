import type { SipHeaders } from './sip-headers.js';
import type { Uri } from './uri.js';

/**
 * The SIP message model: a request or a response, told apart by `kind`.
 * https://www.rfc-editor.org/rfc/rfc3261#section-7
 */

/** The protocol version this stack speaks and accepts. */
export const SIP_VERSION = 'SIP/2.0';

/**
 * Methods this stack knows by name: RFC 3261 and the extensions an IVR meets. Any other token is
 * still a valid method (`extension-method`), so message fields are typed `string`.
 */
export const SipMethod = {
  ACK: 'ACK',
  BYE: 'BYE',
  CANCEL: 'CANCEL',
  INFO: 'INFO',
  INVITE: 'INVITE',
  MESSAGE: 'MESSAGE',
  NOTIFY: 'NOTIFY',
  OPTIONS: 'OPTIONS',
  PRACK: 'PRACK',
  PUBLISH: 'PUBLISH',
  REFER: 'REFER',
  REGISTER: 'REGISTER',
  SUBSCRIBE: 'SUBSCRIBE',
  UPDATE: 'UPDATE',
} as const;

/** One of the methods in {@link SipMethod}. */
export type SipMethod = (typeof SipMethod)[keyof typeof SipMethod];

/** `Request = Request-Line *( message-header ) CRLF [ message-body ]` (section 7.1). */
export interface SipRequest {
  readonly kind: 'request';
  /** Case-sensitive token: `INVITE`. */
  readonly method: string;
  readonly requestUri: Uri;
  /** `SIP/2.0`. */
  readonly version: string;
  readonly headers: SipHeaders;
  /** The message body; may share memory with the bytes it was parsed from. */
  readonly body: Buffer;
}

/** `Response = Status-Line *( message-header ) CRLF [ message-body ]` (section 7.2). */
export interface SipResponse {
  readonly kind: 'response';
  /** `SIP/2.0`. */
  readonly version: string;
  /** 100 to 699. */
  readonly status: number;
  /** The Reason-Phrase, possibly empty. */
  readonly reason: string;
  readonly headers: SipHeaders;
  readonly body: Buffer;
}

/** A request or a response. */
export type SipMessage = SipRequest | SipResponse;

/** True for a request. */
export function isSipRequest(message: SipMessage): message is SipRequest {
  return message.kind === 'request';
}

/** True for a response. */
export function isSipResponse(message: SipMessage): message is SipResponse {
  return message.kind === 'response';
}
