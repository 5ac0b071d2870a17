import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highestPassing } from './report.js';

const pass = (value: number) => ({ value, problems: [] });
const fail = (value: number) => ({ value, problems: ['p99 jitter 2.10 ms'] });

test('takes the last step before the first failure as the highest passing', () => {
  const ladder = { status: 'measured' as const, steps: [pass(10), pass(20), fail(40), pass(65)] };

  assert.equal(highestPassing(ladder)?.value, 20);
});

test('has no highest passing step when the lowest step failed', () => {
  assert.equal(highestPassing({ status: 'measured', steps: [fail(50)] }), null);
});

test('has no highest passing step for a skipped ladder', () => {
  assert.equal(highestPassing({ status: 'skipped', reason: '--only rate' }), null);
});
