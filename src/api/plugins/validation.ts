/**
 * Request validation: TypeBox schemas compiled by Ajv, and Ajv's errors turned
 * into {@link Issue}s that name the field and the rule.
 *
 * Bodies are validated strictly (no type coercion, unknown properties refused,
 * so a body cannot smuggle `account_id` or a limit in); query strings and path
 * parameters arrive as text and are coerced to the schema's types.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { createRequire } from 'node:module';
import type { FastifySchemaCompiler } from 'fastify';
import { ValidationFailed, type Issue, type VoxgateError } from '../../errors.js';

// ajv-formats is CommonJS whose types declare an ES default export; require() takes the callable plainly.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv;

const PART_NAMES: Readonly<Record<string, string>> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

function createAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: coerceTypes ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

const strictAjv = createAjv(false);
const coercingAjv = createAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
  return ajv.compile(schema as object);
};

function pathOf(part: string, error: ErrorObject): (string | number)[] {
  const path: (string | number)[] = [part];
  for (const segment of error.instancePath.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    path.push(/^\d+$/.test(key) ? Number(key) : key);
  }
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params['missingProperty'] === 'string') {
    path.push(params['missingProperty']);
  }
  if (error.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
    path.push(params['additionalProperty']);
  }
  return path;
}

function limitOf(error: ErrorObject): number | string | undefined {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'maxLength':
    case 'minLength':
    case 'maxItems':
    case 'minItems':
    case 'maxProperties':
    case 'minProperties':
      return params['limit'] as number;
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return params['limit'] as number;
    case 'type':
      return String(params['type']);
    case 'enum':
      return (params['allowedValues'] as unknown[]).map(String).join(', ');
    case 'const':
      return String(params['allowedValue']);
    case 'format':
      return String(params['format']);
    case 'pattern':
      return String(params['pattern']);
    default:
      return undefined;
  }
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not an accepted field';
    case 'enum':
      return `must be one of: ${String(limitOf(error))}`;
    default:
      return error.message ?? 'is invalid';
  }
}

/** Ajv errors of one request part to issues; `anyOf` noise from its branches is collapsed. */
export function issuesFromAjv(errors: readonly ErrorObject[], httpPart: string): Issue[] {
  const part = PART_NAMES[httpPart] ?? httpPart;
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const isBranchError = (e: ErrorObject): boolean =>
    e.keyword !== 'anyOf' && anyOfPaths.has(e.instancePath) && /\/anyOf\//.test(e.schemaPath);
  // A value of the right type for one branch (a too-short string where a string or null is
  // accepted) is told that branch's rule; otherwise the anyOf itself says it better.
  const typedPaths = new Set(
    errors.filter((e) => isBranchError(e) && e.keyword !== 'type').map((e) => e.instancePath),
  );
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (
      error.keyword === 'anyOf'
        ? typedPaths.has(error.instancePath)
        : isBranchError(error) && (error.keyword === 'type' || !typedPaths.has(error.instancePath))
    )
      continue;
    const path = pathOf(part, error);
    const limit = limitOf(error);
    const key = `${path.join('.')}|${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rule = error.keyword === 'anyOf' ? 'oneOf' : error.keyword;
    const message = error.keyword === 'anyOf' ? 'does not match any accepted form' : messageOf(error);
    issues.push(limit === undefined ? { path, rule, message } : { path, rule, message, limit });
  }
  return issues;
}

/** Renders an issue's path as `body.script[3].options`. */
export function formatIssuePath(path: Issue['path'], options: { skipPart?: boolean } = {}): string {
  const segments = options.skipPart === true ? path.slice(1) : path;
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** Fastify's validation failure (error.validation set) as a coded error. */
export function validationErrorFrom(error: {
  validation: readonly ErrorObject[];
  validationContext?: string;
}): VoxgateError {
  const issues = issuesFromAjv(error.validation, error.validationContext ?? 'body');
  const first = issues[0];
  return ValidationFailed({
    issues,
    message:
      first === undefined
        ? 'the request is invalid'
        : `${formatIssuePath(first.path)} ${first.message} (${first.rule})`,
  });
}

/** Issues as `{field, rule, message, limit}` with the field relative to the body, as several seeds name fields. */
export function fieldErrors(issues: readonly Issue[]) {
  return issues.map((issue) => ({
    field: formatIssuePath(issue.path, { skipPart: issue.path[0] === 'body' }),
    rule: issue.rule,
    message: issue.message,
    ...(issue.limit === undefined ? {} : { limit: issue.limit }),
  }));
}
