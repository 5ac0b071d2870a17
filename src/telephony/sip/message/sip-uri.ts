import { type HeaderParam, findHeaderParam } from './header-params.js';
import { parseHostPort, serializeHostPort } from './host-port.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { percentDecode, percentEncode } from './percent-encoding.js';
import { asciiTable } from './sip-grammar.js';

/**
 * A SIP or SIPS URI: `sip:user:password@host:port;uri-parameters?headers`.
 * https://www.rfc-editor.org/rfc/rfc3261#section-19.1.1
 *
 * Every part is held decoded (`%40` becomes `@`) and re-escaped when written, so two spellings of
 * one URI read the same. The scheme and host are lower-case; the user, password and parameters
 * are kept as written (the user part is case-sensitive, section 19.1.4).
 */
export interface SipUri {
  readonly kind: 'sip';
  readonly scheme: 'sip' | 'sips';
  readonly user?: string;
  readonly password?: string;
  /** A hostname, an IPv4 address, or an IPv6 address without its brackets. */
  readonly host: string;
  readonly port?: number;
  /** uri-parameters (`transport`, `user`, `lr`, `maddr`...), decoded; `null` for `;lr`. */
  readonly params: readonly HeaderParam[];
  /** URI headers after `?` (`?Subject=hello&Priority=urgent`), decoded. */
  readonly headers: readonly UriHeader[];
}

/** One `hname=hvalue` pair of a URI's headers component. */
export interface UriHeader {
  readonly name: string;
  readonly value: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const UNRESERVED = "-_.!~*'()";
const USER = asciiTable(UNRESERVED + '&=+$,;?/');
const PASSWORD = asciiTable(UNRESERVED + '&=+$,');
const PARAM = asciiTable(UNRESERVED + '[]/:&+$');
const HEADER = asciiTable(UNRESERVED + '[]/?:+$');

/** Reads a SIP or SIPS URI; the scheme is case-insensitive. */
export function parseSipUri(text: string): ParseResult<SipUri> {
  const colon = text.indexOf(':');
  if (colon === -1) return refused('no scheme');
  const scheme = text.slice(0, colon).toLowerCase();
  if (scheme !== 'sip' && scheme !== 'sips') return refused('not a SIP URI');
  const rest = text.slice(colon + 1);
  // The user part may hold `;` `?` `/`, but no part of a SIP URI may hold a raw `@`, so the
  // first `@` always closes the userinfo.
  const at = rest.indexOf('@');
  if (at !== -1 && rest.indexOf('@', at + 1) !== -1) return refused('more than one @');
  const afterUser = at + 1;
  let hostEnd = afterUser;
  while (hostEnd < rest.length && rest.charCodeAt(hostEnd) !== 0x3b && rest.charCodeAt(hostEnd) !== 0x3f) {
    hostEnd++;
  }
  const hostPort = parseHostPort(rest.slice(afterUser, hostEnd));
  if (!hostPort.ok) return hostPort;
  const questionMark = rest.indexOf('?', hostEnd);
  const paramsText = rest.slice(hostEnd, questionMark === -1 ? rest.length : questionMark);
  const params = parseUriParams(paramsText);
  if (params === undefined) return refused('malformed uri-parameter');
  const headers = questionMark === -1 ? [] : parseUriHeaders(rest.slice(questionMark + 1));
  if (headers === undefined) return refused('malformed URI header');
  const uri: Mutable<SipUri> = { kind: 'sip', scheme, host: hostPort.value.host, params, headers };
  if (hostPort.value.port !== undefined) uri.port = hostPort.value.port;
  if (at !== -1) {
    const userinfo = parseUserinfo(rest.slice(0, at));
    if (userinfo === undefined) return refused('malformed userinfo');
    uri.user = userinfo.user;
    if (userinfo.password !== undefined) uri.password = userinfo.password;
  }
  return parsed(uri);
}

/** `userinfo = ( user / telephone-subscriber ) [ ":" password ] "@"`; the user is not empty. */
function parseUserinfo(text: string): { user: string; password?: string } | undefined {
  const colon = text.indexOf(':');
  const user = decodeIn(colon === -1 ? text : text.slice(0, colon), USER);
  if (user === undefined || user.length === 0) return undefined;
  if (colon === -1) return { user };
  const password = decodeIn(text.slice(colon + 1), PASSWORD);
  return password === undefined ? undefined : { user, password };
}

/** `*( ";" pname [ "=" pvalue ] )`, both non-empty. */
function parseUriParams(text: string): HeaderParam[] | undefined {
  if (text.length === 0) return [];
  const params: HeaderParam[] = [];
  for (const part of text.slice(1).split(';')) {
    const equals = part.indexOf('=');
    const name = decodeIn(equals === -1 ? part : part.slice(0, equals), PARAM);
    if (name === undefined || name.length === 0) return undefined;
    if (equals === -1) {
      params.push({ name, value: null });
      continue;
    }
    const value = decodeIn(part.slice(equals + 1), PARAM);
    if (value === undefined || value.length === 0) return undefined;
    params.push({ name, value });
  }
  return params;
}

/** `hname "=" hvalue *( "&" hname "=" hvalue )`; the value may be empty. */
function parseUriHeaders(text: string): UriHeader[] | undefined {
  const headers: UriHeader[] = [];
  for (const part of text.split('&')) {
    const equals = part.indexOf('=');
    if (equals === -1) return undefined;
    const name = decodeIn(part.slice(0, equals), HEADER);
    const value = decodeIn(part.slice(equals + 1), HEADER);
    if (name === undefined || name.length === 0 || value === undefined) return undefined;
    headers.push({ name, value });
  }
  return headers;
}

/** Decodes `text` after checking that each character is in `allowed` or starts an escape. */
function decodeIn(text: string, allowed: Uint8Array): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x25 && (code >= 128 || allowed[code] !== 1)) return undefined;
  }
  return percentDecode(text);
}

