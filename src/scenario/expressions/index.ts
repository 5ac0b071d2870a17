/**
 * The expression language of the scenario engine (SCENARIO-LANGUAGE.md sections 3 and 4): parse
 * conditions and interpolated strings once at compile time, evaluate them per call at run time.
 */
export type {
  BinaryNode,
  BinaryOperator,
  Expression,
  ExpressionNode,
  LiteralNode,
  UnaryNode,
  UnaryOperator,
  VariableNode,
} from './ast.js';
export { BINARY_OPERATORS, UNARY_OPERATORS } from './ast.js';
export { describeEvalError, evaluate, evaluateCondition } from './evaluate.js';
export type { EvalResult, VariableReader } from './evaluate.js';
export { ExpressionCode } from './expression-issue.js';
export type { ExpressionIssue } from './expression-issue.js';
export {
  DEFAULT_EVALUATION_LIMITS,
  DEFAULT_EXPRESSION_LIMITS,
  MAX_SUPPORTED_DEPTH,
  resolveEvaluationLimits,
  resolveExpressionLimits,
} from './limits.js';
export type { EvaluationLimits, ExpressionLimits } from './limits.js';
export { parseExpression } from './parser.js';
export type { ParseResult } from './parser.js';
export { isSingleExpression, parseTemplate, renderTemplate } from './template.js';
export type {
  ExpressionPart,
  RenderOptions,
  RenderResult,
  Template,
  TemplateIssue,
  TemplatePart,
  TemplateResult,
  TextPart,
} from './template.js';
export { isNumberLike, isTruthy, toText } from './values.js';
export type { Value } from './values.js';
