import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JITTER_RANGE_MS, JitterHistogram } from './jitter-histogram.js';

test('reports a nearest-rank percentile at the upper edge of its 10 µs bucket', () => {
  const histogram = new JitterHistogram();
  for (let sample = 1; sample <= 100; sample += 1) histogram.record(sample / 100 - 0.005);

  assert.equal(histogram.percentile(50), 0.5);
  assert.equal(histogram.percentile(99), 0.99);
});

test('records an early packet by the magnitude of its deviation', () => {
  const histogram = new JitterHistogram();

  histogram.record(-1.5);

  assert.equal(histogram.summary().maxMs, 1.5);
  assert.equal(histogram.percentile(50), 1.5);
});

test('keeps the exact largest sample beyond the histogram range', () => {
  const histogram = new JitterHistogram();

  histogram.record(JITTER_RANGE_MS * 3);

  assert.equal(histogram.percentile(99), JITTER_RANGE_MS * 3);
});

test('has no percentile without samples', () => {
  assert.ok(Number.isNaN(new JitterHistogram().summary().p99Ms));
});
