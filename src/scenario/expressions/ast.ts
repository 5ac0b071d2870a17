/**
 * The tree of an expression (SCENARIO-LANGUAGE.md section 4): frozen nodes tagged by `kind`, built
 * once by the parser and walked by the evaluator (STYLE.md habit 5), so a running call never reads
 * source text again. Brackets leave no node: `(a)` and `${a}` are both the variable `a`.
 * Every node keeps the 0-based offset of its token in the source, for error messages.
 */
import type { Value } from './values.js';

export const UNARY_OPERATORS = ['!', '-'] as const;
export type UnaryOperator = (typeof UNARY_OPERATORS)[number];

export const BINARY_OPERATORS = [
  '||',
  '&&',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
] as const;
export type BinaryOperator = (typeof BINARY_OPERATORS)[number];

/** A number, string, `true`, `false` or `null` written in the source. */
export interface LiteralNode {
  readonly kind: 'literal';
  readonly value: Value;
  readonly offset: number;
}

/** A read of a variable; it always yields a string (`""` when unset). */
export interface VariableNode {
  readonly kind: 'variable';
  readonly name: string;
  readonly offset: number;
}

/** `!x` or `-x`; `offset` is the operator's. */
export interface UnaryNode {
  readonly kind: 'unary';
  readonly operator: UnaryOperator;
  readonly operand: ExpressionNode;
  readonly offset: number;
}

/** `left op right`; `offset` is the operator's. */
export interface BinaryNode {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
  readonly offset: number;
}

export type ExpressionNode = LiteralNode | VariableNode | UnaryNode | BinaryNode;

/** A parsed expression: what the compiler stores and the interpreter evaluates. */
export interface Expression {
  readonly source: string;
  readonly root: ExpressionNode;
  readonly nodeCount: number;
  /** Longest root-to-leaf path, each node and each bracket pair counting one level. */
  readonly depth: number;
  /** Distinct variable names read, in order of first appearance (for the lint of section 7). */
  readonly variables: readonly string[];
}

export function buildLiteral(value: Value, offset: number): LiteralNode {
  return Object.freeze({ kind: 'literal', value, offset });
}

export function buildVariable(name: string, offset: number): VariableNode {
  return Object.freeze({ kind: 'variable', name, offset });
}

export function buildUnary(operator: UnaryOperator, operand: ExpressionNode, offset: number): UnaryNode {
  return Object.freeze({ kind: 'unary', operator, operand, offset });
}

export function buildBinary(
  operator: BinaryOperator,
  left: ExpressionNode,
  right: ExpressionNode,
  offset: number,
): BinaryNode {
  return Object.freeze({ kind: 'binary', operator, left, right, offset });
}
