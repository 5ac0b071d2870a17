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
import { PlayFromRecordingAction } from './play-from-recording.js';

const example = { playFromRecording: 2 };

test('each form of the spec example validates: null, an integer, a string', () => {
  for (const value of [null, 2, 'greeting-${to}'])
    assertValid(PlayFromRecordingAction, { playFromRecording: value });
});

test('playFromRecording is required', () =>
  assertRequired(PlayFromRecordingAction, example, 'playFromRecording'));

test('an integer playFromRecording is at least 1', () => {
  assertBound(PlayFromRecordingAction, example, 'playFromRecording', {
    accepted: 1,
    refused: 0,
    keyword: 'minimum',
  });
});

test('other JSON types are refused', () => {
  for (const value of [true, 1.5, ['a']]) {
    assertRefused(
      PlayFromRecordingAction,
      withField(example, 'playFromRecording', value),
      'anyOf',
      'playFromRecording',
    );
  }
});

test('options.bargeIn is a boolean', () => {
  assertValid(PlayFromRecordingAction, withField(example, 'options.bargeIn', true));
  assertRefused(PlayFromRecordingAction, withField(example, 'options.bargeIn', 1), 'type', 'options.bargeIn');
});

test('actionId is an optional integer from 0 to 2147483647', () =>
  assertActionId(PlayFromRecordingAction, example));

test('an unknown field is refused, at the top and in options', () => {
  assertNoExtraField(PlayFromRecordingAction, example, 'identifier');
  assertNoExtraField(PlayFromRecordingAction, example, 'options.beep');
});
