import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JitterHistogram } from './jitter-histogram.js';
import { StreamStatistics, TIMESTAMP_STEP } from './stream-statistics.js';

/** Feeds packets `[sequenceNumber, arrivalMs]` with timestamps one frame apart per sequence step. */
function feed(packets: readonly (readonly [number, number])[], jitter: JitterHistogram | null = null) {
  const stream = new StreamStatistics();
  for (const [sequence, arrival] of packets)
    stream.update(sequence, sequence * TIMESTAMP_STEP, arrival, jitter);
  return stream;
}

test('counts a sequence number never received as one lost packet (RFC 3550 A.3)', () => {
  const stream = feed([
    [10, 0],
    [11, 20],
    [13, 60],
  ]);

  assert.equal(stream.expected, 4);
  assert.equal(stream.received, 3);
  assert.equal(stream.lost, 1);
});

test('extends the sequence number across its 16-bit wrap without counting a loss', () => {
  const stream = new StreamStatistics();
  [65534, 65535, 0, 1].forEach((sequence, index) => stream.update(sequence, index * 160, index * 20, null));

  assert.equal(stream.expected, 4);
  assert.equal(stream.lost, 0);
});

test('samples jitter as |arrival delta - 20 ms| between consecutive packets only', () => {
  const jitter = new JitterHistogram();

  feed(
    [
      [1, 0],
      [2, 23],
      [4, 60],
      [5, 79],
    ],
    jitter,
  );

  // 1->2 is 3 ms late, 4->5 1 ms early; 2->4 skips a number and gives no sample.
  assert.equal(jitter.samples, 2);
  assert.equal(jitter.summary().maxMs, 3);
});

test('counts a repeated packet as late or duplicate, with no jitter sample and no effect on loss', () => {
  const jitter = new JitterHistogram();

  const stream = feed(
    [
      [1, 0],
      [2, 20],
      [2, 21],
    ],
    jitter,
  );

  assert.equal(stream.lateOrDuplicate, 1);
  assert.equal(jitter.samples, 1);
  assert.equal(stream.lost, -1);
});

test('counts a timestamp that jumps more than one frame between consecutive packets as skipped ticks', () => {
  const stream = new StreamStatistics();

  stream.update(1, 0, 0, null);
  stream.update(2, 160, 20, null);
  stream.update(3, 640, 40, null);

  assert.equal(stream.timestampJumps, 1);
});

test('smooths RFC 3550 interarrival jitter by 1/16 of each transit-time difference', () => {
  const stream = feed([
    [1, 0],
    [2, 36],
  ]);

  // D = (36 - 0) - (320 - 160) / 8 = 16 ms; J = 0 + (16 - 0) / 16.
  assert.equal(stream.interarrivalJitterMs, 1);
});
