/**
 * Splits a list header's value at its top-level commas.
 *
 * A field may be repeated only when its value is defined as a comma-separated list, and then one
 * line with commas and several lines mean the same. https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
 *
 * A comma inside a quoted string (`"Doe, John" <sip:j@example.com>`) or between `<` and `>` (a URI
 * header such as `<sip:a@b?Subject=x,y>`) does not separate values. Empty elements are dropped, as
 * the `#rule` of RFC 2616 section 2.1 allows; a value with no element at all is kept as it is.
 */
export function splitHeaderValue(value: string): string[] {
  if (!value.includes(',')) return [value];
  const parts: string[] = [];
  let start = 0;
  let inQuotes = false;
  let inAngles = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (inQuotes) {
      if (code === 0x5c)
        i++; // a quoted-pair: skip the escaped character
      else if (code === 0x22) inQuotes = false;
    } else if (code === 0x22) inQuotes = true;
    else if (code === 0x3c) inAngles = true;
    else if (code === 0x3e) inAngles = false;
    else if (code === 0x2c && !inAngles) {
      pushTrimmed(parts, value.slice(start, i));
      start = i + 1;
    }
  }
  // An unterminated quote or angle bracket swallows the rest; the typed parser will refuse it.
  pushTrimmed(parts, value.slice(start));
  return parts.length === 0 ? [value] : parts;
}

function pushTrimmed(parts: string[], part: string): void {
  const trimmed = part.trim();
  if (trimmed.length > 0) parts.push(trimmed);
}
