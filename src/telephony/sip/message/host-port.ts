import { isIPv6 } from 'node:net';
import { asciiTable } from './sip-grammar.js';
import { type ParseResult, parsed, refused } from './parse-result.js';

/**
 * `hostport = host [ ":" port ]`, where `host = hostname / IPv4address / IPv6reference`.
 * https://www.rfc-editor.org/rfc/rfc3261#section-25.1
 *
 * Hosts are kept lower-case (hosts compare case-insensitively,
 * https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4) and IPv6 addresses without their
 * brackets, as a socket wants them; writing puts the brackets back.
 */
export interface HostPort {
  readonly host: string;
  readonly port?: number;
}

/** hostname and IPv4address characters. */
const HOSTNAME = asciiTable('-.');

/** Reads a host written without a port: a hostname, an IPv4 address or an `[IPv6]` reference. */
export function parseHost(text: string): string | undefined {
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) return undefined;
    const address = text.slice(1, -1);
    return isIPv6(address) ? address.toLowerCase() : undefined;
  }
  if (text.length === 0 || text.charCodeAt(0) === 0x2e || text.charCodeAt(0) === 0x2d) return undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || HOSTNAME[code] !== 1) return undefined;
  }
  return text.toLowerCase();
}

/** Reads an IP address as a `received` or `maddr` value may hold it: IPv6 with or without brackets. */
export function parseAddress(text: string): string | undefined {
  return isIPv6(text) ? text.toLowerCase() : parseHost(text);
}

/** Reads `port = 1*DIGIT`, at most 65535. */
export function parsePort(text: string): number | undefined {
  if (text.length === 0 || text.length > 5) return undefined;
  let port = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    port = port * 10 + digit;
  }
  return port <= 65_535 ? port : undefined;
}

/** Reads `host [ ":" port ]`. */
export function parseHostPort(text: string): ParseResult<HostPort> {
  const colon = text.startsWith('[') ? text.indexOf(':', text.indexOf(']')) : text.indexOf(':');
  const host = parseHost(colon === -1 ? text : text.slice(0, colon));
  if (host === undefined) return refused('malformed host');
  if (colon === -1) return parsed({ host });
  const port = parsePort(text.slice(colon + 1));
  if (port === undefined) return refused('malformed port');
  return parsed({ host, port });
}

/** Writes a host, in brackets when it is an IPv6 address. */
export function serializeHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Writes `host [ ":" port ]`. */
export function serializeHostPort(value: HostPort): string {
  const host = serializeHost(value.host);
  return value.port === undefined ? host : `${host}:${value.port}`;
}
