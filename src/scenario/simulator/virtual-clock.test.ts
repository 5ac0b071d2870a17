/**
 * The virtual clock: timers fire in time order (ties in registration order)
 * only when the driver advances it, and a cancelled sleep never fires.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from './virtual-clock.js';

test('timers fire in time order, ties in registration order, and now moves to each timer', () => {
  const clock = new VirtualClock(1000);
  const fired: string[] = [];
  clock.schedule(300, () => fired.push(`b@${clock.now()}`));
  clock.schedule(100, () => fired.push(`a@${clock.now()}`));
  clock.schedule(300, () => fired.push(`c@${clock.now()}`));
  clock.schedule(0, () => fired.push(`now@${clock.now()}`));

  while (clock.advance());

  assert.deepEqual(fired, ['now@1000', 'a@1100', 'b@1300', 'c@1300']);
  assert.equal(clock.now(), 1300);
});

test('advance returns false when no timer is left, and time does not move by itself', () => {
  const clock = new VirtualClock(0);

  assert.equal(clock.advance(), false);
  assert.equal(clock.now(), 0);
});

test('a timer scheduled from a firing timer counts from the new now', () => {
  const clock = new VirtualClock(0);
  const fired: number[] = [];
  clock.schedule(500, () => clock.schedule(250, () => fired.push(clock.now())));

  while (clock.advance());

  assert.deepEqual(fired, [750]);
});

test('sleep resolves elapsed when its timer fires', async () => {
  const clock = new VirtualClock(0);
  const sleeping = clock.sleep(30_000, new AbortController().signal);

  assert.equal(clock.advance(), true);
  assert.equal(await sleeping, 'elapsed');
  assert.equal(clock.now(), 30_000);
});

test('an aborted sleep resolves aborted at the next step, before time moves, and its timer is gone', async () => {
  const clock = new VirtualClock(0);
  const controller = new AbortController();
  const sleeping = clock.sleep(5000, controller.signal);
  const other = clock.sleep(1000, new AbortController().signal);
  let end: string | null = null;
  void sleeping.then((value) => (end = value));
  controller.abort();
  await Promise.resolve();
  assert.equal(end, null, 'the clock looks at signals when it steps');

  assert.equal(clock.advance(), true);
  assert.equal(await sleeping, 'aborted');
  assert.equal(clock.now(), 0, 'the abort took no simulated time');
  assert.equal(clock.advance(), true);
  assert.equal(await other, 'elapsed');
  assert.equal(clock.now(), 1000);
  assert.equal(clock.advance(), false, 'the aborted timer does not fire later');
});

test('sleep on an already aborted signal resolves aborted without a timer; a negative duration is 0', async () => {
  const clock = new VirtualClock(0);
  const controller = new AbortController();
  controller.abort();

  assert.equal(await clock.sleep(1000, controller.signal), 'aborted');
  assert.equal(clock.advance(), false);
  const zero = clock.sleep(-50, new AbortController().signal);
  assert.equal(clock.advance(), true);
  assert.equal(await zero, 'elapsed');
  assert.equal(clock.now(), 0);
});
