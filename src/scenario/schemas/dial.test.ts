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
import { DialAction } from './dial.js';

const example = {
  dial: '41793026727',
  options: { senderId: '41793026700', maxCallDuration: 600, ringTimeout: 25 },
};

test('the spec example of Dial validates', () => assertValid(DialAction, example));

test('a Dial with every option validates', () => {
  const options = { ...example.options, record: true, onAnswer: [{ say: 'Call from ${from}' }] };
  assertValid(DialAction, { dial: 'sip:alice', options });
});

test('dial is a required string', () => {
  assertRequired(DialAction, example, 'dial');
  assertRefused(DialAction, withField(example, 'dial', 41793026727), 'type', 'dial');
});

test('options.ringTimeout is an integer from 5 to 300 seconds', () => {
  assertBound(DialAction, example, 'options.ringTimeout', { accepted: 5, refused: 4, keyword: 'minimum' });
  assertBound(DialAction, example, 'options.ringTimeout', {
    accepted: 300,
    refused: 301,
    keyword: 'maximum',
  });
});

test('options.maxCallDuration is an integer of at least 1 second', () => {
  assertBound(DialAction, example, 'options.maxCallDuration', {
    accepted: 1,
    refused: 0,
    keyword: 'minimum',
  });
  assertRefused(
    DialAction,
    withField(example, 'options.maxCallDuration', 60.5),
    'type',
    'options.maxCallDuration',
  );
});

test('options.record is a boolean, options.onAnswer a block and options.senderId a string', () => {
  assertRefused(DialAction, withField(example, 'options.record', 'yes'), 'type', 'options.record');
  assertRefused(
    DialAction,
    withField(example, 'options.onAnswer', { say: 'hi' }),
    'type',
    'options.onAnswer',
  );
  assertRefused(DialAction, withField(example, 'options.senderId', 41793026700), 'type', 'options.senderId');
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(DialAction, example));

test('an unknown field is refused, at the top and in options', () => {
  assertNoExtraField(DialAction, example, 'ringTimeout');
  assertNoExtraField(DialAction, example, 'options.parallel');
});
