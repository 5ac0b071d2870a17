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
import { CaptureAction } from './capture.js';

const example = {
  capture: 'intent',
  timeout: 5,
  sendToReports: 'ALWAYS',
  speechOptions: { language: 'en-US', maxSilence: 2, keyPhrases: ['discount', 'exit'] },
  dtmfOptions: { maxInputLength: 1, mappedValues: { '1': 'discount' } },
};

const many = (count: number) => Array.from({ length: count }, (_, i) => `phrase ${i}`);
const mapped = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${i}`, 'x']));

test('the spec example of Capture validates', () => assertValid(CaptureAction, example));

test('a Capture without dtmfOptions, keyPhrases or sendToReports validates', () => {
  assertValid(CaptureAction, { capture: 'said', timeout: 10, speechOptions: { language: 'de' } });
});

test('capture, timeout, speechOptions and speechOptions.language are required', () => {
  for (const path of ['capture', 'timeout', 'speechOptions', 'speechOptions.language']) {
    assertRequired(CaptureAction, example, path);
  }
});

test('capture is a variable name', () => {
  assertRefused(CaptureAction, withField(example, 'capture', 'my intent'), 'pattern', 'capture');
});

test('timeout is an integer from 1 to 30 seconds', () => {
  assertBound(CaptureAction, example, 'timeout', { accepted: 1, refused: 0, keyword: 'minimum' });
  assertBound(CaptureAction, example, 'timeout', { accepted: 30, refused: 31, keyword: 'maximum' });
  assertRefused(CaptureAction, withField(example, 'timeout', '5'), 'type', 'timeout');
});

test('speechOptions.language is a locale tag', () => {
  assertValid(CaptureAction, withField(example, 'speechOptions.language', 'pt-BR'));
  assertRefused(
    CaptureAction,
    withField(example, 'speechOptions.language', 'english'),
    'pattern',
    'speechOptions.language',
  );
});

test('speechOptions.keyPhrases holds at most 100 phrases of one to five words', () => {
  assertBound(CaptureAction, example, 'speechOptions.keyPhrases', {
    accepted: many(100),
    refused: many(101),
    keyword: 'maxItems',
  });
  assertBound(CaptureAction, example, 'speechOptions.keyPhrases.0', {
    accepted: 'one two three four five',
    refused: 'one two three four five six',
    keyword: 'pattern',
  });
});

test('speechOptions.maxSilence is an integer from 1 to 5 seconds', () => {
  assertBound(CaptureAction, example, 'speechOptions.maxSilence', {
    accepted: 1,
    refused: 0,
    keyword: 'minimum',
  });
  assertBound(CaptureAction, example, 'speechOptions.maxSilence', {
    accepted: 5,
    refused: 6,
    keyword: 'maximum',
  });
});

test('dtmfOptions.maxInputLength is an integer from 1 to 255', () => {
  assertBound(CaptureAction, example, 'dtmfOptions.maxInputLength', {
    accepted: 1,
    refused: 0,
    keyword: 'minimum',
  });
  assertBound(CaptureAction, example, 'dtmfOptions.maxInputLength', {
    accepted: 255,
    refused: 256,
    keyword: 'maximum',
  });
});

test('dtmfOptions.mappedValues holds at most 100 string values', () => {
  assertBound(CaptureAction, example, 'dtmfOptions.mappedValues', {
    accepted: mapped(100),
    refused: mapped(101),
    keyword: 'maxProperties',
  });
  assertRefused(
    CaptureAction,
    withField(example, 'dtmfOptions.mappedValues.2', 2),
    'type',
    'dtmfOptions.mappedValues.2',
  );
});

test('sendToReports is ALWAYS, MASKED or NEVER', () => {
  assertBound(CaptureAction, example, 'sendToReports', {
    accepted: 'NEVER',
    refused: 'SOMETIMES',
    keyword: 'enum',
  });
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(CaptureAction, example));

test('an unknown field is refused at every level', () => {
  assertNoExtraField(CaptureAction, example, 'options');
  assertNoExtraField(CaptureAction, example, 'speechOptions.model');
  assertNoExtraField(CaptureAction, example, 'dtmfOptions.timeout');
});
