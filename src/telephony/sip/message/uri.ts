import { type ParseResult, parsed, refused } from './parse-result.js';
import { type SipUri, parseSipUri, serializeSipUri } from './sip-uri.js';
import { type TelUri, parseTelUri, serializeTelUri } from './tel-uri.js';

/**
 * A URI of any other scheme (`mailto:`, `http:`, `urn:`): `absoluteURI`, kept as written so a UA
 * can answer 416 Unsupported URI Scheme. https://www.rfc-editor.org/rfc/rfc3261#section-8.2.2.1
 */
export interface AbsoluteUri {
  readonly kind: 'absolute';
  /** Lower-case. */
  readonly scheme: string;
  /** Everything after `scheme:`. */
  readonly opaque: string;
}

/** What a Request-URI, a name-addr or an addr-spec holds. */
export type Uri = SipUri | TelUri | AbsoluteUri;

/** Reads a URI: SIP, SIPS and tel are parsed into their parts, any other scheme kept whole. */
export function parseUri(text: string): ParseResult<Uri> {
  const colon = text.indexOf(':');
  if (colon <= 0) return refused('no URI scheme');
  const scheme = text.slice(0, colon).toLowerCase();
  if (scheme === 'sip' || scheme === 'sips') return parseSipUri(text);
  if (scheme === 'tel') return parseTelUri(text);
  if (!isScheme(scheme)) return refused('malformed URI scheme');
  const opaque = text.slice(colon + 1);
  if (opaque.length === 0 || !isUricText(opaque)) return refused('malformed URI');
  return parsed({ kind: 'absolute', scheme, opaque });
}

/** `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` */
function isScheme(scheme: string): boolean {
  for (let i = 0; i < scheme.length; i++) {
    const code = scheme.charCodeAt(i);
    const alpha = code >= 0x61 && code <= 0x7a;
    if (
      i === 0
        ? !alpha
        : !(alpha || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e)
    ) {
      return false;
    }
  }
  return true;
}

/** Printable ASCII but SP, `"`, `<`, `>`, `\`: what may stand inside `<...>` in a header. */
function isUricText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f || code === 0x22 || code === 0x3c || code === 0x3e || code === 0x5c)
      return false;
  }
  return true;
}

/** Writes a URI. */
export function serializeUri(uri: Uri): string {
  switch (uri.kind) {
    case 'sip':
      return serializeSipUri(uri);
    case 'tel':
      return serializeTelUri(uri);
    case 'absolute':
      return `${uri.scheme}:${uri.opaque}`;
    default:
      return assertNever(uri);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected URI ${JSON.stringify(value)}`);
}
