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
import { ForEachAction } from './for-each.js';

const example = {
  'for-each': 'item',
  in: '${list}',
  delimiter: ',',
  do: [{ say: '${item_Index}: ${item}' }],
};

test('the spec example of For Each validates', () => assertValid(ForEachAction, example));

test('for-each, in and do are required', () => {
  for (const path of ['for-each', 'in', 'do']) assertRequired(ForEachAction, example, path);
});

test('for-each is a variable name', () => {
  assertRefused(ForEachAction, withField(example, 'for-each', '${item}'), 'pattern', 'for-each');
});

test('delimiter holds 1 to 10 characters', () => {
  assertBound(ForEachAction, example, 'delimiter', { accepted: ';', refused: '', keyword: 'minLength' });
  assertBound(ForEachAction, example, 'delimiter', {
    accepted: '|'.repeat(10),
    refused: '|'.repeat(11),
    keyword: 'maxLength',
  });
});

test('do is a block', () => {
  assertRefused(ForEachAction, withField(example, 'do', { say: 'x' }), 'type', 'do');
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(ForEachAction, example));

test('an unknown field is refused', () => assertNoExtraField(ForEachAction, example, 'index'));
