/**
 * The format of a scenario test file (docs/scenario-tests.md): a scenario
 * (a path or inline), defaults for the call, and tests, each a caller script
 * and what must happen.
 */
import { Ajv } from 'ajv';
import { Type, type Static } from 'typebox';
import { parse } from 'yaml';
import { CallerScript } from '../simulator/index.js';

const Number164 = Type.String({ pattern: '^\\+?[0-9]{3,15}$' });

export const Expectation = Type.Object(
  {
    match: Type.Optional(Type.Enum(['subset', 'exact'], { default: 'subset' })),
    events: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    variables: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    ),
    ended: Type.Optional(
      Type.Object(
        {
          hangupBy: Type.Optional(Type.String()),
          hangupCause: Type.Optional(Type.String()),
          durationS: Type.Optional(Type.Integer()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ScenarioTest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    from: Type.Optional(Number164),
    to: Type.Optional(Number164),
    direction: Type.Optional(Type.Enum(['inbound', 'outbound'])),
    parameters: Type.Optional(Type.Record(Type.String(), Type.String())),
    caller: Type.Optional(CallerScript),
    expect: Expectation,
  },
  { additionalProperties: false },
);

export const ScenarioTestFile = Type.Object(
  {
    scenario: Type.Union([
      Type.String({ minLength: 1 }),
      Type.Record(Type.String(), Type.Unknown()),
      Type.Array(Type.Unknown()),
    ]),
    from: Type.Optional(Number164),
    to: Type.Optional(Number164),
    parameters: Type.Optional(Type.Record(Type.String(), Type.String())),
    tests: Type.Array(ScenarioTest, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type ScenarioTestFile = Static<typeof ScenarioTestFile>;
export type ScenarioTest = Static<typeof ScenarioTest>;

const validate = new Ajv({ allErrors: true, strict: false, useDefaults: false }).compile(ScenarioTestFile);

export type ParsedTestFile =
  | { readonly ok: true; readonly file: ScenarioTestFile }
  | { readonly ok: false; readonly problems: readonly string[] };

export function parseTestFile(text: string): ParsedTestFile {
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 20 });
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : 'unreadable YAML'] };
  }
  if (!validate(document)) {
    return {
      ok: false,
      problems: (validate.errors ?? []).map(
        (e) =>
          `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? `: ${String((e.params as { additionalProperty?: unknown }).additionalProperty)}` : ''}`,
      ),
    };
  }
  return { ok: true, file: document };
}
