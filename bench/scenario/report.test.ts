import assert from 'node:assert/strict';
import { test } from 'node:test';
import { medianRound } from './report.js';
import type { PhaseResult } from './throughput.js';

function round(callsPerSecond: number): PhaseResult {
  return {
    calls: 1,
    failed: 0,
    failures: {},
    wallSeconds: 1,
    cpuSeconds: 1,
    actions: 0,
    events: 0,
    callsPerSecond,
    actionsPerSecond: 0,
    cpuPercent: 100,
    gcSeconds: 0,
    gcPercent: 0,
    eventLoopPercent: 100,
  };
}

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
