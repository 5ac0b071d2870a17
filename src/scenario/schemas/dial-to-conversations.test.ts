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
import { DialToConversationsAction } from './dial-to-conversations.js';

const example = {
  dialToConversations: { options: { tagIdentifierType: 'NAME', tags: ['billing'], queueTimeout: 300 } },
};
const schema = DialToConversationsAction;

test('the spec example of Dial To Conversations validates', () => assertValid(schema, example));

test('dialToConversations, its options and options.tags are required', () => {
  for (const path of [
    'dialToConversations',
    'dialToConversations.options',
    'dialToConversations.options.tags',
  ]) {
    assertRequired(schema, example, path);
  }
});

test('options.tags is a list of strings, or null, and may be empty', () => {
  assertValid(schema, withField(example, 'dialToConversations.options.tags', null));
  assertValid(schema, withField(example, 'dialToConversations.options.tags', []));
  assertRefused(
    schema,
    withField(example, 'dialToConversations.options.tags', 'billing'),
    'anyOf',
    'dialToConversations.options.tags',
  );
});

test('options.tagIdentifierType is ID or NAME', () => {
  assertBound(schema, example, 'dialToConversations.options.tagIdentifierType', {
    accepted: 'ID',
    refused: 'SKILL',
    keyword: 'enum',
  });
});

test('options.queueTimeout is an integer from 10 to 3600 seconds', () => {
  const path = 'dialToConversations.options.queueTimeout';
  assertBound(schema, example, path, { accepted: 10, refused: 9, keyword: 'minimum' });
  assertBound(schema, example, path, { accepted: 3600, refused: 3601, keyword: 'maximum' });
});

test('options.maxCallDuration is at least 1 second', () => {
  const path = 'dialToConversations.options.maxCallDuration';
  assertBound(schema, example, path, { accepted: 1, refused: 0, keyword: 'minimum' });
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(schema, example));

test('an unknown field is refused at every level, including options beside dialToConversations', () => {
  assertNoExtraField(schema, example, 'options');
  assertNoExtraField(schema, example, 'dialToConversations.tags');
  assertNoExtraField(schema, example, 'dialToConversations.options.ringTimeout');
});
