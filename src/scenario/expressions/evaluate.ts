/**
 * The evaluator: walks a parsed tree (SCENARIO-LANGUAGE.md section 4: "evaluated by walking the
 * AST, cost bounded by node count"; no `eval`, `Function` or `vm`). Recursion is as deep as the
 * tree, which the parser bounds; a hand-built tree deeper than `MAX_SUPPORTED_DEPTH` is refused
 * rather than allowed to exhaust the stack. Every failure is a `VG_RT_EXPRESSION_ERROR` result:
 * the interpreter treats a failed condition as false and a failed interpolation as `""`.
 */
import type { BinaryNode, Expression, ExpressionNode } from './ast.js';
import { ExpressionCode } from './expression-issue.js';
import { MAX_SUPPORTED_DEPTH, resolveEvaluationLimits, type EvaluationLimits } from './limits.js';
import { BINARY_OPERATIONS, negate, not, type Operation } from './operators.js';
import { isTruthy, type Value } from './values.js';

/**
 * Where variables come from: the call's `Map` in production. Only `get` is called, with the names
 * the script wrote, so a name such as `constructor` or `__proto__` is just an unset variable when
 * the store has no prototype chain to leak.
 */
export interface VariableReader {
  get(name: string): string | undefined;
}

export type EvalResult =
  | { readonly ok: true; readonly value: Value }
  | {
      readonly ok: false;
      readonly code: typeof ExpressionCode.runtimeError;
      readonly message: string;
      /** Offset, in the expression's source, of the operator or operand at fault. */
      readonly offset: number;
    };

/** Carries a run-time error out of the walk; never leaves `evaluate`. */
class EvaluationFailure extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'EvaluationFailure';
    this.offset = offset;
  }
}

class Evaluator {
  readonly #variables: VariableReader;
  readonly #limits: EvaluationLimits;

  constructor(variables: VariableReader, limits: EvaluationLimits) {
    this.#variables = variables;
    this.#limits = limits;
  }

  /** The value of the whole tree, which must itself fit the value limit. */
  run(root: ExpressionNode): Value {
    const value = this.#walk(root, 1);
    this.#checkLength(value, root.offset);
    return value;
  }

  #walk(node: ExpressionNode, level: number): Value {
    if (level > MAX_SUPPORTED_DEPTH) throw new EvaluationFailure('expression too deep', node.offset);
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'variable':
        return this.#read(node.name);
      case 'unary': {
        const operand = this.#walk(node.operand, level + 1);
        return this.#settle(node.operator === '!' ? not(operand) : negate(operand), node.offset);
      }
      case 'binary':
        return this.#binary(node, level);
      default:
        return node satisfies never;
    }
  }

  /** Unset reads as `""` (section 3); so does anything but a string from a careless reader. */
  #read(name: string): string {
    const value: unknown = this.#variables.get(name);
    return typeof value === 'string' ? value : '';
  }

  #binary(node: BinaryNode, level: number): Value {
    const { operator } = node;
    const left = this.#walk(node.left, level + 1);
    if (operator === '&&') return isTruthy(left) && isTruthy(this.#walk(node.right, level + 1));
    if (operator === '||') return isTruthy(left) || isTruthy(this.#walk(node.right, level + 1));
    const right = this.#walk(node.right, level + 1);
    return this.#settle(BINARY_OPERATIONS[operator](left, right), node.offset);
  }

  /** Unwraps an operation, enforcing the value length on every string produced along the way. */
  #settle(operation: Operation, offset: number): Value {
    if (!operation.ok) throw new EvaluationFailure(operation.message, offset);
    this.#checkLength(operation.value, offset);
    return operation.value;
  }

  #checkLength(value: Value, offset: number): void {
    const max = this.#limits.maxValueLength;
    if (typeof value === 'string' && value.length > max) {
      throw new EvaluationFailure(`the result is longer than ${max} characters`, offset);
    }
  }
}

/**
 * Evaluates a parsed expression against the call's variables. Never throws: a type error, a zero
 * divisor, or a string result over `maxValueLength` (4,096) is an error result.
 */
export function evaluate(
  expression: Expression,
  variables: VariableReader,
  limits?: Partial<EvaluationLimits>,
): EvalResult {
  const evaluator = new Evaluator(variables, resolveEvaluationLimits(limits));
  try {
    return { ok: true, value: evaluator.run(expression.root) };
  } catch (error) {
    if (!(error instanceof EvaluationFailure)) throw error;
    return { ok: false, code: ExpressionCode.runtimeError, message: error.message, offset: error.offset };
  }
}

/** An evaluation error as one line for the timeline: the message and where it happened. */
export function describeEvalError(message: string, offset: number): string {
  return `${message} (at offset ${offset})`;
}

/**
 * A condition (`if`, `while`, `until`): truthiness of the value. Section 4: an error counts as
 * false, so If takes `else` and loops stop; `error` says why, for the timeline.
 */
export function evaluateCondition(
  expression: Expression,
  variables: VariableReader,
  limits?: Partial<EvaluationLimits>,
): { readonly value: boolean; readonly error?: string } {
  const result = evaluate(expression, variables, limits);
  if (!result.ok) return { value: false, error: describeEvalError(result.message, result.offset) };
  return { value: isTruthy(result.value) };
}
