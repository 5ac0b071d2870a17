import {
  type HeaderParam,
  findHeaderParam,
  parseHeaderParams,
  serializeHeaderParams,
  withHeaderParam,
} from './header-params.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { isTokenChar, isWhitespace, quoteString, readQuotedString, skipWhitespace } from './sip-grammar.js';
import { type Uri, parseUri, serializeUri } from './uri.js';

/**
 * The value of From, To, Contact, Route, Record-Route, Reply-To, Refer-To and the like:
 * `( name-addr / addr-spec ) *( SEMI param )`, where `name-addr = [ display-name ] LAQUOT
 * addr-spec RAQUOT`. https://www.rfc-editor.org/rfc/rfc3261#section-20.10
 */
export interface NameAddr {
  /** Unquoted and unescaped; absent when none was written, `''` for `"" <sip:...>`. */
  readonly displayName?: string;
  readonly uri: Uri;
  /** Header parameters after the URI (`tag`, `expires`, `q`, `lr`...), values as written. */
  readonly params: readonly HeaderParam[];
}

/**
 * Reads a name-addr or addr-spec with its header parameters.
 *
 * Without angle brackets, a `;` ends the URI: the parameters that follow belong to the header
 * field, not to the URI (section 20.10: an addr-spec holding a comma, semicolon or question mark
 * must be written in the name-addr form). An unquoted display name may hold UTF-8, as many phones
 * send it, though the grammar asks for tokens.
 */
export function parseNameAddr(text: string): ParseResult<NameAddr> {
  let i = skipWhitespace(text, 0);
  let displayName: string | undefined;
  let uriText: string;
  let after: number;
  if (text.charCodeAt(i) === 0x22) {
    const quoted = readQuotedString(text, i);
    if (quoted === undefined) return refused('unterminated display name');
    displayName = quoted.value;
    i = skipWhitespace(text, quoted.end);
    if (text.charCodeAt(i) !== 0x3c) return refused('display name without <URI>');
  } else {
    let j = i;
    while (j < text.length && isDisplayNameChar(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) === 0x3c) {
      const name = text.slice(i, j).trim();
      if (name.length > 0) displayName = name;
      i = j;
    }
  }
  if (text.charCodeAt(i) === 0x3c) {
    const close = text.indexOf('>', i + 1);
    if (close === -1) return refused('unterminated <URI>');
    uriText = text.slice(i + 1, close).trim();
    after = close + 1;
  } else {
    after = i;
    while (after < text.length && text.charCodeAt(after) !== 0x3b && !isWhitespace(text.charCodeAt(after)))
      after++;
    uriText = text.slice(i, after);
  }
  const uri = parseUri(uriText);
  if (!uri.ok) return uri;
  const params = parseHeaderParams(text, after);
  if (params === undefined || params.end !== text.length) return refused('malformed header parameter');
  const value: NameAddr =
    displayName === undefined
      ? { uri: uri.value, params: params.params }
      : { displayName, uri: uri.value, params: params.params };
  return parsed(value);
}

function isDisplayNameChar(code: number): boolean {
  return isTokenChar(code) || isWhitespace(code) || code >= 0x80;
}

/** Writes the name-addr form: the URI always in angle brackets, a display name always quoted. */
export function serializeNameAddr(value: NameAddr): string {
  const name = value.displayName === undefined ? '' : quoteString(value.displayName) + ' ';
  return `${name}<${serializeUri(value.uri)}>${serializeHeaderParams(value.params)}`;
}

/**
 * The `tag` parameter of a From or To value, which with the Call-ID identifies a dialog.
 * https://www.rfc-editor.org/rfc/rfc3261#section-19.3
 */
export function nameAddrTag(value: NameAddr): string | undefined {
  return findHeaderParam(value.params, 'tag') ?? undefined;
}

/** A copy of `value` carrying `tag` (replacing any tag it had). */
export function withTag(value: NameAddr, tag: string): NameAddr {
  return { ...value, params: withHeaderParam(value.params, 'tag', tag) };
}

/** True for the `Contact: *` of a REGISTER that removes every binding (section 10.2.2). */
export function isWildcardContact(text: string): boolean {
  return text.trim() === '*';
}