/** Writes a SIP or SIPS URI, escaping what each part's alphabet does not allow. */
export function serializeSipUri(uri: SipUri): string {
  let out = uri.scheme + ':';
  if (uri.user !== undefined) {
    out += percentEncode(uri.user, USER);
    if (uri.password !== undefined) out += ':' + percentEncode(uri.password, PASSWORD);
    out += '@';
  }
  out += serializeHostPort(uri);
  for (const param of uri.params) {
    out += ';' + percentEncode(param.name, PARAM);
    if (param.value !== null) out += '=' + percentEncode(param.value, PARAM);
  }
  let separator = '?';
  for (const header of uri.headers) {
    out += separator + percentEncode(header.name, HEADER) + '=' + percentEncode(header.value, HEADER);
    separator = '&';
  }
  return out;
}

/**
 * uri-parameters that make two URIs differ when only one of them has it. Section 19.1.4 names
 * user, ttl, method and maddr; its examples also tell `sip:bob@biloxi.com` and
 * `sip:bob@biloxi.com;transport=udp` apart, so transport is here too.
 */
const SIGNIFICANT_PARAMS = ['user', 'ttl', 'method', 'maddr', 'transport'] as const;

/**
 * SIP URI equivalence, https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4: same scheme,
 * same userinfo (case-sensitive), same host (case-insensitive), same port (an absent port does not
 * equal an explicit 5060), matching values for parameters both carry, the significant parameters
 * on both or neither, and the same URI headers.
 */
export function sipUriEquals(a: SipUri, b: SipUri): boolean {
  if (a.scheme !== b.scheme || a.user !== b.user || a.password !== b.password) return false;
  if (a.host !== b.host || a.port !== b.port) return false;
  for (const name of SIGNIFICANT_PARAMS) {
    if ((findHeaderParam(a.params, name) === undefined) !== (findHeaderParam(b.params, name) === undefined)) {
      return false;
    }
  }
  for (const param of a.params) {
    const other = findHeaderParam(b.params, param.name);
    if (other !== undefined && other?.toLowerCase() !== param.value?.toLowerCase()) return false;
  }
  if (a.headers.length !== b.headers.length) return false;
  return a.headers.every((header) =>
    b.headers.some((h) => h.name.toLowerCase() === header.name.toLowerCase() && h.value === header.value),
  );
}
