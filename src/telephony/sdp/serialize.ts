/**
 * serializeSdp: a SessionDescription to its wire text, CRLF after every line (RFC 4566 section 5:
 * "the sequence CRLF (0x0d0a) is used to end a line"). Lines are written in the order RFC 4566
 * fixes; lines the model keeps verbatim go back into their letter's slot, and letters we do not
 * know go just before the attributes.
 * https://www.rfc-editor.org/rfc/rfc4566#section-5
 */
import { MEDIA_LINE_ORDER, SESSION_LINE_ORDER } from './line-order.js';
import type {
  Attribute,
  Connection,
  MediaDescription,
  Origin,
  SdpLine,
  SessionDescription,
} from './session-description.js';

const CRLF = '\r\n';

/** Writes a description as SDP text with CRLF line ends. */
export function serializeSdp(description: SessionDescription): string {
  const lines: string[] = [
    `v=${description.version}`,
    `o=${serializeOrigin(description.origin)}`,
    `s=${description.sessionName}`,
  ];
  const modelled = (type: string): string | null => {
    if (type === 'c' && description.connection !== null) return serializeConnection(description.connection);
    if (type === 't' && description.timing !== null) {
      return `${description.timing.start} ${description.timing.stop}`;
    }
    return null;
  };
  writeSection(lines, SESSION_LINE_ORDER, modelled, description.otherLines, description.attributes);
  for (const media of description.media) writeMedia(lines, media);
  return lines.join(CRLF) + CRLF;
}

function writeMedia(lines: string[], media: MediaDescription): void {
  const port = media.portCount === null ? `${media.port}` : `${media.port}/${media.portCount}`;
  lines.push(`m=${media.type} ${port} ${media.proto} ${media.formats.join(' ')}`);
  const modelled = (type: string): string | null =>
    type === 'c' && media.connection !== null ? serializeConnection(media.connection) : null;
  writeSection(lines, MEDIA_LINE_ORDER, modelled, media.otherLines, media.attributes);
}

/**
 * Writes one section's lines after its first line: each letter of `order` in turn (the modelled
 * value first, then kept lines of that letter), then kept lines of other letters, then a= lines.
 */
function writeSection(
  lines: string[],
  order: readonly string[],
  modelled: (type: string) => string | null,
  otherLines: readonly SdpLine[],
  attributes: readonly Attribute[],
): void {
  for (const type of order) {
    const value = modelled(type);
    if (value !== null) lines.push(`${type}=${value}`);
    for (const line of otherLines) if (line.type === type) lines.push(`${line.type}=${line.value}`);
  }
  for (const line of otherLines) if (!order.includes(line.type)) lines.push(`${line.type}=${line.value}`);
  for (const attribute of attributes) lines.push(`a=${serializeAttribute(attribute)}`);
}

function serializeOrigin(origin: Origin): string {
  const { username, sessionId, sessionVersion, netType, addrType, address } = origin;
  return `${username} ${sessionId} ${sessionVersion} ${netType} ${addrType} ${address}`;
}

function serializeConnection(connection: Connection): string {
  return `${connection.netType} ${connection.addrType} ${connection.address}`;
}

function serializeAttribute(attribute: Attribute): string {
  return attribute.value === null ? attribute.name : `${attribute.name}:${attribute.value}`;
}
