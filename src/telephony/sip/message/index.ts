/**
 * The SIP message layer: the message model, typed header values, the parser and serializer, the
 * stream framer, response building and fresh identifiers (RFC 3261 sections 7, 18.3, 19, 20, 25;
 * RFC 3581). The transaction, transport and dialog layers import from here.
 */
export { parseAllow, serializeAllow } from './allow.js';
export { buildParseFailureResponse } from './build-parse-failure-response.js';
export { type BuildResponseOptions, buildResponse } from './build-response.js';
export { isCallId } from './check-mandatory-headers.js';
export { parseContentLength, serializeContentLength } from './content-length.js';
export {
  type ContentType,
  contentTypeCharset,
  isSdpContentType,
  parseContentType,
  serializeContentType,
} from './content-type.js';
export { type CSeq, cseqMethod, parseCSeq, serializeCSeq } from './cseq.js';
export { type HeaderName, headerKey, lookupHeaderName } from './header-names.js';
export {
  type HeaderParam,
  findHeaderParam,
  isValidHeaderParam,
  parseHeaderParams,
  serializeHeaderParams,
  withHeaderParam,
} from './header-params.js';
export { type HostPort, parseHost, parseHostPort, serializeHost, serializeHostPort } from './host-port.js';
export { parseMaxForwards, serializeMaxForwards } from './max-forwards.js';
export {
  type NameAddr,
  isWildcardContact,
  nameAddrTag,
  parseNameAddr,
  serializeNameAddr,
  withTag,
} from './name-addr.js';
export type { ParseFailure, ParseResult } from './parse-result.js';
export {
  type SipParseFailure,
  type SipParseOptions,
  type SipParseResult,
  type SipPartialRequest,
  parseSipMessage,
} from './parse-sip-message.js';
export { generateBranch, generateCallId, generateTag } from './random-identifiers.js';
export { reasonPhrase } from './reason-phrases.js';
export { serializeSipMessage } from './serialize-sip-message.js';
export { type SipHeaderEntry, SipHeaders } from './sip-headers.js';
export {
  MAX_CSEQ_NUMBER,
  MAX_MAX_FORWARDS,
  MAX_SIP_HEADER_COUNT,
  MAX_SIP_HEADER_LINE_BYTES,
  MAX_SIP_MESSAGE_BYTES,
} from './sip-limits.js';
export {
  SIP_VERSION,
  SipMethod,
  type SipMessage,
  type SipRequest,
  type SipResponse,
  isSipRequest,
  isSipResponse,
} from './sip-message.js';
export { type SipFramingResult, SipStreamFramer, type SipStreamFramerOptions } from './sip-stream-framer.js';
export { type SipUri, type UriHeader, parseSipUri, serializeSipUri, sipUriEquals } from './sip-uri.js';
export { splitHeaderValue } from './split-header-value.js';
export { type TelUri, parseTelUri, serializeTelUri } from './tel-uri.js';
export { parseTopVia, topViaBranch } from './top-via.js';
export { type AbsoluteUri, type Uri, parseUri, serializeUri } from './uri.js';
export {
  BRANCH_MAGIC_COOKIE,
  type BuildViaOptions,
  type Via,
  buildVia,
  isRfc3261Branch,
  parseVia,
  serializeVia,
} from './via.js';
