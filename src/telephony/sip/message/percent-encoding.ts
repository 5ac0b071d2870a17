/**
 * `escaped = "%" HEXDIG HEXDIG` in SIP URIs: decoding for reading and comparing, encoding for
 * writing. "Characters other than those in the reserved set ... are equivalent to their
 * "%" HEX HEX encoding." https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
 */

const HEX = '0123456789ABCDEF';
const utf8 = new TextDecoder('utf-8', { fatal: true });

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Decodes `%XX` escapes; the octets are read as UTF-8. Undefined when an escape is cut short, has
 * a non-hex digit, or the octets are not UTF-8.
 */
export function percentDecode(text: string): string | undefined {
  if (!text.includes('%')) return text;
  const bytes = Buffer.from(text, 'utf8');
  let out = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte !== 0x25) {
      bytes[out++] = byte;
      continue;
    }
    const high = hexValue(bytes[i + 1] ?? -1);
    const low = hexValue(bytes[i + 2] ?? -1);
    if (high === -1 || low === -1) return undefined;
    bytes[out++] = high * 16 + low;
    i += 2;
  }
  try {
    return utf8.decode(bytes.subarray(0, out));
  } catch {
    return undefined; // the escapes spelt octets that are not UTF-8
  }
}

/**
 * Encodes every character of `text` outside `allowed` (a table over ASCII codes) as `%XX` of its
 * UTF-8 octets.
 */
export function percentEncode(text: string, allowed: Uint8Array): string {
  let plain = true;
  for (let i = 0; i < text.length && plain; i++) {
    const code = text.charCodeAt(i);
    plain = code < 128 && allowed[code] === 1;
  }
  if (plain) return text;
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 128 && allowed[code] === 1) {
      out += char;
      continue;
    }
    for (const byte of Buffer.from(char, 'utf8')) out += '%' + HEX.charAt(byte >> 4) + HEX.charAt(byte & 15);
  }
  return out;
}
