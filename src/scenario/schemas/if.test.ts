import { test } from 'node:test';
import {
  assertActionId,
  assertNoExtraField,
  assertRefused,
  assertRequired,
  assertValid,
  withField,
} from './assert-schema.js';
import { IfAction } from './if.js';

const example = { if: '${attempts} < 3', then: [{ say: 'Try again.' }], else: ['hangup'] };

test('the spec example of If Then Else validates', () => assertValid(IfAction, example));

test('then and else are each optional', () => {
  assertValid(IfAction, withField(example, 'then', undefined));
  assertValid(IfAction, withField(example, 'else', undefined));
});

test('if is a required string', () => {
  assertRequired(IfAction, example, 'if');
  assertRefused(IfAction, withField(example, 'if', true), 'type', 'if');
});

test('then and else are blocks', () => {
  assertRefused(IfAction, withField(example, 'then', 'hangup'), 'type', 'then');
  assertRefused(IfAction, withField(example, 'else', { say: 'x' }), 'type', 'else');
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(IfAction, example));

test('an unknown field is refused', () => assertNoExtraField(IfAction, example, 'elseIf'));
