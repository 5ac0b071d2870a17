/**
 * The operator table of SCENARIO-LANGUAGE.md section 4, one function per row, as pure functions
 * from values to a value or a type error. Kept apart from the tree walk so each coercion rule can
 * be read (and tested) against its row. Messages name operand types, never operand values: a
 * value may come from masked caller input, and messages reach the call timeline.
 */
import type { BinaryOperator } from './ast.js';
import { isTruthy, toArithmeticNumber, toComparableNumber, toText, type Value } from './values.js';

export type Operation =
  { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly message: string };

/** The binary operators evaluated on both operands; `&&` and `||` short-circuit in the evaluator. */
export type EagerBinaryOperator = Exclude<BinaryOperator, '&&' | '||'>;

function ok(value: Value): Operation {
  return { ok: true, value };
}

function failure(message: string): Operation {
  return { ok: false, message };
}

function describeType(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number') return 'a number';
  return 'a string that is not a number';
}

/** A number result, unless it left the finite doubles (an overflow): that is a type error too. */
function numeric(value: number): Operation {
  return Number.isFinite(value) ? ok(value) : failure('the result is too large for a number');
}

/**
 * Row `==` `!=`: number vs number-like string numerically; boolean vs string against
 * `"true"`/`"false"`; `null` equals `null` and `""`; same types exactly; any other mix unequal.
 */
export function looselyEquals(left: Value, right: Value): boolean {
  if (left === null || right === null) {
    return (left === null || left === '') && (right === null || right === '');
  }
  if (typeof left === typeof right) return left === right;
  if (typeof left === 'boolean' || typeof right === 'boolean') {
    return typeof left === 'string' || typeof right === 'string' ? toText(left) === toText(right) : false;
  }
  const leftNumber = toComparableNumber(left);
  const rightNumber = toComparableNumber(right);
  return leftNumber !== undefined && rightNumber !== undefined && leftNumber === rightNumber;
}

/**
 * Row `<` `<=` `>` `>=`: numerically when both are numbers or number-like, otherwise as strings by
 * UTF-16 code unit; a boolean or `null` operand is an error. Returns -1, 0 or 1, or the error.
 */
function compare(operator: string, left: Value, right: Value): number | string {
  const refused = [left, right].find((value) => value === null || typeof value === 'boolean');
  if (refused !== undefined) return `'${operator}' cannot compare ${describeType(refused)}`;
  const leftNumber = toComparableNumber(left);
  const rightNumber = toComparableNumber(right);
  if (leftNumber !== undefined && rightNumber !== undefined) return order(leftNumber, rightNumber);
  return order(toText(left), toText(right));
}

/** -1, 0 or 1; JavaScript compares strings by UTF-16 code unit, as section 4 asks. */
function order<T extends number | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function relational(operator: string, test: (sign: number) => boolean) {
  return (left: Value, right: Value): Operation => {
    const sign = compare(operator, left, right);
    return typeof sign === 'string' ? failure(sign) : ok(test(sign));
  };
}

/** Row `+`: the sum when both are numeric-capable (`""` and `null` count 0), else concatenation. */
function add(left: Value, right: Value): Operation {
  const a = toArithmeticNumber(left);
  const b = toArithmeticNumber(right);
  if (a !== undefined && b !== undefined) return numeric(a + b);
  return ok(toText(left) + toText(right));
}

/** Row `-` `*` `/` `%`: numeric-capable operands only; a zero divisor is an error. */
function arithmetic(operator: string, apply: (a: number, b: number) => number, divides = false) {
  return (left: Value, right: Value): Operation => {
    const a = toArithmeticNumber(left);
    const b = toArithmeticNumber(right);
    if (a === undefined) return failure(`'${operator}' needs numbers; the left is ${describeType(left)}`);
    if (b === undefined) return failure(`'${operator}' needs numbers; the right is ${describeType(right)}`);
    if (divides && b === 0) return failure(operator === '/' ? 'division by zero' : 'modulo by zero');
    return numeric(apply(a, b));
  };
}

export const BINARY_OPERATIONS = {
  '==': (left, right) => ok(looselyEquals(left, right)),
  '!=': (left, right) => ok(!looselyEquals(left, right)),
  '<': relational('<', (sign) => sign < 0),
  '<=': relational('<=', (sign) => sign <= 0),
  '>': relational('>', (sign) => sign > 0),
  '>=': relational('>=', (sign) => sign >= 0),
  '+': add,
  '-': arithmetic('-', (a, b) => a - b),
  '*': arithmetic('*', (a, b) => a * b),
  '/': arithmetic('/', (a, b) => a / b, true),
  '%': arithmetic('%', (a, b) => a % b, true),
} as const satisfies Record<EagerBinaryOperator, (left: Value, right: Value) => Operation>;

/** Unary `-`: numeric-capable only. */
export function negate(operand: Value): Operation {
  const value = toArithmeticNumber(operand);
  return value === undefined ? failure(`'-' needs a number, not ${describeType(operand)}`) : ok(-value);
}

/** Unary `!`: truthiness, boolean result. */
export function not(operand: Value): Operation {
  return ok(!isTruthy(operand));
}
