/**
 * String literals of the expression grammar (SCENARIO-LANGUAGE.md section 4): single or double
 * quotes, escapes `\'` `\"` `\\` `\n` `\t` `\u` with four hex digits, and nothing else, so a literal means the same
 * here as in the JSON or YAML that carried it, with no surprises from other escape dialects.
 */
import { syntaxIssue, type ExpressionIssue } from './expression-issue.js';

export type StringLiteralResult =
  | { readonly ok: true; readonly value: string; readonly end: number }
  | { readonly ok: false; readonly issue: ExpressionIssue };

const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ["'", "'"],
  ['"', '"'],
  ['\\', '\\'],
  ['n', '\n'],
  ['t', '\t'],
]);

const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** Decodes the escape whose backslash is at `offset`: its text and the offset after it. */
function readEscape(
  source: string,
  offset: number,
): { ok: true; text: string; end: number } | { ok: false; issue: ExpressionIssue } {
  const letter = source.charAt(offset + 1);
  const simple = SIMPLE_ESCAPES.get(letter);
  if (simple !== undefined) return { ok: true, text: simple, end: offset + 2 };
  if (letter === 'u') {
    const hex = source.slice(offset + 2, offset + 6);
    if (HEX4.test(hex)) return { ok: true, text: String.fromCharCode(parseInt(hex, 16)), end: offset + 6 };
    return { ok: false, issue: syntaxIssue("'\\u' needs exactly four hexadecimal digits", offset) };
  }
  const shown = letter === '' ? 'at the end' : `'\\${letter}'`;
  return {
    ok: false,
    issue: syntaxIssue(
      `unsupported escape ${shown}; use \\' \\" \\\\ \\n \\t or \\u and four hex digits`,
      offset,
    ),
  };
}

/** Reads the literal whose opening quote is at `offset`. */
export function readStringLiteral(source: string, offset: number): StringLiteralResult {
  const quote = source.charAt(offset);
  const chunks: string[] = [];
  let position = offset + 1;
  let chunkStart = position;
  while (position < source.length) {
    const char = source.charAt(position);
    if (char === quote) {
      chunks.push(source.slice(chunkStart, position));
      return { ok: true, value: chunks.join(''), end: position + 1 };
    }
    if (char !== '\\') {
      position += 1;
      continue;
    }
    chunks.push(source.slice(chunkStart, position));
    const escape = readEscape(source, position);
    if (!escape.ok) return escape;
    chunks.push(escape.text);
    position = escape.end;
    chunkStart = position;
  }
  const name = quote === "'" ? 'single' : 'double';
  return { ok: false, issue: syntaxIssue(`unterminated string: its ${name} quote is never closed`, offset) };
}
