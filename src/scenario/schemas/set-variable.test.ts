import { test } from 'node:test';
import {
  assertActionId,
  assertNoExtraField,
  assertRefused,
  assertRequired,
  assertValid,
  withField,
} from './assert-schema.js';
import { SetVariableAction } from './set-variable.js';

const example = { setVariable: 'counter', value: '${counter + 1}' };

test('the spec example of Set Variable validates', () => assertValid(SetVariableAction, example));

test('setVariable and value are required', () => {
  assertRequired(SetVariableAction, example, 'setVariable');
  assertRequired(SetVariableAction, example, 'value');
});

test('value may be a JSON number or boolean, never null, an object or an array', () => {
  assertValid(SetVariableAction, withField(example, 'value', 12.5));
  assertValid(SetVariableAction, withField(example, 'value', true));
  for (const value of [null, {}, []]) {
    assertRefused(SetVariableAction, withField(example, 'value', value), 'anyOf', 'value');
  }
});

test('setVariable is a variable name of at most 64 characters', () => {
  assertValid(SetVariableAction, withField(example, 'setVariable', `_${'a'.repeat(63)}`));
  assertRefused(
    SetVariableAction,
    withField(example, 'setVariable', `_${'a'.repeat(64)}`),
    'pattern',
    'setVariable',
  );
  assertRefused(SetVariableAction, withField(example, 'setVariable', 'my-var'), 'pattern', 'setVariable');
});

test('actionId is an optional integer from 0 to 2147483647', () =>
  assertActionId(SetVariableAction, example));

test('an unknown field is refused', () => assertNoExtraField(SetVariableAction, example, 'scope'));
