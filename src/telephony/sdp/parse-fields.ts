/**
 * Parsers for the value of one SDP line each (the text after `<type>=`). Each answers a value or
 * the reason it refused; none throws. Fields are separated by single spaces in RFC 4566's grammar;
 * runs of spaces or tabs are tolerated, as real user agents sometimes pad.
 * https://www.rfc-editor.org/rfc/rfc4566#section-9
 */
import type { Attribute, Connection, MediaDescription, Origin, Timing } from './session-description.js';

/** A field's value or the reason it was refused. */
export type FieldResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Payload types an m= line of an RTP profile may hold (7 bits, RFC 3550 section 5.1). */
export const MAX_PAYLOAD_TYPE = 127;
/** The highest UDP port; also the bound of `<number of ports>`. */
export const MAX_PORT = 65535;
/** More formats than this on one m= line is hostile, not a phone. */
export const MAX_FORMATS_PER_MEDIA = 64;
/** sess-id and sess-version are 64-bit-ish numbers; anything longer is refused. */
const MAX_SESSION_NUMBER_DIGITS = 32;

const DIGITS = /^\d+$/;
const SESSION_NUMBER = new RegExp(`^\\d{1,${MAX_SESSION_NUMBER_DIGITS}}$`);
/** `RTP/AVP`, `RTP/SAVP`, `RTP/AVPF`, `UDP/TLS/RTP/SAVPF`: the formats are RTP payload types. */
const RTP_PROTO = /(^|\/)RTP\//;

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): FieldResult<T> => ({ ok: false, reason });

function fieldsOf(value: string): string[] {
  return value.split(/[ \t]+/).filter((field) => field !== '');
}

function parseNetwork(
  netType: string,
  addrType: string,
  what: string,
): FieldResult<Pick<Connection, 'netType' | 'addrType'>> {
  if (netType !== 'IN') return fail(`${what}: nettype ${netType} is not IN`);
  if (addrType !== 'IP4' && addrType !== 'IP6')
    return fail(`${what}: addrtype ${addrType} is not IP4 or IP6`);
  return ok({ netType, addrType });
}

/** `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>` (RFC 4566 section 5.2). */
export function parseOrigin(value: string): FieldResult<Origin> {
  const fields = fieldsOf(value);
  const [username, sessionId, sessionVersion, netType, addrType, address] = fields;
  if (fields.length !== 6 || address === undefined) return fail('o= line needs 6 fields');
  if (!SESSION_NUMBER.test(sessionId ?? '')) return fail('o= line: sess-id is not a number');
  if (!SESSION_NUMBER.test(sessionVersion ?? '')) return fail('o= line: sess-version is not a number');
  const network = parseNetwork(netType ?? '', addrType ?? '', 'o= line');
  if (!network.ok) return network;
  return ok({
    username: username ?? '',
    sessionId: sessionId ?? '',
    sessionVersion: sessionVersion ?? '',
    ...network.value,
    address,
  });
}

/** `c=<nettype> <addrtype> <connection-address>` (RFC 4566 section 5.7). */
export function parseConnection(value: string): FieldResult<Connection> {
  const fields = fieldsOf(value);
  const [netType, addrType, address] = fields;
  if (fields.length !== 3 || address === undefined) return fail('c= line needs 3 fields');
  const network = parseNetwork(netType ?? '', addrType ?? '', 'c= line');
  if (!network.ok) return network;
  return ok({ ...network.value, address });
}

/** `t=<start-time> <stop-time>` (RFC 4566 section 5.9). */
export function parseTiming(value: string): FieldResult<Timing> {
  const fields = fieldsOf(value);
  const [start, stop] = fields;
  if (fields.length !== 2 || start === undefined || stop === undefined) return fail('t= line needs 2 fields');
  if (!DIGITS.test(start) || !DIGITS.test(stop) || start.length > 20 || stop.length > 20) {
    return fail('t= line: times are not numbers');
  }
  return ok({ start, stop });
}

/** `a=<attribute>` or `a=<attribute>:<value>` (RFC 4566 section 5.13); the value is kept verbatim. */
export function parseAttribute(value: string): FieldResult<Attribute> {
  const colon = value.indexOf(':');
  // Trailing blanks after a property attribute ("a=sendonly ") are padding, not part of its name.
  const name = colon === -1 ? value.trimEnd() : value.slice(0, colon);
  if (name.trim() === '') return fail('a= line has no attribute name');
  return ok({ name, value: colon === -1 ? null : value.slice(colon + 1) });
}

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= MAX_PORT ? port : null;
}

/** The m= line's own fields; its section's lines are added by the caller. */
export type MediaLine = Pick<MediaDescription, 'type' | 'port' | 'portCount' | 'proto' | 'formats'>;

/**
 * `m=<media> <port>[/<number of ports>] <proto> <fmt> ...` (RFC 4566 section 5.14). For RTP
 * profiles each fmt must be a payload type, 0 to 127.
 */
export function parseMediaLine(value: string): FieldResult<MediaLine> {
  const fields = fieldsOf(value);
  const [type, portField, proto, ...formats] = fields;
  if (type === undefined || portField === undefined || proto === undefined || formats.length === 0) {
    return fail('m= line needs a media type, a port, a proto and at least one format');
  }
  if (formats.length > MAX_FORMATS_PER_MEDIA)
    return fail(`m= line has more than ${MAX_FORMATS_PER_MEDIA} formats`);
  const slash = portField.indexOf('/');
  const port = parsePort(slash === -1 ? portField : portField.slice(0, slash));
  if (port === null) return fail('m= line: port is not a number from 0 to 65535');
  let portCount: number | null = null;
  if (slash !== -1) {
    portCount = parsePort(portField.slice(slash + 1));
    if (portCount === null || portCount === 0)
      return fail('m= line: number of ports is not a number from 1 to 65535');
  }
  if (RTP_PROTO.test(proto) && !formats.every(isPayloadType)) {
    return fail('m= line: an RTP format is not a payload type from 0 to 127');
  }
  return ok({ type, port, portCount, proto, formats });
}

function isPayloadType(format: string): boolean {
  return /^\d{1,3}$/.test(format) && Number(format) <= MAX_PAYLOAD_TYPE;
}
