import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_CATCH_UP_TICKS,
  MediaClock,
  PTIME_MS,
  type MediaClockSource,
  type MediaClockSubscriber,
} from './media-clock.js';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

/** Virtual time: timers fire when the test runs the clock forward; subscribers may spend time. */
class VirtualSource implements MediaClockSource {
  time = 0;
  /** How late (or, negative, early) the next timers fire, as a loaded event loop does. */
  lateness: () => number = () => 0;
  #timers: Timer[] = [];
  #nextId = 0;

  now(): number {
    return this.time;
  }

  schedule(delayMs: number, fn: () => void): unknown {
    const timer = { id: ++this.#nextId, at: this.time + Math.max(0, delayMs + this.lateness()), fn };
    this.#timers.push(timer);
    return timer.id;
  }

  cancel(handle: unknown): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== handle);
  }

  get pending(): number {
    return this.#timers.length;
  }

  /** Fires the timers due up to `until`, in order, then sets the time to `until`. */
  runUntil(until: number): void {
    for (;;) {
      const next = this.#timers.reduce<Timer | null>((a, b) => (a === null || b.at < a.at ? b : a), null);
      if (next === null || next.at > until) break;
      this.#timers = this.#timers.filter((timer) => timer !== next);
      this.time = Math.max(this.time, next.at);
      next.fn();
    }
    this.time = Math.max(this.time, until);
  }
}

/** A subscriber that notes when it ran, and optionally spends time. */
function recorder(source: VirtualSource, spend: (tickIndex: number) => number = () => 0) {
  const runs: { readonly tick: number; readonly at: number }[] = [];
  const subscriber: MediaClockSubscriber = {
    onTick(tick) {
      runs.push({ tick, at: source.time });
      source.time += spend(tick);
    },
  };
  return { subscriber, runs };
}

function setup(spend?: (tickIndex: number) => number) {
  const source = new VirtualSource();
  const clock = new MediaClock({ source });
  const { subscriber, runs } = recorder(source, spend);
  clock.add(subscriber);
  return { source, clock, subscriber, runs };
}

test('ticks on deadlines exactly 20 ms apart, with consecutive indices', () => {
  const { source, runs } = setup();
  source.runUntil(100);
  assert.deepEqual(
    runs,
    [0, 20, 40, 60, 80, 100].map((at, tick) => ({ tick, at })),
  );
});

test('does not drift over 10,000 ticks when timers fire late and ticks take time', () => {
  const { source, clock, runs } = setup(() => 7);
  let seed = 1;
  source.lateness = () => ((seed = (seed * 48271) % 0x7fffffff) % 300) / 100; // 0 to 3 ms late

  source.runUntil(9999 * PTIME_MS + 10);

  assert.equal(runs.length, 10_000);
  for (const { tick, at } of runs) {
    const offset = at - tick * PTIME_MS;
    assert.ok(offset >= 0 && offset <= 3, `tick ${tick} ran ${offset} ms off its deadline`);
  }
  assert.equal(clock.stats.catchUpTicks, 0);
});

test('runs a timer that fires within 0.5 ms early; waits for the deadline when earlier', () => {
  const source = new VirtualSource();
  const clock = new MediaClock({ source });
  const { subscriber, runs } = recorder(source);
  const latenesses = [0, -0.4, -1.5]; // the timers of ticks 0, 1 and 2; then on time
  source.lateness = () => latenesses.shift() ?? 0;
  clock.add(subscriber);

  source.runUntil(40);

  assert.deepEqual(runs, [
    { tick: 0, at: 0 },
    { tick: 1, at: 19.6 },
    { tick: 2, at: 40 },
  ]);
});

test('catches up on the ticks missed while the event loop was blocked, then keeps the grid', () => {
  const { source, clock, runs } = setup((tick) => (tick === 3 ? 65 : 0));

  source.runUntil(160);

  assert.deepEqual(runs.slice(3), [
    { tick: 3, at: 60 },
    { tick: 4, at: 125 },
    { tick: 5, at: 125 },
    { tick: 6, at: 125 },
    { tick: 7, at: 140 },
    { tick: 8, at: 160 },
  ]);
  assert.equal(clock.stats.catchUpTicks, 2);
  assert.equal(clock.stats.lateTicks, 2, 'ticks 4 and 5; tick 6 is 5 ms late, within the threshold');
  assert.equal(clock.stats.maxLatenessMs, 45);
  assert.equal(clock.stats.maxTickMs, 65);
});

