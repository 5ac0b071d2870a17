import assert from 'node:assert/strict';
import { test } from 'node:test';
import { medianRound } from './report.js';
import { phaseAt } from './throughput.js';

const round = phaseAt;

test('a row keeps the round with the median rate, whatever order the rounds ran in', () => {
  assert.equal(medianRound([round(3_000), round(2_000), round(4_000)]).callsPerSecond, 3_000);
  assert.equal(medianRound([round(2_500)]).callsPerSecond, 2_500);
});

test('with an even count of rounds, the lower of the two middle ones: never flattering', () => {
  assert.equal(medianRound([round(4_000), round(1_000), round(3_000), round(2_000)]).callsPerSecond, 2_000);
});

test('refuses a row without rounds', () => {
  assert.throws(() => medianRound([]), /at least one round/);
});
