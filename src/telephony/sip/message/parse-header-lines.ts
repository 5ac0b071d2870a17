import { lookupHeaderName } from './header-names.js';
import { isToken, isWhitespace } from './sip-grammar.js';
import type { SipHeaders } from './sip-headers.js';
import { MAX_SIP_HEADER_COUNT, MAX_SIP_HEADER_LINE_BYTES } from './sip-limits.js';
import { splitHeaderValue } from './split-header-value.js';

/**
 * Reads the header lines of `head` from `from` into `headers`; returns the defect that stopped it
 * (a Reason-Phrase), or undefined. Lines end in LF, with or without CR.
 *
 * A line starting with SP or HTAB continues the previous one; the line end and the leading
 * whitespace count as one SP. https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
 *
 * `header-name HCOLON header-value`, with `HCOLON = *( SP / HTAB ) ":" SWS`: whitespace may stand
 * before the colon. A list field's value is split at its top-level commas into separate values.
 * Values read before a defect stay in `headers`, so a 400 can still echo Via, From, To...
 */
export function parseHeaderLines(head: string, from: number, headers: SipHeaders): string | undefined {
  let pending: string | undefined;
  let i = from;
  while (i < head.length) {
    const lf = head.indexOf('\n', i);
    const lineEnd = lf === -1 ? head.length : lf;
    const line = head.charCodeAt(lineEnd - 1) === 0x0d ? head.slice(i, lineEnd - 1) : head.slice(i, lineEnd);
    i = lineEnd + 1;
    if (line.length === 0) break;
    if (isWhitespace(line.charCodeAt(0))) {
      if (pending === undefined) return 'Malformed header line';
      pending = pending.trimEnd() + ' ' + line.trim();
      if (pending.length > MAX_SIP_HEADER_LINE_BYTES) return 'Header line too long';
      continue;
    }
    if (pending !== undefined) {
      const failure = addHeaderLine(pending, headers);
      if (failure !== undefined) return failure;
    }
    pending = line;
  }
  return pending === undefined ? undefined : addHeaderLine(pending, headers);
}

function addHeaderLine(line: string, headers: SipHeaders): string | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0) return 'Malformed header line';
  const rawName = line.slice(0, colon).trimEnd();
  if (!isToken(rawName)) return 'Malformed header name';
  const name = lookupHeaderName(rawName);
  const value = line.slice(colon + 1).trim();
  const values = name.list ? splitHeaderValue(value) : [value];
  if (headers.size + values.length > MAX_SIP_HEADER_COUNT) return 'Too many header fields';
  for (const one of values) headers.append(name.canonical, one);
  return undefined;
}
