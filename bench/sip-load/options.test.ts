import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CONCURRENCY_STEPS,
  DEFAULT_SIP_LOAD_OPTIONS,
  RATE_STEPS_PER_SECOND,
  parseSipLoadOptions,
  stepsBetween,
  UsageError,
} from './options.js';

test('runs 30-second steps of both ladders when given no options', () => {
  assert.deepEqual(parseSipLoadOptions([]), DEFAULT_SIP_LOAD_OPTIONS);
});

test('answers null to --help', () => {
  assert.equal(parseSipLoadOptions(['--help']), null);
});

test('refuses a duration that is not a whole number above 0', () => {
  assert.throws(() => parseSipLoadOptions(['--duration', '0']), UsageError);
  assert.throws(() => parseSipLoadOptions(['--duration', '2.5']), UsageError);
});

test('refuses --only other than rate or concurrency', () => {
  assert.throws(() => parseSipLoadOptions(['--only', 'both']), UsageError);
});

test('climbs the ladder up to the maximum and adds a maximum between two steps as the last step', () => {
  assert.deepEqual(stepsBetween(RATE_STEPS_PER_SECOND, 1, 65), [10, 20, 40, 65]);
  assert.deepEqual(stepsBetween(RATE_STEPS_PER_SECOND, 1, 50), [10, 20, 40, 50]);
  assert.deepEqual(stepsBetween(RATE_STEPS_PER_SECOND, 1, 5), [5]);
});

test('starts the ladder at the minimum, to measure its top again without the steps below', () => {
  assert.deepEqual(stepsBetween(CONCURRENCY_STEPS, 750, 1000), [750, 1000]);
  assert.deepEqual(stepsBetween(CONCURRENCY_STEPS, 600, 1000), [750, 1000]);
  assert.deepEqual(parseSipLoadOptions(['--min-concurrency', '750'])?.minConcurrency, 750);
});

test('refuses a lowest step above the highest, naming both options', () => {
  assert.throws(
    () => parseSipLoadOptions(['--min-concurrency', '750', '--max-concurrency', '500']),
    /--min-concurrency \(750\) must not be above --max-concurrency \(500\)/,
  );
  assert.throws(
    () => parseSipLoadOptions(['--min-rate', '300']),
    UsageError,
    'above the default --max-rate, 250',
  );
  assert.equal(parseSipLoadOptions(['--min-rate', '90'])?.minRate, 90);
});
