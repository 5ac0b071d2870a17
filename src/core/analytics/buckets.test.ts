import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketDate, bucketSizeOf } from './buckets.js';

const utc = (text: string) => new Date(`${text}Z`);
const from = utc('2025-03-01T00:00:00');

test('hourly up to 2 days, daily up to 92 days, monthly beyond; the last second counts whole', () => {
  assert.equal(bucketSizeOf({ from, to: utc('2025-03-01T00:00:00') }), 'hour');
  assert.equal(bucketSizeOf({ from, to: utc('2025-03-02T23:59:59') }), 'hour');
  assert.equal(bucketSizeOf({ from, to: utc('2025-03-03T00:00:00') }), 'day');
  // 92 days from March 1st end on May 31st at 23:59:59.
  assert.equal(bucketSizeOf({ from, to: utc('2025-05-31T23:59:59') }), 'day');
  assert.equal(bucketSizeOf({ from, to: utc('2025-06-01T00:00:00') }), 'month');
});

test('a bucket date is its start as a seed datetime', () => {
  assert.equal(bucketDate('hour', '2025-03-01T18'), '2025-03-01 18:00:00');
  assert.equal(bucketDate('day', '2025-03-01'), '2025-03-01 00:00:00');
  assert.equal(bucketDate('month', '2025-03'), '2025-03-01 00:00:00');
});