test(`runs at most ${MAX_CATCH_UP_TICKS} ticks in one burst`, () => {
  const { source, runs } = setup((tick) => (tick === 3 ? 100 : 0));
  source.runUntil(160);
  assert.deepEqual(
    runs.slice(4).map(({ tick, at }) => [tick, at]),
    [4, 5, 6, 7, 8].map((tick) => [tick, 160]),
  );
});

test('skips to the current tick after a longer stall, on the same grid, and counts the skip', () => {
  const { source, clock, runs } = setup((tick) => (tick === 3 ? 500 : 0));

  source.runUntil(600);

  assert.deepEqual(runs.slice(3), [
    { tick: 3, at: 60 },
    { tick: 28, at: 560 },
    { tick: 29, at: 580 },
    { tick: 30, at: 600 },
  ]);
  assert.equal(clock.stats.skippedTicks, 24);
  assert.equal(clock.stats.resyncs, 1);
});

test('one timer paces every subscriber', () => {
  const source = new VirtualSource();
  const clock = new MediaClock({ source });
  let calls = 0;
  for (let i = 0; i < 1000; i++) clock.add({ onTick: () => (calls += 1) });
  assert.equal(source.pending, 1);
  source.runUntil(40);
  assert.equal(calls, 3000);
  assert.equal(source.pending, 1);
});

test('a subscriber removed during a tick is not called again, even later in that tick', () => {
  const { source, clock, subscriber, runs } = setup();
  const remover: MediaClockSubscriber = { onTick: (tick) => tick === 1 && clock.remove(subscriber) };
  clock.remove(subscriber);
  clock.add(remover);
  clock.add(subscriber);

  source.runUntil(60);

  assert.deepEqual(
    runs.map(({ tick }) => tick),
    [0],
  );
  assert.equal(clock.size, 1);
});

test('a subscriber added during a tick is first called on the next tick', () => {
  const { source, clock, runs } = setup();
  const late = recorder(source);
  const adder: MediaClockSubscriber = { onTick: (tick) => tick === 1 && clock.add(late.subscriber) };
  clock.add(adder);

  source.runUntil(60);

  assert.deepEqual(
    late.runs.map(({ tick }) => tick),
    [2, 3],
  );
  assert.equal(runs.length, 4);
});

test('a subscriber may remove itself during its tick', () => {
  const source = new VirtualSource();
  const clock = new MediaClock({ source });
  const ticks: number[] = [];
  const once: MediaClockSubscriber = {
    onTick(tick) {
      ticks.push(tick);
      clock.remove(once);
    },
  };
  const other = recorder(source);
  clock.add(once);
  clock.add(other.subscriber);
  source.runUntil(40);
  assert.deepEqual(ticks, [0]);
  assert.equal(other.runs.length, 3);
});

test('stops scheduling when its last subscriber leaves', () => {
  const { source, clock, subscriber, runs } = setup();
  source.runUntil(20);

  clock.remove(subscriber);
  source.runUntil(1000);

  assert.equal(source.pending, 0);
  assert.equal(clock.running, false);
  assert.equal(runs.length, 2);
});

test('stops when the last subscriber leaves during a tick', () => {
  const source = new VirtualSource();
  const clock = new MediaClock({ source });
  const leaver: MediaClockSubscriber = { onTick: () => clock.remove(leaver) };
  clock.add(leaver);
  source.runUntil(0);
  assert.equal(source.pending, 0);
  assert.equal(clock.running, false);
});

test('restarts on a fresh grid after idling, with no burst for the idle time', () => {
  const { source, clock, subscriber, runs } = setup();
  source.runUntil(20);
  clock.remove(subscriber);
  source.runUntil(1007);

  clock.add(subscriber);
  source.runUntil(1047);

  assert.deepEqual(runs.slice(2), [
    { tick: 2, at: 1007 },
    { tick: 3, at: 1027 },
    { tick: 4, at: 1047 },
  ]);
  assert.equal(clock.stats.skippedTicks, 0);
});

