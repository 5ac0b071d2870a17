/**
 * Checks one action's JSON shape against its TypeBox schema and reports each
 * broken rule with section 7's code. Defaults are not written into the
 * document: the node builders apply them, so `script` comes back as submitted.
 */
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ACTION_SCHEMAS, type ActionKind } from '../schemas/index.js';
import { appendPointer, childPath } from './paths.js';
import type { IssueSink } from './scenario-issue.js';

const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv;

const ajv = new Ajv({
  allErrors: true,
  coerceTypes: false,
  useDefaults: false,
  strict: false,
  verbose: true,
});
addFormats(ajv);

const validators = new Map<ActionKind, ValidateFunction>();

function validatorOf(kind: ActionKind): ValidateFunction {
  let validate = validators.get(kind);
  if (validate === undefined) {
    validate = ajv.compile(ACTION_SCHEMAS[kind]);
    validators.set(kind, validate);
  }
  return validate;
}

function isVariableNameField(error: ErrorObject): boolean {
  const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' && description.startsWith('variable name');
}

function codeOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'REQUIRED_FIELD';
    case 'additionalProperties':
      return 'UNKNOWN_FIELD';
    case 'enum':
    case 'const':
      return 'ENUM';
    case 'maxLength':
      return 'STRING_TOO_LONG';
    case 'pattern':
      return isVariableNameField(error) ? 'INVALID_VARIABLE_NAME' : 'OUT_OF_RANGE';
    case 'type':
    case 'anyOf':
      return 'TYPE';
    default:
      return 'OUT_OF_RANGE';
  }
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field of this action';
    case 'enum':
      return `must be one of: ${(params['allowedValues'] as unknown[]).map(String).join(', ')}`;
    case 'anyOf':
      return 'does not match any accepted form';
    default:
      return error.message ?? 'is invalid';
  }
}

/** Path of the field an Ajv error names, below the action at `actionPath`. */
function pathOf(actionPath: string, error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const base = appendPointer(actionPath, error.instancePath);
  if (error.keyword === 'required' && typeof params['missingProperty'] === 'string') {
    return childPath(base, params['missingProperty']);
  }
  if (error.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
    return childPath(base, params['additionalProperty']);
  }
  return base;
}

/** True when `value` has the shape of a `kind` action; otherwise its issues are in `sink`. */
export function checkActionShape(
  kind: ActionKind,
  value: unknown,
  actionPath: string,
  sink: IssueSink,
): boolean {
  const validate = validatorOf(kind);
  if (validate(value)) return true;
  const errors = validate.errors ?? [];
  // A failed anyOf also reports each branch's failure; the anyOf line alone says it better.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  for (const error of errors) {
    if (
      error.keyword !== 'anyOf' &&
      anyOfPaths.has(error.instancePath) &&
      error.schemaPath.includes('/anyOf/')
    ) {
      continue;
    }
    const path = pathOf(actionPath, error);
    // Section 7 names its own code for a bad actionId (integer 0..2147483647, section 2).
    const code = error.instancePath === '/actionId' ? 'INVALID_ACTION_ID' : codeOf(error);
    if (seen.has(`${path}|${code}`)) continue;
    seen.add(`${path}|${code}`);
    sink.error(code, path, messageOf(error));
  }
  return false;
}
