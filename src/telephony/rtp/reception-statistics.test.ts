import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReceptionStatistics } from './reception-statistics.js';

function feed(stats: ReceptionStatistics, sequences: number[], jitterMs = 0): void {
  sequences.forEach((seq, i) => {
    const wobble = i % 2 === 0 ? 0 : jitterMs;
    stats.update(seq, (seq * 160) >>> 0, i * 20 + wobble);
  });
}

test('counts no loss and no jitter for a steady stream', () => {
  const stats = new ReceptionStatistics(8000);
  feed(stats, [10, 11, 12, 13, 14]);
  assert.equal(stats.expected, 5);
  assert.equal(stats.lost, 0);
  assert.equal(stats.jitter, 0);
});

test('counts the packets missing between sequence numbers as lost', () => {
  const stats = new ReceptionStatistics(8000);
  feed(stats, [1, 2, 5, 6]);
  assert.equal(stats.expected, 6);
  assert.equal(stats.lost, 2);
});

test('follows the sequence number across its 16-bit wrap', () => {
  const stats = new ReceptionStatistics(8000);
  feed(stats, [65534, 65535, 0, 1]);
  assert.equal(stats.extendedHighestSequence, 65536 + 1);
  assert.equal(stats.lost, 0);
});

test('a late packet does not move the highest sequence back', () => {
  const stats = new ReceptionStatistics(8000);
  feed(stats, [1, 3, 2]);
  assert.equal(stats.extendedHighestSequence, 3);
  assert.equal(stats.lost, 0);
});

test('arrival times that wobble by 5 ms show as jitter of that order', () => {
  const stats = new ReceptionStatistics(8000);
  feed(
    stats,
    Array.from({ length: 500 }, (_, i) => i),
    5,
  );
  assert.ok(stats.jitterMs > 3 && stats.jitterMs < 6, `jitter ${stats.jitterMs} ms`);
});
