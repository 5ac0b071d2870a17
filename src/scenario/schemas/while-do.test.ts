import { test } from 'node:test';
import {
  assertActionId,
  assertNoExtraField,
  assertRefused,
  assertRequired,
  assertValid,
  withField,
} from './assert-schema.js';
import { WhileDoAction } from './while-do.js';

const example = {
  while: '${tries} < 3',
  do: [{ setVariable: 'tries', value: '${tries + 1}' }],
};

test('the spec example of While Do validates', () => assertValid(WhileDoAction, example));

test('while and do are required', () => {
  assertRequired(WhileDoAction, example, 'while');
  assertRequired(WhileDoAction, example, 'do');
});

test('do is a block and while a string', () => {
  assertRefused(WhileDoAction, withField(example, 'do', {}), 'type', 'do');
  assertRefused(WhileDoAction, withField(example, 'while', 1), 'type', 'while');
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(WhileDoAction, example));

test('an unknown field is refused', () => assertNoExtraField(WhileDoAction, example, 'repeat'));
