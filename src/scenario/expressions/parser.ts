/**
 * The parser of the expression language: recursive descent over the EBNF of
 * SCENARIO-LANGUAGE.md section 4, one method per rule, with loops for the left-associative levels
 * and no chaining of equality or relational operators. It enforces the limits while it builds, so
 * hostile input costs at most `maxDepth` levels of recursion: `((((…` and `!!!!…` are refused as
 * too complex at the first level past the limit, long before the stack is at risk.
 */
import { buildBinary, buildLiteral, buildUnary, buildVariable } from './ast.js';
import type { BinaryOperator, Expression, ExpressionNode, UnaryOperator } from './ast.js';
import { syntaxIssue, tooComplexIssue, type ExpressionIssue } from './expression-issue.js';
import { resolveExpressionLimits, type ExpressionLimits } from './limits.js';
import { describeToken, type Token } from './token.js';
import { ParseFailure, TokenCursor } from './token-cursor.js';

export type ParseResult =
  | { readonly ok: true; readonly expression: Expression }
  | { readonly ok: false; readonly issue: ExpressionIssue };

/** A subtree and its depth, brackets included (brackets leave no node, so depth lives here). */
interface Parsed {
  readonly node: ExpressionNode;
  readonly depth: number;
}

const EQUALITY = ['==', '!='] as const;
const RELATIONAL = ['<=', '>=', '<', '>'] as const;
const ADDITIVE = ['+', '-'] as const;
const MULTIPLICATIVE = ['*', '/', '%'] as const;
const UNARY = ['!', '-'] as const;

function fail(issue: ExpressionIssue): never {
  throw new ParseFailure(issue);
}

class ExpressionParser {
  readonly #source: string;
  readonly #cursor: TokenCursor;
  readonly #limits: ExpressionLimits;
  readonly #variables = new Set<string>();
  #nodeCount = 0;
  /** Levels above the current token: open brackets and unary operators still waiting for an operand. */
  #openLevels = 0;

  constructor(source: string, limits: ExpressionLimits) {
    this.#source = source;
    this.#limits = limits;
    this.#cursor = new TokenCursor(source);
  }

  /** `condition = expr`, then nothing but the end. */
  parse(): Expression {
    const { node, depth } = this.#expr();
    const rest = this.#cursor.current;
    if (rest.kind !== 'end') fail(syntaxIssue(this.#leftoverMessage(rest), rest.offset));
    const variables = Object.freeze([...this.#variables]);
    return Object.freeze({ source: this.#source, root: node, nodeCount: this.#nodeCount, depth, variables });
  }

  #leftoverMessage(token: Token): string {
    if (token.kind === 'symbol' && (token.symbol === ')' || token.symbol === '}')) {
      return `unmatched '${token.symbol}'`;
    }
    return `expected an operator or the end of the expression, found ${describeToken(token)}`;
  }

  /** `expr = and, { "||", and }` */
  #expr(): Parsed {
    return this.#leftAssociative(['||'], () => this.#and());
  }

  /** `and = equality, { "&&", equality }` */
  #and(): Parsed {
    return this.#leftAssociative(['&&'], () => this.#equality());
  }

  /** `equality = relation, [ ( "==" | "!=" ), relation ]` */
  #equality(): Parsed {
    return this.#nonAssociative(EQUALITY, () => this.#relation());
  }

  /** `relation = additive, [ ( "<=" | ">=" | "<" | ">" ), additive ]` */
  #relation(): Parsed {
    return this.#nonAssociative(RELATIONAL, () => this.#additive());
  }

  /** `additive = multiplicative, { ( "+" | "-" ), multiplicative }` */
  #additive(): Parsed {
    return this.#leftAssociative(ADDITIVE, () => this.#multiplicative());
  }

