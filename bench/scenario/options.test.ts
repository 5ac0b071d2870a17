import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SCENARIO_OPTIONS, parseScenarioOptions, UsageError } from './options.js';

test('runs three rounds of 20,000 calls after 10,000 warm-up calls when given no options', () => {
  assert.deepEqual(parseScenarioOptions([]), DEFAULT_SCENARIO_OPTIONS);
  assert.equal(DEFAULT_SCENARIO_OPTIONS.rounds, 3);
  assert.equal(DEFAULT_SCENARIO_OPTIONS.warmup, 10_000);
});

test('takes --rounds as a whole number of at least 1', () => {
  assert.equal(parseScenarioOptions(['--rounds', '5'])?.rounds, 5);
  assert.throws(() => parseScenarioOptions(['--rounds', '0']), UsageError);
  assert.throws(() => parseScenarioOptions(['--rounds', '1.5']), UsageError);
});
