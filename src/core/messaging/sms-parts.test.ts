import assert from 'node:assert/strict';
import { test } from 'node:test';
import { smsParts } from './sms-parts.js';

test('GSM text takes one part up to 160 characters and 153 per part beyond', () => {
  assert.deepEqual(smsParts('a'.repeat(160)), { encoding: 'GSM', parts: 1 });
  assert.deepEqual(smsParts('a'.repeat(161)), { encoding: 'GSM', parts: 2 });
  assert.deepEqual(smsParts('a'.repeat(306)), { encoding: 'GSM', parts: 2 });
  assert.deepEqual(smsParts('a'.repeat(307)), { encoding: 'GSM', parts: 3 });
});

test('extension characters such as € count twice', () => {
  assert.deepEqual(smsParts('€'.repeat(80)), { encoding: 'GSM', parts: 1 });
  assert.deepEqual(smsParts('€'.repeat(81)), { encoding: 'GSM', parts: 2 });
});

test('any character outside GSM 03.38 makes the message UNICODE: 70, then 67 per part', () => {
  assert.deepEqual(smsParts('ç'.repeat(70)), { encoding: 'UNICODE', parts: 1 });
  assert.deepEqual(smsParts('ç'.repeat(71)), { encoding: 'UNICODE', parts: 2 });
  assert.deepEqual(smsParts(`Hello ${'😀'}`), { encoding: 'UNICODE', parts: 1 });
});
