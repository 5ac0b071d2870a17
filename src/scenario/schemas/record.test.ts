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
import { RecordAction } from './record.js';

const example = {
  record: 30,
  options: { escapeDigits: '#', beep: true, maxSilence: 3, identifier: 'greeting-${to}' },
};

test('the spec example of Record validates', () => assertValid(RecordAction, example));

test('record is required; null means the operator maximum', () => {
  assertRequired(RecordAction, example, 'record');
  assertValid(RecordAction, { record: null });
});

test('record is an integer from 1 to 3600 seconds', () => {
  assertBound(RecordAction, example, 'record', { accepted: 1, refused: 0, keyword: 'minimum' });
  assertBound(RecordAction, example, 'record', { accepted: 3600, refused: 3601, keyword: 'maximum' });
  assertRefused(RecordAction, withField(example, 'record', '30'), 'anyOf', 'record');
});

test('options.escapeDigits holds up to 12 of 0-9 * # A-D', () => {
  assertBound(RecordAction, example, 'options.escapeDigits', {
    accepted: '0123456789*#',
    refused: '0123456789*#A',
    keyword: 'maxLength',
  });
  assertBound(RecordAction, example, 'options.escapeDigits', {
    accepted: 'ABCD',
    refused: 'E',
    keyword: 'pattern',
  });
  assertValid(RecordAction, withField(example, 'options.escapeDigits', ''));
});

test('options.maxSilence is an integer from 1 to 60 seconds', () => {
  assertBound(RecordAction, example, 'options.maxSilence', { accepted: 1, refused: 0, keyword: 'minimum' });
  assertBound(RecordAction, example, 'options.maxSilence', { accepted: 60, refused: 61, keyword: 'maximum' });
});

test('options.identifier holds at most 128 characters', () => {
  assertBound(RecordAction, example, 'options.identifier', {
    accepted: 'g'.repeat(128),
    refused: 'g'.repeat(129),
    keyword: 'maxLength',
  });
});

test('options.beep is a boolean', () => {
  assertRefused(RecordAction, withField(example, 'options.beep', 'on'), 'type', 'options.beep');
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(RecordAction, example));

test('an unknown field is refused, at the top and in options', () => {
  assertNoExtraField(RecordAction, example, 'beep');
  assertNoExtraField(RecordAction, example, 'options.format');
});
