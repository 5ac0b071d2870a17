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
import { DialToManyAction } from './dial-to-many.js';

const example = {
  dialToMany: [{ number: '41793026727' }, { numbers: '41793026728,41793026729', ringTimeout: 15 }],
  options: { parallel: false, senderId: '41793026700', ringTimeout: 20 },
};

test('the spec example of Dial To Many validates', () => assertValid(DialToManyAction, example));

test('the options shared with Dial validate', () => {
  const options = { ...example.options, maxCallDuration: 60, record: false, onAnswer: ['hangup'] };
  assertValid(DialToManyAction, { ...example, options });
});

test('dialToMany is required and holds at least one entry', () => {
  assertRequired(DialToManyAction, example, 'dialToMany');
  assertRefused(DialToManyAction, withField(example, 'dialToMany', []), 'minItems', 'dialToMany');
});

test('an entry has number or numbers, not both and not neither', () => {
  const both = withField(example, 'dialToMany.0', { number: '1', numbers: '2,3' });
  assertRefused(DialToManyAction, both, 'anyOf', 'dialToMany.0');
  assertRefused(
    DialToManyAction,
    withField(example, 'dialToMany.0', { ringTimeout: 10 }),
    'anyOf',
    'dialToMany.0',
  );
  assertRefused(DialToManyAction, withField(example, 'dialToMany.0', '41793026727'), 'anyOf', 'dialToMany.0');
});

test('an entry ringTimeout is an integer from 5 to 300 seconds', () => {
  const path = 'dialToMany.1.ringTimeout';
  assertBound(DialToManyAction, example, path, { accepted: 5, refused: 4, keyword: 'minimum' });
  assertBound(DialToManyAction, example, path, { accepted: 300, refused: 301, keyword: 'maximum' });
});

test('options.ringTimeout is an integer from 5 to 300 seconds', () => {
  assertBound(DialToManyAction, example, 'options.ringTimeout', {
    accepted: 5,
    refused: 4,
    keyword: 'minimum',
  });
  assertBound(DialToManyAction, example, 'options.ringTimeout', {
    accepted: 300,
    refused: 301,
    keyword: 'maximum',
  });
});

test('options.parallel is a boolean and options.maxCallDuration at least 1', () => {
  assertRefused(DialToManyAction, withField(example, 'options.parallel', 1), 'type', 'options.parallel');
  assertBound(DialToManyAction, example, 'options.maxCallDuration', {
    accepted: 1,
    refused: 0,
    keyword: 'minimum',
  });
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(DialToManyAction, example));

test('an unknown field is refused, at the top and in options', () => {
  assertNoExtraField(DialToManyAction, example, 'parallel');
  assertNoExtraField(DialToManyAction, example, 'options.timeout');
});
