/**
 * Simulated time: `sleep` registers a timer that fires only when the driver
 * advances the clock, so a 30 s timeout costs no real time. Timers fire in
 * time order, ties in registration order.
 *
 * A sleep whose signal is aborted ends at the clock's next step, before time
 * moves: at the moment of the abort, in simulated time. The clock looks at the
 * signals rather than listening to them: a simulated call sleeps for every
 * prompt, and Node's EventTarget listeners (added and removed per sleep) cost
 * more than the look, while a listener left in place would keep the engine
 * from reusing a prompt's controller.
 */
import type { ClockTimer, ScenarioClock, SleepEnd } from '../interpreter/scenario-clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  cancelled: boolean;
  fire(): void;
}

/** A timer that runs a function, with its argument. */
class CallbackTimer<T> implements Timer, ClockTimer {
  readonly at: number;
  readonly seq: number;
  cancelled = false;
  readonly #clock: VirtualClock;
  readonly #callback: (arg: T) => void;
  readonly #arg: T;

  constructor(at: number, seq: number, clock: VirtualClock, callback: (arg: T) => void, arg: T) {
    this.at = at;
    this.seq = seq;
    this.#clock = clock;
    this.#callback = callback;
    this.#arg = arg;
  }

  fire(): void {
    this.#callback(this.#arg);
  }

  cancel(): void {
    this.#clock.cancel(this);
  }
}

/** A sleep: its timer, and the signal that ends it early. */
class SleepTimer implements Timer {
  readonly at: number;
  readonly seq: number;
  cancelled = false;
  readonly #signal: AbortSignal;
  readonly #resolve: (end: SleepEnd) => void;

  constructor(at: number, seq: number, signal: AbortSignal, resolve: (end: SleepEnd) => void) {
    this.at = at;
    this.seq = seq;
    this.#signal = signal;
    this.#resolve = resolve;
  }

  fire(): void {
    this.#resolve('elapsed');
  }

  get aborted(): boolean {
    return this.#signal.aborted;
  }

  /** Its signal was aborted: the clock has taken it out. */
  end(): void {
    this.#resolve('aborted');
  }
}

export class VirtualClock implements ScenarioClock {
  #now: number;
  #seq = 0;
  readonly #timers: Timer[] = [];

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  sleep(durationMs: number, signal: AbortSignal): Promise<SleepEnd> {
    if (signal.aborted) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const at = this.#now + Math.max(0, durationMs);
      this.#insert(new SleepTimer(at, this.#nextSeq(), signal, resolve));
    });
  }

  after<T>(durationMs: number, fire: (arg: T) => void, arg: T): ClockTimer {
    const timer = new CallbackTimer(this.#now + Math.max(0, durationMs), this.#nextSeq(), this, fire, arg);
    this.#insert(timer);
    return timer;
  }

  /** Runs `fire` when the clock reaches now + `delayMs`. */
  schedule(delayMs: number, fire: () => void): Timer {
    const timer = new CallbackTimer(this.#now + delayMs, this.#nextSeq(), this, fire, undefined);
    this.#insert(timer);
    return timer;
  }

  /** Takes a timer out before it fires; nothing when it already fired or was cancelled. */
  cancel(timer: Timer): void {
    if (timer.cancelled) return;
    timer.cancelled = true;
    const timers = this.#timers;
    const index = timers.indexOf(timer);
    if (index === -1) return;
    // Shifted by hand: splice would build an array of the removed timer, at every cancel.
    for (let at = index; at < timers.length - 1; at += 1) timers[at] = timers[at + 1] as Timer;
    timers.pop();
  }

  /**
   * Ends the sleeps whose signal was aborted, if any, without moving time; otherwise moves to the
   * earliest live timer and fires it. False when nothing is left to do.
   */
  advance(): boolean {
    if (this.#endAborted()) return true;
    for (;;) {
      const timer = this.#timers.shift();
      if (timer === undefined) return false;
      if (timer.cancelled) continue;
      this.#now = Math.max(this.#now, timer.at);
      timer.fire();
      return true;
    }
  }

  /** Takes out and ends every sleep whose signal was aborted; true when there was one. */
  #endAborted(): boolean {
    const timers = this.#timers;
    let kept = 0;
    let ended: SleepTimer[] | null = null;
    for (let at = 0; at < timers.length; at += 1) {
      const timer = timers[at] as Timer;
      if (timer instanceof SleepTimer && timer.aborted) (ended ??= []).push(timer);
      else timers[kept++] = timer;
    }
    if (ended === null) return false;
    timers.length = kept;
    for (const timer of ended) timer.end();
    return true;
  }

  #nextSeq(): number {
    const seq = this.#seq;
    this.#seq += 1;
    return seq;
  }

  #insert(timer: Timer): void {
    // Kept sorted; simulations hold few timers at a time, so insertion is cheap. Shifted by hand:
    // splice would build an (empty) array of removed timers at every insertion.
    const timers = this.#timers;
    let index = timers.length;
    timers.push(timer);
    while (index > 0 && compare(timers[index - 1] as Timer, timer) > 0) {
      timers[index] = timers[index - 1] as Timer;
      index -= 1;
    }
    timers[index] = timer;
  }
}

function compare(a: Timer, b: Timer): number {
  return a.at - b.at || a.seq - b.seq;
}
