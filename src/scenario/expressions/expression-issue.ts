/**
 * Failures of the expression language as data (STYLE.md section 4: a parser returns a value or a
 * failure, never throws). The codes are those of SCENARIO-LANGUAGE.md sections 4 and 7; the
 * compiler turns an issue into its `Issue` with a path into the script, and adds the offset.
 */

/** The codes a parse or an evaluation can end with, as an `as const` object and its union. */
export const ExpressionCode = {
  /** Compile time: the text does not follow the grammar of section 4. */
  syntax: 'VG_ERR_SCENARIO_EXPRESSION_SYNTAX',
  /** Compile time: over the length, node or depth limit. */
  tooComplex: 'VG_ERR_SCENARIO_EXPRESSION_TOO_COMPLEX',
  /** Compile time: an interpolated string with a `${` that never closes (section 3). */
  invalidInterpolation: 'VG_ERR_SCENARIO_INVALID_INTERPOLATION',
  /** Run time: a type error, division by zero, or a result over the value limit. */
  runtimeError: 'VG_RT_EXPRESSION_ERROR',
} as const;
export type ExpressionCode = (typeof ExpressionCode)[keyof typeof ExpressionCode];

/** Why an expression was refused, and where: `offset` counts UTF-16 code units from 0. */
export interface ExpressionIssue {
  readonly code: typeof ExpressionCode.syntax | typeof ExpressionCode.tooComplex;
  readonly message: string;
  readonly offset: number;
}

export function syntaxIssue(message: string, offset: number): ExpressionIssue {
  return Object.freeze({ code: ExpressionCode.syntax, message, offset });
}

export function tooComplexIssue(message: string, offset: number): ExpressionIssue {
  return Object.freeze({ code: ExpressionCode.tooComplex, message, offset });
}
