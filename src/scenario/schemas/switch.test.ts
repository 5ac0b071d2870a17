import { test } from 'node:test';
import {
  assertActionId,
  assertBound,
  assertNoExtraField,
  assertRefused,
  assertRequired,
  assertValid,
  withField,
} from './assert-schema.js';
import { SwitchAction } from './switch.js';

const example = {
  switch: 'menu',
  case: { '1': [{ say: 'Sales.' }], '2': [], __default: [{ say: 'Invalid choice.' }] },
};

const cases = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${i}`, []]));

test('the spec example of Switch Case validates', () => assertValid(SwitchAction, example));

test('switch and case are required; __default is optional', () => {
  assertRequired(SwitchAction, example, 'switch');
  assertRequired(SwitchAction, example, 'case');
  assertValid(SwitchAction, withField(example, 'case.__default', undefined));
});

test('switch is a variable name or a ${...} expression', () => {
  assertValid(SwitchAction, withField(example, 'switch', "${menu == '1' || vip}"));
  assertRefused(SwitchAction, withField(example, 'switch', 'menu choice'), 'anyOf', 'switch');
  assertRefused(SwitchAction, withField(example, 'switch', 'menu choice'), 'pattern', 'switch');
});

test('case holds at most 100 keys, each a block', () => {
  assertBound(SwitchAction, example, 'case', {
    accepted: cases(100),
    refused: cases(101),
    keyword: 'maxProperties',
  });
  assertRefused(SwitchAction, withField(example, 'case.3', 'hangup'), 'type', 'case.3');
  assertRefused(SwitchAction, withField(example, 'case.__default', {}), 'type', 'case.__default');
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(SwitchAction, example));

test('an unknown field is refused', () => assertNoExtraField(SwitchAction, example, 'default'));
