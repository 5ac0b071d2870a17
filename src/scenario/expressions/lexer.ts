/**
 * The lexer of the expression grammar (SCENARIO-LANGUAGE.md section 4). It reads one token at a
 * time from an offset, so the parser meets defects in source order and the interpolation scanner
 * can find the `}` closing a `${` inside a longer string. Characters the grammar does not know get
 * a message naming the JavaScript feature they suggest (`.`, `[`, `=`, `` ` ``), which is what a
 * script author most likely tried.
 */
import { syntaxIssue, type ExpressionIssue } from './expression-issue.js';
import { readStringLiteral } from './string-literal.js';
import { TOKEN_SYMBOLS, type Token } from './token.js';

export type LexResult =
  { readonly ok: true; readonly token: Token } | { readonly ok: false; readonly issue: ExpressionIssue };

const UNSUPPORTED_CHARACTERS: ReadonlyMap<string, string> = new Map([
  ['.', "member access ('.') is not supported"],
  ['[', "indexing ('[') is not supported"],
  [']', "indexing (']') is not supported"],
  ['=', "assignment ('=') is not supported; compare with '=='"],
  ['`', 'template literals are not supported; quote strings with \' or "'],
  ['&', "'&' is not an operator; use '&&'"],
  ['|', "'|' is not an operator; use '||'"],
  ['$', "'$' must start '${'"],
  ['{', "'{' is only allowed as part of '${'"],
  ['?', "the conditional operator ('?:') is not supported"],
  [',', "',' is not supported: there are no function calls or lists"],
  [';', "';' is not supported: an expression is not a statement"],
]);

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

function isIdentifierStart(char: string): boolean {
  return (char >= 'A' && char <= 'Z') || (char >= 'a' && char <= 'z') || char === '_';
}

function isIdentifierPart(char: string): boolean {
  return isIdentifierStart(char) || isDigit(char);
}

function isWhitespace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

function skipWhile(source: string, offset: number, accept: (char: string) => boolean): number {
  let position = offset;
  while (position < source.length && accept(source.charAt(position))) position += 1;
  return position;
}

function fail(message: string, offset: number): LexResult {
  return { ok: false, issue: syntaxIssue(message, offset) };
}

/** `'x'` for printable ASCII, else the code point (`U+00A0`), so messages stay readable. */
function describeCharacter(source: string, offset: number): string {
  const code = source.codePointAt(offset) ?? 0;
  if (code >= 0x21 && code <= 0x7e) return `'${String.fromCodePoint(code)}'`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `number = digit, { digit }, [ ".", digit, { digit } ]`, not followed by a letter or a dot. */
function readNumber(source: string, offset: number): LexResult {
  let end = skipWhile(source, offset, isDigit);
  if (source.charAt(end) === '.') {
    const fractionEnd = skipWhile(source, end + 1, isDigit);
    if (fractionEnd === end + 1) return fail("a number needs digits after '.'", end);
    end = fractionEnd;
  }
  const next = source.charAt(end);
  if (next === '.' || isIdentifierPart(next)) {
    return fail(`unexpected ${describeCharacter(source, end)} after a number`, end);
  }
  const value = Number(source.slice(offset, end));
  if (!Number.isFinite(value)) return fail('number is too large', offset);
  return { ok: true, token: { kind: 'number', value, offset, end } };
}

/** An identifier, or one of the lower-case keywords `true`, `false`, `null`. */
function readWord(source: string, offset: number): LexResult {
  const end = skipWhile(source, offset, isIdentifierPart);
  const name = source.slice(offset, end);
  switch (name) {
    case 'true':
      return { ok: true, token: { kind: 'keyword', value: true, offset, end } };
    case 'false':
      return { ok: true, token: { kind: 'keyword', value: false, offset, end } };
    case 'null':
      return { ok: true, token: { kind: 'keyword', value: null, offset, end } };
    default:
      return { ok: true, token: { kind: 'identifier', name, offset, end } };
  }
}

function readSymbol(source: string, offset: number): LexResult {
  const symbol = TOKEN_SYMBOLS.find((candidate) => source.startsWith(candidate, offset));
  if (symbol === undefined) {
    const known = UNSUPPORTED_CHARACTERS.get(source.charAt(offset));
    return fail(known ?? `unexpected character ${describeCharacter(source, offset)}`, offset);
  }
  if ((symbol === '==' || symbol === '!=') && source.charAt(offset + 2) === '=') {
    return fail(`'${symbol}=' is not supported; use '${symbol}'`, offset);
  }
  return { ok: true, token: { kind: 'symbol', symbol, offset, end: offset + symbol.length } };
}

/** Reads the token at or after `start`, skipping spaces, tabs and line breaks. */
export function readToken(source: string, start: number): LexResult {
  const offset = skipWhile(source, start, isWhitespace);
  if (offset >= source.length) return { ok: true, token: { kind: 'end', offset, end: offset } };
  const char = source.charAt(offset);
  if (isDigit(char)) return readNumber(source, offset);
  if (isIdentifierStart(char)) return readWord(source, offset);
  if (char === "'" || char === '"') {
    const literal = readStringLiteral(source, offset);
    if (!literal.ok) return literal;
    return { ok: true, token: { kind: 'string', value: literal.value, offset, end: literal.end } };
  }
  return readSymbol(source, offset);
}
