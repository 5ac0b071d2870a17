import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { ActionKind } from './action-kinds.js';
import { fieldPaths } from './field-paths.js';
import { ACTION_SCHEMAS } from './index.js';

type SchemaNode = Readonly<Record<string, unknown>>;

/** Every object node of a schema, with its JSON pointer inside the schema. */
function* objectNodes(node: unknown, at = '#'): Generator<[string, SchemaNode]> {
  if (typeof node !== 'object' || node === null) return;
  const record = node as SchemaNode;
  if (record['type'] === 'object') yield [at, record];
  for (const [key, child] of Object.entries(record)) yield* objectNodes(child, `${at}/${key}`);
}

test('ACTION_SCHEMAS has a schema for each of the 23 action kinds', () => {
  assert.deepEqual(Object.keys(ACTION_SCHEMAS).sort(), Object.values(ActionKind).sort());
});

test('every schema compiles with Ajv in strict mode', () => {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true });
  for (const [kind, schema] of Object.entries(ACTION_SCHEMAS)) {
    assert.doesNotThrow(() => ajv.compile(schema), kind);
  }
});

test('every object level closes its fields: additionalProperties is false, or a schema for a map', () => {
  for (const [kind, schema] of Object.entries(ACTION_SCHEMAS)) {
    for (const [at, node] of objectNodes(schema)) {
      if (node['patternProperties'] !== undefined) continue; // a free-form JSON body
      const extra = node['additionalProperties'];
      assert.ok(extra === false || (typeof extra === 'object' && extra !== null), `${kind} ${at}`);
    }
  }
});

test('every object action takes an optional actionId', () => {
  for (const [kind, schema] of Object.entries(ACTION_SCHEMAS)) {
    if (kind === 'hangup' || kind === 'machineDetection') continue;
    assert.ok(fieldPaths(schema).includes('actionId'), kind);
    assert.ok(!('required' in schema && (schema.required as string[]).includes('actionId')), kind);
  }
});

test('every field has a description', () => {
  for (const [kind, schema] of Object.entries(ACTION_SCHEMAS)) {
    for (const [at, node] of objectNodes(schema)) {
      for (const [name, child] of Object.entries((node['properties'] ?? {}) as Record<string, SchemaNode>)) {
        assert.equal(typeof child['description'], 'string', `${kind} ${at}/properties/${name}`);
      }
    }
  }
});

test('fieldPaths walks nested objects and the objects of arrays', () => {
  assert.deepEqual(fieldPaths(ACTION_SCHEMAS.dialToMany).slice(0, 4), [
    'dialToMany',
    'dialToMany[].number',
    'dialToMany[].ringTimeout',
    'dialToMany[].numbers',
  ]);
  assert.ok(fieldPaths(ACTION_SCHEMAS.say).includes('options.voice.gender'));
  assert.deepEqual(fieldPaths(ACTION_SCHEMAS.hangup), []);
});
