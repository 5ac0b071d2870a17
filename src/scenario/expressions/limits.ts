/**
 * The bounds of the expression language (SCENARIO-LANGUAGE.md section 4: "over 1,024 characters,
 * 256 nodes or depth 32 → _EXPRESSION_TOO_COMPLEX"; section 3: a value holds at most 4,096
 * characters). They keep the cost of parsing and evaluating proportional to the source, whatever a
 * script author or a caller types. Operators may change them through the
 * `VOXGATE_SCENARIO_MAX_EXPRESSION_*` settings of section 8; the composition root passes them in.
 */

/** Compile-time bounds of one expression. */
export interface ExpressionLimits {
  /** Characters (UTF-16 code units) of one expression's source, `${` and `}` included. */
  readonly maxLength: number;
  /** Nodes of the tree: literals, variable reads, unary and binary operations. */
  readonly maxNodes: number;
  /** Longest root-to-leaf path, each node and each bracket pair `( )` or `${ }` counting one level. */
  readonly maxDepth: number;
}

export const DEFAULT_EXPRESSION_LIMITS: ExpressionLimits = Object.freeze({
  maxLength: 1024,
  maxNodes: 256,
  maxDepth: 32,
});

/**
 * The parser and the evaluator recurse once per level, so no setting may ask for more levels than
 * Node's default stack holds with room to spare (about eight frames per bracket level).
 */
export const MAX_SUPPORTED_DEPTH = 256;

/** Run-time bounds of one evaluation. */
export interface EvaluationLimits {
  /** Characters of a string result, intermediate or final; longer is `VG_RT_EXPRESSION_ERROR`. */
  readonly maxValueLength: number;
}

export const DEFAULT_EVALUATION_LIMITS: EvaluationLimits = Object.freeze({ maxValueLength: 4096 });

function requireCount(name: string, value: number, maximum: number): void {
  if (!Number.isSafeInteger(value) || value < 1 || value > maximum) {
    throw new RangeError(`expression limit ${name} must be an integer from 1 to ${maximum}, got ${value}`);
  }
}

/** Fills in the defaults; a limit out of range is a configuration bug and throws. */
export function resolveExpressionLimits(limits: Partial<ExpressionLimits> = {}): ExpressionLimits {
  const resolved = { ...DEFAULT_EXPRESSION_LIMITS, ...limits };
  requireCount('maxLength', resolved.maxLength, Number.MAX_SAFE_INTEGER);
  requireCount('maxNodes', resolved.maxNodes, Number.MAX_SAFE_INTEGER);
  requireCount('maxDepth', resolved.maxDepth, MAX_SUPPORTED_DEPTH);
  return resolved;
}

/** Fills in the defaults; a limit out of range is a configuration bug and throws. */
export function resolveEvaluationLimits(limits?: Partial<EvaluationLimits>): EvaluationLimits {
  // The engine evaluates with the defaults, many times a call: no copy or check for them.
  if (limits === undefined) return DEFAULT_EVALUATION_LIMITS;
  const resolved = { ...DEFAULT_EVALUATION_LIMITS, ...limits };
  requireCount('maxValueLength', resolved.maxValueLength, Number.MAX_SAFE_INTEGER);
  return resolved;
}
