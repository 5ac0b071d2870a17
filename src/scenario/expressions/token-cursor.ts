/**
 * The parser's window on the token stream: one token of lookahead, lexed on demand, so the first
 * defect in source order is the one reported. A defect ends the parse by throwing `ParseFailure`,
 * which only `parseExpression` catches: recursive descent unwinds in one step instead of checking
 * a result at every level, and nothing thrown here escapes the parser's public functions.
 */
import type { ExpressionIssue } from './expression-issue.js';
import { readToken } from './lexer.js';
import type { Token, TokenSymbol } from './token.js';

/** Carries an issue out of the recursive descent; never leaves the parser. */
export class ParseFailure extends Error {
  readonly issue: ExpressionIssue;

  constructor(issue: ExpressionIssue) {
    super(issue.message);
    this.name = 'ParseFailure';
    this.issue = issue;
  }
}

export class TokenCursor {
  readonly #source: string;
  #current: Token;

  constructor(source: string) {
    this.#source = source;
    this.#current = this.#read(0);
  }

  /** The next token, not yet consumed. */
  get current(): Token {
    return this.#current;
  }

  /** The current token's symbol when it is one of `symbols`. */
  symbolIn<S extends TokenSymbol>(symbols: readonly S[]): S | undefined {
    const token = this.#current;
    if (token.kind !== 'symbol') return undefined;
    return symbols.find((symbol) => symbol === token.symbol);
  }

  /** Consumes the current token and returns it. */
  advance(): Token {
    const token = this.#current;
    if (token.kind !== 'end') this.#current = this.#read(token.end);
    return token;
  }

  #read(offset: number): Token {
    const result = readToken(this.#source, offset);
    if (!result.ok) throw new ParseFailure(result.issue);
    return result.token;
  }
}
