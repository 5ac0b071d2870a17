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
import { CollectAction } from './collect.js';

const example = {
  collectInto: 'menu',
  options: { maxInputLength: 1, timeout: 5, sendToReports: 'MASKED', mappedValues: { '1': 'sales' } },
};

const mapped = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${i}`, 'x']));

test('the spec example of Collect validates', () => assertValid(CollectAction, example));

test('a Collect with collectInto alone validates', () => assertValid(CollectAction, { collectInto: 'pin' }));

test('collectInto is required and is a variable name', () => {
  assertRequired(CollectAction, example, 'collectInto');
  assertRefused(CollectAction, withField(example, 'collectInto', '1st'), 'pattern', 'collectInto');
});

test('options.maxInputLength is an integer from 0 to 255', () => {
  assertBound(CollectAction, example, 'options.maxInputLength', {
    accepted: 0,
    refused: -1,
    keyword: 'minimum',
  });
  assertBound(CollectAction, example, 'options.maxInputLength', {
    accepted: 255,
    refused: 256,
    keyword: 'maximum',
  });
});

test('options.timeout and options.interDigitTimeout are integers from 1 to 30 seconds', () => {
  for (const path of ['options.timeout', 'options.interDigitTimeout']) {
    assertBound(CollectAction, example, path, { accepted: 1, refused: 0, keyword: 'minimum' });
    assertBound(CollectAction, example, path, { accepted: 30, refused: 31, keyword: 'maximum' });
    assertRefused(CollectAction, withField(example, path, 1.5), 'type', path);
  }
});

test('options.sendToReports is ALWAYS, MASKED or NEVER', () => {
  assertBound(CollectAction, example, 'options.sendToReports', {
    accepted: 'ALWAYS',
    refused: 'masked',
    keyword: 'enum',
  });
});

test('options.mappedValues holds at most 100 string values', () => {
  assertBound(CollectAction, example, 'options.mappedValues', {
    accepted: mapped(100),
    refused: mapped(101),
    keyword: 'maxProperties',
  });
  assertRefused(
    CollectAction,
    withField(example, 'options.mappedValues.1', null),
    'type',
    'options.mappedValues.1',
  );
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(CollectAction, example));

test('an unknown field is refused, at the top and in options', () => {
  assertNoExtraField(CollectAction, example, 'maxInputLength');
  assertNoExtraField(CollectAction, example, 'options.maxDigits');
});
