import { test } from 'node:test';
import {
  assertActionId,
  assertNoExtraField,
  assertRefused,
  assertRequired,
  assertValid,
  withField,
} from './assert-schema.js';
import { RepeatUntilAction } from './repeat-until.js';

const example = { repeat: [{ collectInto: 'myVariable' }], until: "${done} == 'yes'" };

test('the spec example of Repeat Until validates', () => assertValid(RepeatUntilAction, example));

test('repeat and until are required', () => {
  assertRequired(RepeatUntilAction, example, 'repeat');
  assertRequired(RepeatUntilAction, example, 'until');
});

test('repeat is a block and until a string', () => {
  assertRefused(RepeatUntilAction, withField(example, 'repeat', 'hangup'), 'type', 'repeat');
  assertRefused(RepeatUntilAction, withField(example, 'until', false), 'type', 'until');
});

test('actionId is an optional integer from 0 to 2147483647', () =>
  assertActionId(RepeatUntilAction, example));

test('an unknown field is refused', () => assertNoExtraField(RepeatUntilAction, example, 'do'));
