import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualTimerClock } from './manual-timer-clock.js';

test('a timer fires only once the clock reaches its deadline', () => {
  const clock = new ManualTimerClock();
  let fired = 0;
  clock.setTimer(500, () => (fired += 1));

  clock.advance(499);
  assert.equal(fired, 0);
  clock.advance(1);

  assert.equal(fired, 1);
  assert.equal(clock.pending, 0);
});

test('timers fire in deadline order, ties in the order they were set, with now at each deadline', () => {
  const clock = new ManualTimerClock();
  const fired: string[] = [];
  clock.setTimer(300, () => fired.push(`c@${clock.now}`));
  clock.setTimer(100, () => fired.push(`a@${clock.now}`));
  clock.setTimer(300, () => fired.push(`d@${clock.now}`));
  clock.setTimer(200, () => fired.push(`b@${clock.now}`));

  clock.advance(1000);

  assert.deepEqual(fired, ['a@100', 'b@200', 'c@300', 'd@300']);
  assert.equal(clock.now, 1000);
});

test('a timer set by a firing timer fires in the same advance when due', () => {
  const clock = new ManualTimerClock();
  const fired: number[] = [];
  const again = (): void => {
    fired.push(clock.now);
    clock.setTimer(400, again);
  };
  clock.setTimer(400, again);

  clock.advance(1000);

  assert.deepEqual(fired, [400, 800]);
  assert.equal(clock.pending, 1);
});

test('a cancelled timer never fires', () => {
  const clock = new ManualTimerClock();
  let fired = false;
  const handle = clock.setTimer(10, () => (fired = true));

  handle.cancel();
  clock.advance(100);

  assert.equal(fired, false);
  assert.equal(clock.pending, 0);
});

test('a zero-delay timer fires on advance(0)', () => {
  const clock = new ManualTimerClock();
  let fired = false;
  clock.setTimer(0, () => (fired = true));

  clock.advance(0);

  assert.equal(fired, true);
});
