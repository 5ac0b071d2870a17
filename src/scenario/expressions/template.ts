/**
 * Interpolated strings (SCENARIO-LANGUAGE.md section 3): `${name}` and `${expr}` insert the string
 * form of a section 4 expression, `$${` is a literal `${`. A template is parsed once, at compile
 * time, into text and expression parts; rendering evaluates each expression and never looks at the
 * text it produced again, so a `${x}` typed by a caller stays inert (one pass).
 */
import type { Expression } from './ast.js';
import { describeEvalError, evaluate, type VariableReader } from './evaluate.js';
import { findInterpolationEnd, type InterpolationIssue } from './interpolation-end.js';
import type { EvaluationLimits, ExpressionLimits } from './limits.js';
import { parseExpression } from './parser.js';
import { toText } from './values.js';

export interface TextPart {
  readonly kind: 'text';
  readonly text: string;
}

export interface ExpressionPart {
  readonly kind: 'expression';
  /** The `${…}` itself, `${` and `}` included; node offsets count from its `$`. */
  readonly expression: Expression;
  /** Offset of the `$` in the template's source. */
  readonly offset: number;
}

export type TemplatePart = TextPart | ExpressionPart;

export interface Template {
  readonly source: string;
  /** Text and expressions in order; adjacent text is merged, so parts alternate. */
  readonly parts: readonly TemplatePart[];
  /** Distinct variables read by all the expressions, in order of first appearance. */
  readonly variables: readonly string[];
  /** No expression at all: the text is constant (it may still differ from the source by `$${`). */
  readonly isPlain: boolean;
}

export type TemplateIssue = InterpolationIssue;

export type TemplateResult =
  { readonly ok: true; readonly template: Template } | { readonly ok: false; readonly issue: TemplateIssue };

const ESCAPED_OPENING = '$${';

function buildTemplate(source: string, parts: readonly TemplatePart[]): Template {
  const variables = new Set<string>();
  for (const part of parts) {
    if (part.kind === 'expression') for (const name of part.expression.variables) variables.add(name);
  }
  const isPlain = parts.every((part) => part.kind === 'text');
  return Object.freeze({
    source,
    parts: Object.freeze(parts),
    variables: Object.freeze([...variables]),
    isPlain,
  });
}

/**
 * Parses an interpolated string. Each `${…}` is one expression under `limits`; issue offsets count
 * from the start of `source`. Never throws for any source text.
 */
export function parseTemplate(source: string, limits?: Partial<ExpressionLimits>): TemplateResult {
  const parts: TemplatePart[] = [];
  let text = '';
  let position = 0;
  for (let dollar = source.indexOf('$'); dollar >= 0; dollar = source.indexOf('$', position)) {
    if (source.startsWith(ESCAPED_OPENING, dollar)) {
      text += `${source.slice(position, dollar)}\${`;
      position = dollar + ESCAPED_OPENING.length;
    } else if (source.startsWith('${', dollar)) {
      const found = findInterpolationEnd(source, dollar);
      if (!found.ok) return found;
      const parsed = parseExpression(source.slice(dollar, found.end), limits);
      if (!parsed.ok) return { ok: false, issue: { ...parsed.issue, offset: dollar + parsed.issue.offset } };
      text += source.slice(position, dollar);
      if (text !== '') parts.push(Object.freeze({ kind: 'text', text }));
      parts.push(Object.freeze({ kind: 'expression', expression: parsed.expression, offset: dollar }));
      text = '';
      position = found.end;
    } else {
      text += source.slice(position, dollar + 1);
      position = dollar + 1;
    }
  }
  text += source.slice(position);
  if (text !== '') parts.push(Object.freeze({ kind: 'text', text }));
  return { ok: true, template: buildTemplate(source, parts) };
}

/** The whole string is one `${…}` (section 3: such a `request` URL is not percent-encoded). */
export function isSingleExpression(template: Template): boolean {
  return template.parts.length === 1 && template.parts[0]?.kind === 'expression';
}

export interface RenderOptions {
  /** Applied to each expression's string form, never to the template's own text. */
  readonly encode?: (value: string) => string;
  /** Longest text produced; beyond it the text is cut there and `truncated` is set. */
  readonly maxLength?: number;
  readonly limits?: Partial<EvaluationLimits>;
}

export interface RenderResult {
  readonly text: string;
  /** One line per failed expression (each inserted `""`) or for the truncation. */
  readonly errors: readonly string[];
  readonly truncated: boolean;
}

/**
 * Renders a parsed template against the call's variables. Never throws unless `encode` does: an
 * expression error inserts `""` and is listed in `errors` (section 4: "a string context gets `""`").
 */
export function renderTemplate(
  template: Template,
  variables: VariableReader,
  options: RenderOptions = NO_OPTIONS,
): RenderResult {
  // Made on the first error: most renders have none, and share one empty list.
  let errors: string[] | null = null;
  const maxLength = options.maxLength ?? Number.POSITIVE_INFINITY;
  let text = '';
  // Indexed: a for-of over the frozen parts built an iterator per render.
  const parts = template.parts;
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index] as TemplatePart;
    if (part.kind === 'text') text += part.text;
    else {
      // The value an expression contributes: its encoded string form, or `""`.
      const result = evaluate(part.expression, variables, options.limits);
      if (result.ok) {
        const value = toText(result.value);
        text += options.encode === undefined ? value : options.encode(value);
      } else (errors ??= []).push(describeEvalError(result.message, part.offset + result.offset));
    }
    if (text.length > maxLength) {
      (errors ??= []).push(`the text is longer than ${maxLength} characters and was cut`);
      return { text: cutAt(text, maxLength), errors, truncated: true };
    }
  }
  return { text, errors: errors ?? NO_ERRORS, truncated: false };
}

const NO_OPTIONS: RenderOptions = Object.freeze({});
const NO_ERRORS: readonly string[] = Object.freeze([]);

/** Cuts to `length` code units without leaving half of a surrogate pair at the end. */
function cutAt(text: string, length: number): string {
  const cut = text.slice(0, length);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
