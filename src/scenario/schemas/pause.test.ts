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
import { PauseAction } from './pause.js';

const example = { pause: 1.5 };

test('the spec example of Pause validates', () => assertValid(PauseAction, example));

test('pause is required', () => assertRequired(PauseAction, example, 'pause'));

test('pause is more than 0 and at most 5 seconds', () => {
  assertBound(PauseAction, example, 'pause', { accepted: 0.01, refused: 0, keyword: 'exclusiveMinimum' });
  assertBound(PauseAction, example, 'pause', { accepted: 5, refused: 5.01, keyword: 'maximum' });
  assertRefused(PauseAction, withField(example, 'pause', '1'), 'type', 'pause');
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(PauseAction, example));

test('an unknown field is refused', () => assertNoExtraField(PauseAction, example, 'options'));
