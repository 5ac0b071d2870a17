import { test } from 'node:test';
import { assertRefused, assertValid } from './assert-schema.js';
import { HangupAction } from './hangup.js';

test('the bare string "hangup" validates', () => assertValid(HangupAction, 'hangup'));

test('another spelling or an object form is refused', () => {
  assertRefused(HangupAction, 'Hangup', 'const', '');
  assertRefused(HangupAction, { hangup: true }, 'type', '');
});
