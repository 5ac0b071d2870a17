import { type HeaderParam, parseHeaderParams, serializeHeaderParams } from './header-params.js';
import { parseAddress, parseHost, parsePort, serializeHost } from './host-port.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { isToken, isWhitespace, readToken, skipWhitespace } from './sip-grammar.js';

/**
 * One Via value: `sent-protocol LWS sent-by *( SEMI via-params )`.
 * https://www.rfc-editor.org/rfc/rfc3261#section-20.42
 *
 * The parameters the transport and transaction layers act on have fields of their own; any other
 * parameter stays in `params`, in order.
 */
export interface Via {
  /** `SIP`. */
  readonly protocolName: string;
  /** `2.0`. */
  readonly protocolVersion: string;
  /** Upper-case: `UDP`, `TCP`, `TLS`, `SCTP`, `WS`... */
  readonly transport: string;
  /** The sent-by host; an IPv6 address without brackets. */
  readonly host: string;
  readonly port?: number;
  /** The transaction id of RFC 3261 section 17.1.3 (`z9hG4bK...`). */
  readonly branch?: string;
  /** The source address a server saw, added per section 18.2.1. */
  readonly received?: string;
  /**
   * RFC 3581 symmetric response routing: `true` for a bare `rport` (the client asks for it),
   * the source port once a server filled it in. https://www.rfc-editor.org/rfc/rfc3581#section-4
   */
  readonly rport?: number | true;
  readonly maddr?: string;
  readonly ttl?: number;
  /** Every other via-extension, values as written. */
  readonly params: readonly HeaderParam[];
}

/**
 * The magic cookie that starts the branch of an RFC 3261 client, telling its transaction id apart
 * from an RFC 2543 one. https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.7
 */
export const BRANCH_MAGIC_COOKIE = 'z9hG4bK';

/** True when `branch` was made by an RFC 3261 client, so it alone identifies the transaction. */
export function isRfc3261Branch(branch: string | undefined): branch is string {
  return branch !== undefined && branch.startsWith(BRANCH_MAGIC_COOKIE);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads one Via value; whitespace is allowed around `/` and `:` (SLASH and COLON are SWS-padded). */
export function parseVia(text: string): ParseResult<Via> {
  const protocol = readSentProtocol(text);
  if (protocol === undefined) return refused('malformed sent-protocol');
  let i = protocol.end;
  if (!isWhitespace(text.charCodeAt(i))) return refused('missing space after sent-protocol');
  i = skipWhitespace(text, i);
  const hostEnd = text.charCodeAt(i) === 0x5b ? text.indexOf(']', i) + 1 : readHostChars(text, i);
  const host = hostEnd > i ? parseHost(text.slice(i, hostEnd)) : undefined;
  if (host === undefined) return refused('malformed sent-by host');
  // Fields are listed rather than spread: object spread costs a microsecond here, per message.
  const { protocolName, protocolVersion, transport } = protocol.value;
  const via: Mutable<Via> = { protocolName, protocolVersion, transport, host, params: [] };
  i = skipWhitespace(text, hostEnd);
  if (text.charCodeAt(i) === 0x3a) {
    const portStart = skipWhitespace(text, i + 1);
    let portEnd = portStart;
    while (portEnd < text.length && isDigit(text.charCodeAt(portEnd))) portEnd++;
    const port = parsePort(text.slice(portStart, portEnd));
    if (port === undefined) return refused('malformed sent-by port');
    via.port = port;
    i = portEnd;
  }
  const params = parseHeaderParams(text, i);
  if (params === undefined || params.end !== text.length) return refused('malformed Via parameter');
  return applyParams(via, params.params);
}

/** Files branch, received, rport, maddr and ttl in their fields, refusing malformed values. */
function applyParams(via: Mutable<Via>, params: readonly HeaderParam[]): ParseResult<Via> {
  const others: HeaderParam[] = [];
  for (const param of params) {
    const name = param.name.toLowerCase();
    const value = param.value;
    if (name === 'branch') {
      if (value === null || !isToken(value) || via.branch !== undefined) return refused('malformed branch');
      via.branch = value;
    } else if (name === 'received') {
      const address = value === null ? undefined : parseAddress(value);
      if (address === undefined || via.received !== undefined) return refused('malformed received');
      via.received = address;
    } else if (name === 'rport') {
      const port = value === null ? true : parsePort(value);
      if (port === undefined || via.rport !== undefined) return refused('malformed rport');
      via.rport = port;
    } else if (name === 'maddr') {
      const address = value === null ? undefined : parseAddress(value);
      if (address === undefined || via.maddr !== undefined) return refused('malformed maddr');
      via.maddr = address;
    } else if (name === 'ttl') {
      const ttl = value === null ? undefined : parsePort(value);
      if (ttl === undefined || ttl > 255 || via.ttl !== undefined) return refused('malformed ttl');
      via.ttl = ttl;
    } else others.push(param);
  }
  via.params = others;
  return parsed(via);
}

/** `sent-protocol = protocol-name SLASH protocol-version SLASH transport`. */
function readSentProtocol(
  text: string,
): { value: Pick<Via, 'protocolName' | 'protocolVersion' | 'transport'>; end: number } | undefined {
  const parts: string[] = [];
  let i = skipWhitespace(text, 0);
  for (let part = 0; part < 3; part++) {
    if (part > 0) {
      i = skipWhitespace(text, i);
      if (text.charCodeAt(i) !== 0x2f) return undefined;
      i = skipWhitespace(text, i + 1);
    }
    const end = readToken(text, i);
    if (end === i) return undefined;
    parts.push(text.slice(i, end));
    i = end;
  }
  const [protocolName = '', protocolVersion = '', transport = ''] = parts;
  return {
    value: { protocolName: protocolName.toUpperCase(), protocolVersion, transport: transport.toUpperCase() },
    end: i,
  };
}

function readHostChars(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const alnum = (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
    if (!alnum && code !== 0x2d && code !== 0x2e) break;
  }
  return i;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Writes a Via value: the known parameters first, then the others in their order. */
export function serializeVia(via: Via): string {
  let out = `${via.protocolName}/${via.protocolVersion}/${via.transport} ${serializeHost(via.host)}`;
  if (via.port !== undefined) out += `:${via.port}`;
  if (via.branch !== undefined) out += `;branch=${via.branch}`;
  if (via.received !== undefined) out += `;received=${via.received}`;
  if (via.rport !== undefined) out += via.rport === true ? ';rport' : `;rport=${via.rport}`;
  if (via.maddr !== undefined) out += `;maddr=${serializeHost(via.maddr)}`;
  if (via.ttl !== undefined) out += `;ttl=${via.ttl}`;
  return out + serializeHeaderParams(via.params);
}

/** Options of {@link buildVia}: the protocol defaults to SIP/2.0 and the params to none. */
export interface BuildViaOptions extends Omit<Via, 'protocolName' | 'protocolVersion' | 'params'> {
  readonly params?: readonly HeaderParam[];
}

/** Assembles a SIP/2.0 Via, as a client transaction writes it (section 18.1.1). */
export function buildVia(options: BuildViaOptions): Via {
  return { protocolName: 'SIP', protocolVersion: '2.0', ...options, params: options.params ?? [] };
}
