import { lookupHeaderName } from './header-names.js';
import type { SipMessage } from './sip-message.js';
import { serializeUri } from './uri.js';

const CONTENT_LENGTH_KEY = lookupHeaderName('Content-Length').key;

/**
 * Writes a message in wire form: the start line, one line per header value, the empty line and
 * the body. https://www.rfc-editor.org/rfc/rfc3261#section-7
 *
 * Content-Length is always written and always computed from the body (it is mandatory on stream
 * transports, section 18.3, and harmless on UDP): it replaces the first Content-Length value
 * where that stood, or ends the header section when there was none. Names come out in their
 * canonical long form; a list field with several values takes one line per value, which section
 * 7.3.1 makes equivalent to one comma-separated line.
 */
export function serializeSipMessage(message: SipMessage): Buffer {
  const contentLength = `Content-Length: ${message.body.length}\r\n`;
  let head =
    message.kind === 'request'
      ? `${message.method} ${serializeUri(message.requestUri)} ${message.version}\r\n`
      : `${message.version} ${message.status} ${message.reason}\r\n`;
  let lengthWritten = false;
  for (const [name, value] of message.headers) {
    if (lookupHeaderName(name).key !== CONTENT_LENGTH_KEY) head += `${name}: ${value}\r\n`;
    else if (!lengthWritten) {
      head += contentLength;
      lengthWritten = true;
    }
  }
  if (!lengthWritten) head += contentLength;
  head += '\r\n';
  const headLength = Buffer.byteLength(head, 'utf8');
  const out = Buffer.allocUnsafe(headLength + message.body.length);
  out.write(head, 0, 'utf8');
  message.body.copy(out, headLength);
  return out;
}
