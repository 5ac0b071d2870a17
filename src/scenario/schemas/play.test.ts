import { test } from 'node:test';
import {
  assertActionId,
  assertNoExtraField,
  assertRefused,
  assertRequired,
  assertValid,
  withField,
} from './assert-schema.js';
import { PlayAction } from './play.js';

const example = { playFromUrl: 'https://cdn.example.com/welcome.mp3' };

test('the spec example of Play validates', () => assertValid(PlayAction, example));

test('a media library file with bargeIn validates', () => {
  assertValid(PlayAction, { playFromUrl: 'media:12', options: { bargeIn: false } });
});

test('playFromUrl is a required string', () => {
  assertRequired(PlayAction, example, 'playFromUrl');
  assertRefused(PlayAction, withField(example, 'playFromUrl', 12), 'type', 'playFromUrl');
});

test('options.bargeIn is a boolean', () => {
  assertRefused(PlayAction, withField(example, 'options.bargeIn', 'no'), 'type', 'options.bargeIn');
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(PlayAction, example));

test('an unknown field is refused, at the top and in options', () => {
  assertNoExtraField(PlayAction, example, 'loop');
  assertNoExtraField(PlayAction, example, 'options.volume');
});
