import { test } from 'node:test';
import {
  assertActionId,
  assertNoExtraField,
  assertRefused,
  assertRequired,
  assertValid,
  withField,
} from './assert-schema.js';
import { RepeatWhileAction } from './repeat-while.js';

const example = { repeat: [{ collectInto: 'myVariable' }], while: '${myVariable} != 1' };

test('the spec example of Repeat While validates', () => assertValid(RepeatWhileAction, example));

test('repeat and while are required', () => {
  assertRequired(RepeatWhileAction, example, 'repeat');
  assertRequired(RepeatWhileAction, example, 'while');
});

test('repeat is a block and while a string', () => {
  assertRefused(RepeatWhileAction, withField(example, 'repeat', 'hangup'), 'type', 'repeat');
  assertRefused(RepeatWhileAction, withField(example, 'while', false), 'type', 'while');
});

test('actionId is an optional integer from 0 to 2147483647', () =>
  assertActionId(RepeatWhileAction, example));

test('an unknown field is refused', () => assertNoExtraField(RepeatWhileAction, example, 'do'));
