import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRangeTime, storedBounds } from './time-range.js';

test('range ends: the seed datetime and RFC 3339 UTC are read; impossible dates are not', () => {
  assert.equal(parseRangeTime('2025-03-01 18:02:10')?.toISOString(), '2025-03-01T18:02:10.000Z');
  assert.equal(parseRangeTime('2025-03-01T18:02:10.250Z')?.toISOString(), '2025-03-01T18:02:10.250Z');
  for (const bad of [
    '2025-02-30 00:00:00',
    '2025-03-01 24:00:00',
    '2025-03-01',
    '2025-03-01 18:02:10+02:00',
    '',
  ])
    assert.equal(parseRangeTime(bad), null, bad);
});

test('stored bounds cover whole seconds: from is cut down, to takes its whole second', () => {
  assert.deepEqual(
    storedBounds({ from: new Date('2025-03-01T00:00:00.700Z'), to: new Date('2025-03-01T23:59:59.100Z') }),
    { from: '2025-03-01T00:00:00.000Z', toExclusive: '2025-03-02T00:00:00.000Z' },
  );
  assert.deepEqual(storedBounds({}), {});
});
