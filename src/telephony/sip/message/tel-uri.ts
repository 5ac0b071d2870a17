import type { HeaderParam } from './header-params.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { percentDecode, percentEncode } from './percent-encoding.js';
import { asciiTable } from './sip-grammar.js';

/**
 * A tel URI, `tel:+1-201-555-0123;ext=44`, as trunks send in a Request-URI or P-Asserted-Identity.
 * https://www.rfc-editor.org/rfc/rfc3966#section-3
 */
export interface TelUri {
  readonly kind: 'tel';
  /** The telephone-subscriber as written: `+` and digits for a global number, visual separators kept. */
  readonly number: string;
  /** `;ext=`, `;isub=`, `;phone-context=` and others, decoded. */
  readonly params: readonly HeaderParam[];
}

/** Digits, hex digits, `*` `#` of a local number, `+` of a global one, and visual separators. */
const NUMBER = asciiTable('0123456789abcdefABCDEF*#+-.()', false);
const PARAM = asciiTable("-_.!~*'()[]/:&+$");

/** Reads a tel URI; the scheme is case-insensitive. */
export function parseTelUri(text: string): ParseResult<TelUri> {
  if (text.length < 4 || text.slice(0, 4).toLowerCase() !== 'tel:') return refused('not a tel URI');
  const semicolon = text.indexOf(';', 4);
  const number = text.slice(4, semicolon === -1 ? text.length : semicolon);
  if (!isTelephoneSubscriber(number)) return refused('malformed telephone number');
  const params: HeaderParam[] = [];
  if (semicolon !== -1) {
    for (const part of text.slice(semicolon + 1).split(';')) {
      const equals = part.indexOf('=');
      const name = decodeParamPart(equals === -1 ? part : part.slice(0, equals));
      const value = equals === -1 ? null : decodeParamPart(part.slice(equals + 1));
      if (name === undefined || name.length === 0 || value === undefined || value === '') {
        return refused('malformed tel URI parameter');
      }
      params.push({ name, value });
    }
  }
  return parsed({ kind: 'tel', number, params });
}

/** A global number (`+` then at least one digit) or a local one (at least one digit, `*` or `#`). */
function isTelephoneSubscriber(number: string): boolean {
  let symbols = 0;
  for (let i = 0; i < number.length; i++) {
    const code = number.charCodeAt(i);
    if (code >= 128 || NUMBER[code] !== 1) return false;
    if (code === 0x2b && i !== 0) return false; // '+' only opens a global number
    if (code !== 0x2b && code !== 0x2d && code !== 0x2e && code !== 0x28 && code !== 0x29) symbols++;
  }
  return symbols > 0;
}

function decodeParamPart(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x25 && (code >= 128 || PARAM[code] !== 1)) return undefined;
  }
  return percentDecode(text);
}

/** Writes a tel URI. */
export function serializeTelUri(uri: TelUri): string {
  let out = 'tel:' + uri.number;
  for (const param of uri.params) {
    out += ';' + percentEncode(param.name, PARAM);
    if (param.value !== null) out += '=' + percentEncode(param.value, PARAM);
  }
  return out;
}
