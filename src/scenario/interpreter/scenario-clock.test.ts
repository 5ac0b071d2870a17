/**
 * The seed's time format (formatScenarioTime): the cached per-second prefix
 * must give exactly what `toISOString()` gives, whatever order times come in.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatScenarioTime } from './scenario-clock.js';

const reference = (epochMs: number): string => `${new Date(epochMs).toISOString().slice(0, 23)}+0000`;

test('formats like toISOString to the millisecond, in UTC with +0000, for any order of times', () => {
  const times = [0, 1, 999, 1000, 1_694_704_416_735, 951_782_400_000, 253_402_300_799_999];
  // Interleaved seconds that share a cache slot (256 s apart), and back again.
  for (let i = 0; i < 2000; i += 1) times.push(1_694_704_416_000 + ((i * 7919) % 600_000));
  for (let i = 0; i < 600; i += 1) times.push(1_694_704_416_735 + (i % 2) * 256_000 + i);
  for (const epochMs of [...times, ...times.reverse()])
    assert.equal(formatScenarioTime(epochMs), reference(epochMs), `at ${epochMs}`);
});

test('times outside the four-digit years or not whole milliseconds take the plain path', () => {
  for (const epochMs of [-1, -1500, 1.5, 253_402_300_800_000, 8.64e15])
    assert.equal(formatScenarioTime(epochMs), reference(epochMs));
  assert.throws(() => formatScenarioTime(Number.NaN), RangeError);
});
