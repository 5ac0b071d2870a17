import { isToken } from './sip-grammar.js';

/**
 * The first line of a message, split into its fields.
 * https://www.rfc-editor.org/rfc/rfc3261#section-7.1 and
 * https://www.rfc-editor.org/rfc/rfc3261#section-7.2
 */
export type StartLine =
  | { readonly kind: 'request'; readonly method: string; readonly uri: string; readonly version: string }
  | { readonly kind: 'response'; readonly version: string; readonly status: number; readonly reason: string };

/** A start line that could be read, or the defect that stopped it (a Reason-Phrase). */
export type StartLineResult =
  ({ readonly ok: true } & StartLine) | { readonly ok: false; readonly reason: string };

/**
 * Reads `Request-Line = Method SP Request-URI SP SIP-Version` or
 * `Status-Line = SIP-Version SP Status-Code SP Reason-Phrase`. The version is checked for shape
 * only (`SIP/` 1*DIGIT `.` 1*DIGIT); whether it is supported is the caller's answer (505).
 */
export function parseStartLine(line: string): StartLineResult {
  if (line.length >= 4 && line.slice(0, 4).toUpperCase() === 'SIP/') return parseStatusLine(line);
  return parseRequestLine(line);
}

function parseRequestLine(text: string): StartLineResult {
  const line = text.trimEnd(); // trailing whitespace is harmless; leading whitespace is not
  const first = line.indexOf(' ');
  const last = line.lastIndexOf(' ');
  if (first <= 0 || last === first) return { ok: false, reason: 'Malformed Request-Line' };
  const method = line.slice(0, first);
  const uri = line.slice(first + 1, last);
  const version = line.slice(last + 1);
  if (!isToken(method) || uri.length === 0 || uri.includes(' ') || uri.includes('\t')) {
    return { ok: false, reason: 'Malformed Request-Line' };
  }
  if (!isVersion(version)) return { ok: false, reason: 'Malformed Request-Line' };
  return { ok: true, kind: 'request', method, uri, version: version.toUpperCase() };
}

function parseStatusLine(line: string): StartLineResult {
  const space = line.indexOf(' ');
  const version = space === -1 ? line : line.slice(0, space);
  const code = space === -1 ? '' : line.slice(space + 1, space + 4);
  const afterCode = line.charCodeAt(space + 4);
  const status = Number(code);
  const wellFormed =
    isVersion(version) &&
    code.length === 3 &&
    isDigits(code) &&
    status >= 100 &&
    status <= 699 &&
    (Number.isNaN(afterCode) || afterCode === 0x20);
  if (!wellFormed) return { ok: false, reason: 'Malformed Status-Line' };
  return {
    ok: true,
    kind: 'response',
    version: version.toUpperCase(),
    status,
    reason: line.slice(space + 5).trim(),
  };
}

/** `SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT`; "SIP" is case-insensitive (section 7.1). */
function isVersion(text: string): boolean {
  if (text.length < 7 || text.slice(0, 4).toUpperCase() !== 'SIP/') return false;
  const dot = text.indexOf('.', 4);
  return dot > 4 && dot < text.length - 1 && isDigits(text.slice(4, dot)) && isDigits(text.slice(dot + 1));
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return text.length > 0;
}
