/**
 * Turns an ACTIONS10 string into a canonical interpolated string (SCENARIO-LANGUAGE.md sections 1.1
 * and 3): each `${{ expr }}` becomes `${expr'}`, and the text around it is escaped so that it stays
 * text. ACTIONS10 interpolates only `${{`, while the canonical language reads every `${`, so a
 * literal `${` is written `$${`; and a literal `$` just before an expression is written `${'$'}`,
 * since `$` + `${x}` would read as the escape `$${`.
 */
import { endOfQuoted } from './expression-scanner.js';
import { rewriteExpression, type RewriteResult } from './expression-rewrite.js';

const OPENING = '${{';
const CLOSING = '}}';

/** The offset of the `}}` closing an expression that starts at `from`, skipping quoted strings. */
function findClosing(source: string, from: number): number {
  let position = from;
  while (position < source.length) {
    const char = source.charAt(position);
    if (char === "'" || char === '"') {
      const end = endOfQuoted(source, position);
      if (end === -1) return -1;
      position = end;
    } else if (source.startsWith(CLOSING, position)) {
      return position;
    } else {
      position += 1;
    }
  }
  return -1;
}

/** Literal text in canonical form; `beforeExpression` protects its trailing `$`s. */
function escapeText(text: string, beforeExpression: boolean): string {
  // A function, not a string: in a replacement string `$$` would mean one `$`.
  const escaped = text.replaceAll('${', () => '$${');
  if (!beforeExpression) return escaped;
  const kept = escaped.replace(/\$+$/, '');
  return kept + "${'$'}".repeat(escaped.length - kept.length);
}

export function rewriteText(source: string): RewriteResult {
  let text = '';
  let position = 0;
  for (let open = source.indexOf(OPENING); open >= 0; open = source.indexOf(OPENING, position)) {
    const close = findClosing(source, open + OPENING.length);
    if (close === -1) {
      return {
        ok: false,
        code: 'INVALID_INTERPOLATION',
        message: `unterminated '\${{' at offset ${open}`,
      };
    }
    const rewritten = rewriteExpression(source.slice(open + OPENING.length, close));
    if (!rewritten.ok) {
      return { ...rewritten, message: `${rewritten.message} (in the '\${{' at offset ${open})` };
    }
    text += `${escapeText(source.slice(position, open), true)}\${${rewritten.text}}`;
    position = close + CLOSING.length;
  }
  return { ok: true, text: text + escapeText(source.slice(position), false) };
}
