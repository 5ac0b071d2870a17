import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMaxForwards, serializeMaxForwards } from './max-forwards.js';

test('Max-Forwards is an integer from 0 to 255', () => {
  assert.deepEqual(parseMaxForwards(' 70 '), { ok: true, value: 70 });
  assert.deepEqual(parseMaxForwards('0'), { ok: true, value: 0 });
  assert.deepEqual(parseMaxForwards('255'), { ok: true, value: 255 });
  assert.equal(serializeMaxForwards(70), '70');
});

test('a Max-Forwards past 255, negative or not a number is refused', () => {
  for (const bad of ['256', '-1', 'seventy', '', '7 0']) assert.equal(parseMaxForwards(bad).ok, false, bad);
});
