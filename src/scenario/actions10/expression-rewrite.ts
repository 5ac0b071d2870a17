/**
 * Turns an ACTIONS10 expression into a section 4 expression (SCENARIO-LANGUAGE.md section 1.1):
 * references are rewritten (`$gather.digits == '1'` -> `__gather == '1'`, `!$dial.ok` ->
 * `!(dialStatus == 'ANSWER')`), everything else is kept as written, and the result must then parse
 * with the canonical grammar, so a translated script never holds an expression the compiler would
 * refuse for reasons the author cannot see.
 */
import { parseExpression } from '../expressions/index.js';
import { scanActions10Expression } from './expression-scanner.js';
import { resolveReference } from './reference-table.js';

export type RewriteResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

const CODE_PREFIX = 'VG_ERR_SCENARIO_';

/** The section 4 text of an ACTIONS10 expression (no `${{ }}` around it), trimmed. */
export function rewriteExpression(source: string): RewriteResult {
  const scanned = scanActions10Expression(source);
  if (!scanned.ok) return { ok: false, code: scanned.code, message: scanned.message };
  let text = '';
  for (const piece of scanned.pieces) {
    if (piece.kind === 'verbatim') {
      text += piece.text;
      continue;
    }
    const resolved = resolveReference(piece.sigil, piece.names, piece.called);
    if (!resolved.ok) {
      return { ok: false, code: resolved.code, message: `${resolved.message} at offset ${piece.offset}` };
    }
    text += resolved.text;
  }
  text = text.trim();
  const parsed = parseExpression(text);
  if (!parsed.ok) {
    const code = parsed.issue.code.slice(CODE_PREFIX.length);
    return { ok: false, code, message: `${parsed.issue.message} in "${text}" (translated)` };
  }
  return { ok: true, text };
}

const WHOLE_INTERPOLATION = /^\$\{\{([\s\S]*)\}\}$/;

/**
 * An item's `if:`: a bare expression (`$gather.digits == '1'`, as section 10.4 writes it) or one
 * `${{ … }}`; YAML booleans and numbers are JavaScript literals too.
 */
export function rewriteCondition(raw: unknown): RewriteResult {
  if (typeof raw === 'boolean' || typeof raw === 'number') return rewriteExpression(String(raw));
  if (typeof raw !== 'string') {
    return { ok: false, code: 'TYPE', message: 'must be an expression (a string)' };
  }
  const trimmed = raw.trim();
  const whole = WHOLE_INTERPOLATION.exec(trimmed);
  const inner = whole?.[1];
  const single = inner !== undefined && !inner.includes('}}');
  return rewriteExpression(single ? inner : trimmed);
}
