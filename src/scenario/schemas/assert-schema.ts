/**
 * Test support for the schema tests: compiles a schema with an Ajv configured
 * as the project's strict body validator (src/api/plugins/validation.ts) and
 * asserts on the keyword and field of each failure.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import type { TSchema } from 'typebox';

const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv;

const ajv = new Ajv({
  allErrors: true,
  coerceTypes: false,
  removeAdditional: false,
  useDefaults: true,
  strict: false,
});
addFormats(ajv);

const compiled = new WeakMap<TSchema, ValidateFunction>();

/** One failure: the rule and the dotted path of the field (`options.timeout`; `""` for the action itself). */
export interface SchemaFailure {
  readonly keyword: string;
  readonly field: string;
}

function fieldOf(instancePath: string, params: Record<string, unknown>): string {
  const segments = instancePath.split('/').slice(1);
  const named = params['missingProperty'] ?? params['additionalProperty'];
  if (typeof named === 'string') segments.push(named);
  return segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

/** Every failure of `value` against `schema` (none when it validates). The value is not modified. */
export function failuresOf(schema: TSchema, value: unknown): SchemaFailure[] {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(structuredClone(value))) return [];
  return (validate.errors ?? []).map((e) => ({
    keyword: e.keyword,
    field: fieldOf(e.instancePath, e.params as Record<string, unknown>),
  }));
}

export function assertValid(schema: TSchema, value: unknown): void {
  assert.deepEqual(failuresOf(schema, value), [], `expected ${JSON.stringify(value)} to validate`);
}

export function assertRefused(schema: TSchema, value: unknown, keyword: string, field: string): void {
  const failures = failuresOf(schema, value);
  const found = failures.some((f) => f.keyword === keyword && f.field === field);
  assert.ok(
    found,
    `expected ${keyword} at "${field}" for ${JSON.stringify(value)}, got ${JSON.stringify(failures)}`,
  );
}

type Json = Record<string, unknown>;

/** A deep copy of `base` with the field at the dotted `path` set to `value`, or removed when `value` is undefined. */
export function withField(base: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(base);
  const keys = path.split('.');
  const last = keys.pop();
  assert.ok(last !== undefined);
  let target = copy as Json;
  for (const key of keys) {
    target[key] ??= {};
    target = target[key] as Json;
  }
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

/** The value at the dotted `path` is accepted at the bound and refused one step past it, by `keyword`. */
export function assertBound(
  schema: TSchema,
  base: unknown,
  path: string,
  bound: { accepted: unknown; refused: unknown; keyword: string },
): void {
  assertValid(schema, withField(base, path, bound.accepted));
  assertRefused(schema, withField(base, path, bound.refused), bound.keyword, path);
}

/** Removing the field at `path` is refused with `required`. */
export function assertRequired(schema: TSchema, base: unknown, path: string): void {
  assertRefused(schema, withField(base, path, undefined), 'required', path);
}

/** An extra field beside the one at `path` is refused with `additionalProperties`. */
export function assertNoExtraField(schema: TSchema, base: unknown, path: string): void {
  assertRefused(schema, withField(base, path, 1), 'additionalProperties', path);
}

/** `actionId` is optional and an integer 0..2147483647. */
export function assertActionId(schema: TSchema, base: unknown): void {
  assertValid(schema, withField(base, 'actionId', undefined));
  assertBound(schema, base, 'actionId', { accepted: 0, refused: -1, keyword: 'minimum' });
  assertBound(schema, base, 'actionId', { accepted: 2147483647, refused: 2147483648, keyword: 'maximum' });
  assertRefused(schema, withField(base, 'actionId', 1.5), 'type', 'actionId');
}
