import {
  type HeaderParam,
  findHeaderParam,
  parseHeaderParams,
  serializeHeaderParams,
} from './header-params.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { readQuotedString, readToken, skipWhitespace } from './sip-grammar.js';

/**
 * `media-type = m-type SLASH m-subtype *( SEMI m-parameter )`: the body's format, such as
 * `application/sdp`. https://www.rfc-editor.org/rfc/rfc3261#section-20.15
 */
export interface ContentType {
  /** Lower-case (media types are case-insensitive): `application`. */
  readonly type: string;
  /** Lower-case: `sdp`. */
  readonly subtype: string;
  readonly params: readonly HeaderParam[];
}

/** Reads a Content-Type value. */
export function parseContentType(text: string): ParseResult<ContentType> {
  const typeStart = skipWhitespace(text, 0);
  const typeEnd = readToken(text, typeStart);
  let i = skipWhitespace(text, typeEnd);
  if (typeEnd === typeStart || text.charCodeAt(i) !== 0x2f) return refused('malformed media type');
  const subtypeStart = skipWhitespace(text, i + 1);
  const subtypeEnd = readToken(text, subtypeStart);
  if (subtypeEnd === subtypeStart) return refused('malformed media subtype');
  i = subtypeEnd;
  const params = parseHeaderParams(text, i);
  if (params === undefined || params.end !== text.length) return refused('malformed media parameter');
  return parsed({
    type: text.slice(typeStart, typeEnd).toLowerCase(),
    subtype: text.slice(subtypeStart, subtypeEnd).toLowerCase(),
    params: params.params,
  });
}

/** Writes a Content-Type value. */
export function serializeContentType(value: ContentType): string {
  return `${value.type}/${value.subtype}${serializeHeaderParams(value.params)}`;
}

/** True when the body is an SDP session description (RFC 3264 offer or answer). */
export function isSdpContentType(value: ContentType): boolean {
  return value.type === 'application' && value.subtype === 'sdp';
}

/** The `charset` parameter, unquoted, when present. */
export function contentTypeCharset(value: ContentType): string | undefined {
  const charset = findHeaderParam(value.params, 'charset');
  if (charset === undefined || charset === null) return undefined;
  return charset.startsWith('"') ? readQuotedString(charset, 0)?.value : charset;
}
