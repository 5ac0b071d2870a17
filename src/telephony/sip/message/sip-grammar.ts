/**
 * Character classes and small readers from the SIP ABNF.
 * https://www.rfc-editor.org/rfc/rfc3261#section-25.1
 *
 * Readers work on an index into a string and return the index where they stopped, so callers scan
 * each header value once, left to right, without regular expressions.
 */

const SP = 0x20;
const HTAB = 0x09;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A lookup table over the 128 ASCII codes: 1 for members of the class. */
export function asciiTable(members: string, withAlphanumerics = true): Uint8Array {
  const table = new Uint8Array(128);
  const all = withAlphanumerics
    ? members + 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
    : members;
  for (let i = 0; i < all.length; i++) table[all.charCodeAt(i)] = 1;
  return table;
}

/** `token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" )` */
const TOKEN = asciiTable("-.!%*_+`'~");

/** `word`, the Call-ID alphabet: token characters plus `( ) < > : \ " / [ ] ? { }`. */
const WORD = asciiTable('-.!%*_+`\'~()<>:\\"/[]?{}');

/** True when `code` may appear in a token. */
export function isTokenChar(code: number): boolean {
  return code < 128 && TOKEN[code] === 1;
}

/** True when `text` is a non-empty token. */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isTokenChar(text.charCodeAt(i))) return false;
  return true;
}

/** True when `code` may appear in a `word` (the Call-ID alphabet). */
export function isWordChar(code: number): boolean {
  return code < 128 && WORD[code] === 1;
}

/** True for SP and HTAB, the whitespace left inside a header value once folding is undone. */
export function isWhitespace(code: number): boolean {
  return code === SP || code === HTAB;
}

/** The index of the first character at or after `from` that is not SP or HTAB. */
export function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** The index just past the token starting at `from` (equal to `from` when there is none). */
export function readToken(text: string, from: number): number {
  let i = from;
  while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
  return i;
}

/** A quoted string read from a header value: its content, unescaped, and the index past it. */
export interface QuotedString {
  readonly value: string;
  readonly end: number;
}

/**
 * Reads `quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE` starting at the opening
 * quote; a backslash escapes any character but CR and LF. Returns undefined when unterminated.
 */
export function readQuotedString(text: string, from: number): QuotedString | undefined {
  if (text.charCodeAt(from) !== DQUOTE) return undefined;
  let value = '';
  let runStart = from + 1;
  for (let i = from + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === DQUOTE) return { value: value + text.slice(runStart, i), end: i + 1 };
    if (code === BACKSLASH) {
      if (i + 1 >= text.length) return undefined;
      value += text.slice(runStart, i) + text.charAt(i + 1);
      i++;
      runStart = i + 1;
    }
  }
  return undefined;
}

/** The index just past the quoted string starting at `from`, or -1 when it is unterminated. */
export function skipQuotedString(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === DQUOTE) return i + 1;
    if (code === BACKSLASH) i++;
  }
  return -1;
}

/**
 * Writes `value` as a quoted-string, escaping `"` and `\`. CR, LF and other controls cannot be
 * carried by a quoted-pair, so they become spaces: a display name never breaks a header line.
 */
export function quoteString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === DQUOTE || code === BACKSLASH) out += '\\' + value.charAt(i);
    else if ((code < 0x20 && code !== HTAB) || code === 0x7f) out += ' ';
    else out += value.charAt(i);
  }
  return out + '"';
}