test('a throwing subscriber is reported and the others still tick', () => {
  const source = new VirtualSource();
  const errors: unknown[] = [];
  const clock = new MediaClock({ source, onSubscriberError: (error) => errors.push(error) });
  const failure = new Error('broken stream');
  clock.add({
    onTick: () => {
      throw failure;
    },
  });
  const other = recorder(source);
  clock.add(other.subscriber);

  source.runUntil(40);

  assert.deepEqual(errors, [failure, failure, failure]);
  assert.equal(other.runs.length, 3);
  assert.equal(clock.stats.subscriberErrors, 3);
});

test('without an error delegate, rethrows after ticking the others and scheduling the next tick', () => {
  const source = new VirtualSource();
  const clock = new MediaClock({ source });
  const failure = new Error('broken stream');
  clock.add({
    onTick: () => {
      throw failure;
    },
  });
  const other = recorder(source);
  clock.add(other.subscriber);

  assert.throws(() => source.runUntil(0), failure);
  assert.equal(other.runs.length, 1);
  assert.equal(source.pending, 1);
});

test('the default source paces real ticks and stops when emptied', async () => {
  const clock = new MediaClock();
  const ticks: number[] = [];
  await new Promise<void>((resolve) => {
    const subscriber: MediaClockSubscriber = {
      onTick(tick) {
        ticks.push(tick);
        if (ticks.length === 3) {
          clock.remove(subscriber);
          resolve();
        }
      },
    };
    clock.add(subscriber);
  });
  assert.deepEqual(ticks, [0, 1, 2]);
  assert.equal(clock.running, false);
});

/** A virtual source that can also sleep: a sleep moves time to the deadline, and is recorded. */
class SleepingSource extends VirtualSource {
  readonly sleeps: { readonly from: number; readonly until: number }[] = [];

  sleepUntil(deadline: number): void {
    this.sleeps.push({ from: this.time, until: deadline });
    this.time = Math.max(this.time, deadline);
  }
}

test('with a sleeping source, the timer fires SLEEP_LEAD_MS early and the tick runs on its deadline', () => {
  const source = new SleepingSource();
  const clock = new MediaClock({ source });
  const { subscriber, runs } = recorder(source);
  clock.add(subscriber);

  source.runUntil(5 * PTIME_MS);

  assert.deepEqual(
    runs.map((run) => run.at),
    [0, 20, 40, 60, 80, 100],
    'every tick on its deadline exactly, not on the timer',
  );
  const slept = source.sleeps.map((sleep) => sleep.until - sleep.from);
  assert.deepEqual(slept, [2, 2, 2, 2, 2], 'each wait ends in a sleep of SLEEP_LEAD_MS');
});

test('with a sleeping source, a timer that fires late runs the tick at once, without sleeping', () => {
  const source = new SleepingSource();
  source.lateness = () => 5;
  const clock = new MediaClock({ source });
  const { subscriber, runs } = recorder(source);
  clock.add(subscriber);

  source.runUntil(30);

  assert.deepEqual(
    runs.map((run) => run.at),
    [5, 23],
    'the lead (2 ms) is eaten by the lateness (5 ms): 3 ms late, no sleep',
  );
  assert.deepEqual(source.sleeps, []);
});

test('a sleeping source never sleeps for a deadline more than twice the lead away: it waits on a timer', () => {
  const source = new SleepingSource();
  const clock = new MediaClock({ source });
  const { subscriber, runs } = recorder(source);
  clock.add(subscriber);
  // The timer for tick 1 (due at 20) fires 10 ms early, at 8; later timers are on time.
  let early = true;
  source.lateness = () => (early ? ((early = false), -10) : 0);

  source.runUntil(20);

  assert.deepEqual(
    runs.map((run) => run.at),
    [0, 20],
  );
  assert.deepEqual(source.sleeps, [{ from: 18, until: 20 }], 'at 8 it set a new timer; at 18 it slept');
});
