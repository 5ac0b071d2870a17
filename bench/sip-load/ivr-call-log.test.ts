import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIvrCallLog, promptLatenessMs } from './ivr-call-log.js';

const LOG = [
  'call=1 digit=1 ack_to_bye_ms=3520.676000 digit_to_bye_ms=1500.157000',
  'call=2 digit=2 ack_to_bye_ms=5492.630000 digit_to_bye_ms=3485.264000',
  'call=3 digit=1 ack_to_bye_ms=5500.000000 digit_to_bye_ms=3500.000000',
].join('\n');

test('reads each logged call with its digit and timings', () => {
  const [first] = parseIvrCallLog(LOG);

  assert.deepEqual(first, { call: 1, digit: '1', ackToByeMs: 3520.676, digitToByeMs: 1500.157 });
  assert.equal(parseIvrCallLog(LOG).length, 3);
});

test('gives the lateness of a BYE that fits its digit’s branch', () => {
  const [, second] = parseIvrCallLog(LOG);

  assert.ok(Math.abs(promptLatenessMs(second!)! - -14.736) < 1e-9);
});

test('refuses a BYE that fits the other digit’s branch', () => {
  const [, , third] = parseIvrCallLog(LOG);

  assert.equal(promptLatenessMs(third!), null);
});
