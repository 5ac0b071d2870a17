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
import { GoToAction } from './go-to.js';

const example = { goTo: 3, options: { goToLimit: 3, countVariable: 'tries' } };

test('the spec example of Go To validates', () => assertValid(GoToAction, example));

test('goTo is required and is an action id, 0 to 2147483647', () => {
  assertRequired(GoToAction, example, 'goTo');
  assertBound(GoToAction, example, 'goTo', { accepted: 0, refused: -1, keyword: 'minimum' });
  assertBound(GoToAction, example, 'goTo', { accepted: 2147483647, refused: 2147483648, keyword: 'maximum' });
  assertRefused(GoToAction, withField(example, 'goTo', '3'), 'type', 'goTo');
});

test('options.goToLimit is an integer from 1 to 100', () => {
  assertBound(GoToAction, example, 'options.goToLimit', { accepted: 1, refused: 0, keyword: 'minimum' });
  assertBound(GoToAction, example, 'options.goToLimit', { accepted: 100, refused: 101, keyword: 'maximum' });
});

test('options.countVariable is a variable name', () => {
  assertRefused(
    GoToAction,
    withField(example, 'options.countVariable', 'try count'),
    'pattern',
    'options.countVariable',
  );
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(GoToAction, example));

test('an unknown field is refused, at the top and in options', () => {
  assertNoExtraField(GoToAction, example, 'goToLimit');
  assertNoExtraField(GoToAction, example, 'options.limit');
});
