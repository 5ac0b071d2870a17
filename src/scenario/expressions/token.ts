/**
 * The tokens of the expression grammar (SCENARIO-LANGUAGE.md section 4). The lexer produces them
 * one at a time, so the parser reports the first defect in source order and the interpolation
 * scanner can stop at the `}` that closes a `${`.
 */

/** Operators and brackets, longest first where one is a prefix of another. */
export const TOKEN_SYMBOLS = [
  '${',
  '||',
  '&&',
  '==',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '(',
  ')',
  '}',
] as const;
export type TokenSymbol = (typeof TOKEN_SYMBOLS)[number];

interface TokenSpan {
  /** Offset of the token's first character. */
  readonly offset: number;
  /** Offset just past its last character. */
  readonly end: number;
}

export type Token =
  | (TokenSpan & { readonly kind: 'number'; readonly value: number })
  | (TokenSpan & { readonly kind: 'string'; readonly value: string })
  | (TokenSpan & { readonly kind: 'identifier'; readonly name: string })
  | (TokenSpan & { readonly kind: 'keyword'; readonly value: boolean | null })
  | (TokenSpan & { readonly kind: 'symbol'; readonly symbol: TokenSymbol })
  | (TokenSpan & { readonly kind: 'end' });

/** How an error message names a token: `'=='`, `name 'total'`, `a string`, `the end`. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'identifier':
      return `name '${token.name.length > 32 ? `${token.name.slice(0, 32)}…` : token.name}'`;
    case 'keyword':
      return `'${String(token.value)}'`;
    case 'symbol':
      return `'${token.symbol}'`;
    case 'end':
      return 'the end of the expression';
    default:
      return token satisfies never;
  }
}
