import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConcurrencyLimit } from './concurrency-limit.js';

const never = new AbortController().signal;

test('grants slots up to the limit at once, then queues', async () => {
  const limit = new ConcurrencyLimit(2);

  const first = await limit.acquire(never);
  const second = await limit.acquire(never);
  let thirdGranted = false;
  const third = limit.acquire(never).then((release) => ((thirdGranted = true), release));
  await new Promise((resolve) => setImmediate(resolve));

  assert.ok(first !== null && second !== null);
  assert.deepEqual([limit.running, limit.waiting, thirdGranted], [2, 1, false]);
  first();
  assert.notEqual(await third, null);
  assert.deepEqual([limit.running, limit.waiting], [2, 0]);
});

test('waiters are served in the order they asked', async () => {
  const limit = new ConcurrencyLimit(1);
  const order: string[] = [];
  const holder = await limit.acquire(never);

  const waiting = ['a', 'b', 'c'].map((name) =>
    limit.acquire(never).then((release) => {
      order.push(name);
      release?.();
    }),
  );
  holder?.();
  await Promise.all(waiting);

  assert.deepEqual(order, ['a', 'b', 'c']);
  assert.equal(limit.running, 0);
});

test('an aborted waiter leaves the queue and resolves null', async () => {
  const limit = new ConcurrencyLimit(1);
  const holder = await limit.acquire(never);
  const controller = new AbortController();

  const waiting = limit.acquire(controller.signal);
  controller.abort();

  assert.equal(await waiting, null);
  assert.equal(limit.waiting, 0);
  holder?.();
  assert.equal(limit.running, 0);
});

test('releasing twice frees one slot only', async () => {
  const limit = new ConcurrencyLimit(1);
  const release = await limit.acquire(never);

  release?.();
  release?.();

  assert.equal(limit.running, 0);
  assert.notEqual(await limit.acquire(never), null);
  assert.equal(limit.running, 1);
});
