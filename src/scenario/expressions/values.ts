/**
 * The values of the expression language and their text (SCENARIO-LANGUAGE.md sections 3 and 4).
 * Variables hold strings only, so every result that is stored or interpolated passes through
 * `toText`, and every condition through `isTruthy`; both are total, so nothing here can throw.
 */

/** A literal, a variable's string, or an operator's result. */
export type Value = string | number | boolean | null;

/** Section 4: up to 15 digits, an optional fraction of up to 15. Longer runs (phone numbers) stay text. */
const NUMBER_LIKE = /^-?[0-9]{1,15}(\.[0-9]{1,15})?$/;

/** Whether a string takes part in numeric comparison and arithmetic. */
export function isNumberLike(text: string): boolean {
  return NUMBER_LIKE.test(text);
}

/**
 * Section 4: `""`, `"false"`, number-like zero, `0`, `false` and `null` are false; all else is true.
 * Case matters: `"False"` and `" 0"` are true.
 */
export function isTruthy(value: Value): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (value === '' || value === 'false') return false;
  return !(isNumberLike(value) && Number(value) === 0);
}

/**
 * Writes `1.5e-7` as `0.00000015`: section 3 allows no exponent below 1e21. JavaScript's shortest
 * round-trip digits are kept; only the decimal point moves.
 */
function expandSmallExponent(text: string): string {
  const match = /^(-?)(\d)(?:\.(\d+))?e-(\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign = '', lead = '', fraction = '', exponent = '0'] = match;
  return `${sign}0.${'0'.repeat(Number(exponent) - 1)}${lead}${fraction}`;
}

/**
 * The string form of section 3: numbers in shortest decimal form without an exponent below 1e21
 * (`12.5`, `0.0000001`, `-0` as `0`; from 1e21 up JavaScript's `1e+21`), booleans as
 * `true`/`false`, `null` as `""`. The evaluator never produces NaN or an infinity.
 */
export function toText(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Object.is(value, -0)) return '0';
  const text = String(value);
  return Math.abs(value) < 1 ? expandSmallExponent(text) : text;
}

/** Number, or number-like string: the operands that compare numerically. */
export function toComparableNumber(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && isNumberLike(value)) return Number(value);
  return undefined;
}

/** Section 4's "numeric-capable" operands of arithmetic: also `""` and `null`, as 0. */
export function toArithmeticNumber(value: Value): number | undefined {
  if (value === null || value === '') return 0;
  return toComparableNumber(value);
}
