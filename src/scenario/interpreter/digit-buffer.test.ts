/**
 * The type-ahead buffer (section 6.3) as a unit: FIFO with a capacity,
 * direct hand-over to a waiting input, diversion to a Record, watchers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../simulator/virtual-clock.js';
import { DigitBuffer } from './digit-buffer.js';

const live = new AbortController().signal;

test('digits buffer oldest first; overflow drops the oldest', () => {
  const buffer = new DigitBuffer(3);
  for (const digit of '12345') assert.equal(buffer.push(digit), true);

  assert.equal(buffer.size, 3);
  assert.deepEqual([buffer.take(), buffer.take(), buffer.take(), buffer.take()], ['3', '4', '5', undefined]);
});

test('next() returns a buffered digit at once, without a timer', async () => {
  const clock = new VirtualClock(0);
  const buffer = new DigitBuffer();
  buffer.push('7');

  assert.deepEqual(await buffer.next(5000, clock, live), { kind: 'digit', digit: '7' });
  assert.equal(clock.advance(), false);
});

test('next() hands a new keypress straight to the waiting input (not buffered)', async () => {
  const clock = new VirtualClock(0);
  const buffer = new DigitBuffer();
  const waiting = buffer.next(5000, clock, live);

  assert.equal(buffer.push('4'), false);
  assert.deepEqual(await waiting, { kind: 'digit', digit: '4' });
  assert.equal(buffer.size, 0);
});

test('next() times out on the clock, and ends as aborted when its signal aborts', async () => {
  const clock = new VirtualClock(0);
  const buffer = new DigitBuffer();
  const timing = buffer.next(3000, clock, live);
  clock.advance();
  assert.deepEqual(await timing, { kind: 'timeout' });
  assert.equal(clock.now(), 3000);

  const controller = new AbortController();
  const aborted = buffer.next(3000, clock, controller.signal);
  controller.abort();
  assert.deepEqual(await aborted, { kind: 'aborted' });
});

test('a diverted buffer sends keypresses to the reader; clear() empties it', () => {
  const buffer = new DigitBuffer();
  buffer.push('1');
  buffer.clear();
  const read: string[] = [];
  const release = buffer.divert((digit) => read.push(digit));

  assert.equal(buffer.push('#'), false);
  release();
  assert.equal(buffer.push('2'), true);
  assert.deepEqual(read, ['#']);
  assert.equal(buffer.size, 1);
});

test('watchers see every keypress, buffered or read, until they stop watching', () => {
  const buffer = new DigitBuffer();
  const seen: string[] = [];
  const unwatch = buffer.watch((digit) => seen.push(digit));
  buffer.push('1');
  const release = buffer.divert(() => undefined);
  buffer.push('2');
  release();
  unwatch();
  buffer.push('3');

  assert.deepEqual(seen, ['1', '2']);
});

test('abortOnKey() aborts its controller at the next keypress, once, and null stops it', () => {
  const buffer = new DigitBuffer();
  const prompt = new AbortController();
  buffer.abortOnKey(prompt);
  buffer.push('3');
  assert.equal(prompt.signal.aborted, true);
  assert.equal(buffer.size, 1, 'the keypress stays buffered for the input that follows');

  const next = new AbortController();
  buffer.abortOnKey(next);
  buffer.abortOnKey(null);
  buffer.push('4');
  assert.equal(next.signal.aborted, false);
});

test('a wait that does not listen to its signal ends as aborted by abortWait()', async () => {
  const buffer = new DigitBuffer();
  const clock = new VirtualClock(0);
  const controller = new AbortController();
  const waiting = buffer.next(3000, clock, controller.signal, false);
  controller.abort();
  buffer.abortWait();

  assert.deepEqual(await waiting, { kind: 'aborted' });
  assert.equal(clock.advance(), false, 'its timer is cancelled');
  assert.deepEqual(await buffer.next(3000, clock, controller.signal, false), { kind: 'aborted' });
});
