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
import { SAY_LANGUAGES } from './common.js';
import { SayAction } from './say.js';

const example = {
  say: 'Hello ${name}',
  options: { language: 'en-gb', speechRate: 1.2, voice: { name: 'Joanna', gender: 'female' } },
};

test('the spec example of Say validates', () => assertValid(SayAction, example));

test('say is a required string of at most 1400 characters', () => {
  assertRequired(SayAction, example, 'say');
  assertBound(SayAction, example, 'say', {
    accepted: 'a'.repeat(1400),
    refused: 'a'.repeat(1401),
    keyword: 'maxLength',
  });
});

test('options.language is one of the 60 listed languages, lower case', () => {
  for (const language of SAY_LANGUAGES)
    assertValid(SayAction, withField(example, 'options.language', language));
  assertBound(SayAction, example, 'options.language', {
    accepted: 'ur-pk',
    refused: 'en-us',
    keyword: 'enum',
  });
  assertRefused(SayAction, withField(example, 'options.language', 'en-GB'), 'enum', 'options.language');
});

test('options.speechRate is a number from 0.5 to 2', () => {
  assertBound(SayAction, example, 'options.speechRate', { accepted: 0.5, refused: 0.49, keyword: 'minimum' });
  assertBound(SayAction, example, 'options.speechRate', { accepted: 2, refused: 2.01, keyword: 'maximum' });
});

test('options.voice.gender is male or female, options.voice.name a string', () => {
  assertBound(SayAction, example, 'options.voice.gender', {
    accepted: 'male',
    refused: 'neutral',
    keyword: 'enum',
  });
  assertRefused(SayAction, withField(example, 'options.voice.name', 7), 'type', 'options.voice.name');
});

test('options.bargeIn is a boolean', () => {
  assertValid(SayAction, withField(example, 'options.bargeIn', false));
  assertRefused(SayAction, withField(example, 'options.bargeIn', 'false'), 'type', 'options.bargeIn');
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(SayAction, example));

test('an unknown field is refused at every level', () => {
  assertNoExtraField(SayAction, example, 'language');
  assertNoExtraField(SayAction, example, 'options.pitch');
  assertNoExtraField(SayAction, example, 'options.voice.age');
});
