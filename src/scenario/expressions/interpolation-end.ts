/**
 * Finds where a `${…}` inside an interpolated string ends (SCENARIO-LANGUAGE.md section 3). The
 * scan uses the expression lexer, so a `}` inside a quoted string (`${a == '}'}`) does not end the
 * expression and nested `${…}` primaries balance; the parser then reads exactly that slice.
 */
import { ExpressionCode, type ExpressionIssue } from './expression-issue.js';
import { readToken } from './lexer.js';

export interface InterpolationIssue {
  readonly code: ExpressionIssue['code'] | typeof ExpressionCode.invalidInterpolation;
  readonly message: string;
  readonly offset: number;
}

export type InterpolationEnd =
  { readonly ok: true; readonly end: number } | { readonly ok: false; readonly issue: InterpolationIssue };

/**
 * `start` is the offset of a `${`; the answer is the offset just past its closing `}`. A `${` that
 * never closes is `VG_ERR_SCENARIO_INVALID_INTERPOLATION` at `start`; a character the grammar
 * cannot lex (so the closing brace cannot be found reliably) is a syntax issue at that character.
 */
export function findInterpolationEnd(source: string, start: number): InterpolationEnd {
  let open = 0;
  let offset = start;
  for (;;) {
    const result = readToken(source, offset);
    if (!result.ok) return result;
    const { token } = result;
    if (token.kind === 'end') {
      const issue = {
        code: ExpressionCode.invalidInterpolation,
        message: "unterminated '${'",
        offset: start,
      };
      return { ok: false, issue };
    }
    if (token.kind === 'symbol' && token.symbol === '${') open += 1;
    if (token.kind === 'symbol' && token.symbol === '}') open -= 1;
    if (open === 0) return { ok: true, end: token.end };
    offset = token.end;
  }
}