  /** `multiplicative = unary, { ( "*" | "/" | "%" ), unary }` */
  #multiplicative(): Parsed {
    return this.#leftAssociative(MULTIPLICATIVE, () => this.#unary());
  }

  #leftAssociative(operators: readonly BinaryOperator[], operand: () => Parsed): Parsed {
    let left = operand();
    let operator = this.#cursor.symbolIn(operators);
    while (operator !== undefined) {
      const { offset } = this.#cursor.advance();
      left = this.#binary(operator, left, operand(), offset);
      operator = this.#cursor.symbolIn(operators);
    }
    return left;
  }

  #nonAssociative(operators: readonly BinaryOperator[], operand: () => Parsed): Parsed {
    const left = operand();
    const operator = this.#cursor.symbolIn(operators);
    if (operator === undefined) return left;
    const { offset } = this.#cursor.advance();
    const right = operand();
    const again = this.#cursor.symbolIn(operators);
    if (again !== undefined) {
      const message = `'${operator}' and '${again}' cannot be chained; join the comparisons with '&&' or add brackets`;
      fail(syntaxIssue(message, this.#cursor.current.offset));
    }
    return this.#binary(operator, left, right, offset);
  }

  /** `unary = { "!" | "-" }, primary`, read in a loop so a long run of operators cannot recurse. */
  #unary(): Parsed {
    const operators: { operator: UnaryOperator; offset: number }[] = [];
    let operator = this.#cursor.symbolIn(UNARY);
    while (operator !== undefined) {
      const { offset } = this.#cursor.advance();
      operators.push({ operator, offset });
      this.#openLevels += 1;
      this.#requireRoom(offset);
      operator = this.#cursor.symbolIn(UNARY);
    }
    let result = this.#primary();
    this.#openLevels -= operators.length;
    for (const { operator, offset } of operators.reverse()) {
      const depth = result.depth + 1;
      result = { node: this.#admit(buildUnary(operator, result.node, offset), depth), depth };
    }
    return result;
  }

  /** `primary = number | string | "true" | "false" | "null" | identifier | "${" expr "}" | "(" expr ")"` */
  #primary(): Parsed {
    const token = this.#cursor.advance();
    const parsed = this.#primaryFrom(token);
    const next = this.#cursor.current;
    if (next.kind === 'symbol' && next.symbol === '(') {
      fail(syntaxIssue('function calls are not supported', next.offset));
    }
    return parsed;
  }

  #primaryFrom(token: Token): Parsed {
    switch (token.kind) {
      case 'number':
      case 'string':
      case 'keyword':
        return { node: this.#admit(buildLiteral(token.value, token.offset), 1), depth: 1 };
      case 'identifier':
        this.#variables.add(token.name);
        return { node: this.#admit(buildVariable(token.name, token.offset), 1), depth: 1 };
      case 'symbol':
        if (token.symbol === '(') return this.#group(token, ')');
        if (token.symbol === '${') return this.#group(token, '}');
        return fail(syntaxIssue(`expected a value, found ${describeToken(token)}`, token.offset));
      case 'end': {
        const empty = this.#source.trim() === '';
        const message = empty ? 'the expression is empty' : `expected a value, found ${describeToken(token)}`;
        return fail(syntaxIssue(message, token.offset));
      }
      default:
        return token satisfies never;
    }
  }

  /** `"(" expr ")"` or `"${" expr "}"`: one level of depth, no node. */
  #group(open: Token, close: ')' | '}'): Parsed {
    this.#openLevels += 1;
    this.#requireRoom(open.offset);
    const inner = this.#expr();
    const token = this.#cursor.current;
    if (token.kind !== 'symbol' || token.symbol !== close) {
      const opening = close === ')' ? '(' : '${';
      const message = `expected an operator or '${close}' closing the '${opening}' at offset ${open.offset}, found ${describeToken(token)}`;
      fail(syntaxIssue(message, token.offset));
    }
    this.#cursor.advance();
    this.#openLevels -= 1;
    const depth = inner.depth + 1;
    this.#requireDepth(depth, open.offset);
    return { node: inner.node, depth };
  }

  #binary(operator: BinaryOperator, left: Parsed, right: Parsed, offset: number): Parsed {
    const depth = Math.max(left.depth, right.depth) + 1;
    return { node: this.#admit(buildBinary(operator, left.node, right.node, offset), depth), depth };
  }

  /** Counts a new node against the limits. */
  #admit(node: ExpressionNode, depth: number): ExpressionNode {
    this.#nodeCount += 1;
    if (this.#nodeCount > this.#limits.maxNodes) {
      fail(tooComplexIssue(`more than ${this.#limits.maxNodes} nodes`, node.offset));
    }
    this.#requireDepth(depth, node.offset);
    return node;
  }

  #requireDepth(depth: number, offset: number): void {
    if (depth > this.#limits.maxDepth) {
      fail(tooComplexIssue(`nested deeper than ${this.#limits.maxDepth} levels`, offset));
    }
  }

  /**
   * Fails as soon as the open levels plus the leaf they must still reach pass the limit, so
   * `((((…` stops recursing at the limit instead of at the end of the input.
   */
  #requireRoom(offset: number): void {
    this.#requireDepth(this.#openLevels + 1, offset);
  }
}

/**
 * Parses one expression of section 4. Never throws for any source text: the result is the
 * expression or the first issue, with its offset. Limits default to section 8's 1,024 / 256 / 32;
 * a limit out of range is a configuration bug and throws (see `resolveExpressionLimits`).
 */
export function parseExpression(source: string, limits?: Partial<ExpressionLimits>): ParseResult {
  const resolved = resolveExpressionLimits(limits);
  if (source.length > resolved.maxLength) {
    const issue = tooComplexIssue(`longer than ${resolved.maxLength} characters`, resolved.maxLength);
    return { ok: false, issue };
  }
  try {
    return { ok: true, expression: new ExpressionParser(source, resolved).parse() };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, issue: error.issue };
    throw error;
  }
}
