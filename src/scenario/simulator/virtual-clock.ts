/**
 * Simulated time: `sleep` registers a timer that fires only when the driver
 * advances the clock, so a 30 s timeout costs no real time. Timers fire in
 * time order, ties in registration order.
 */
import type { ScenarioClock, SleepEnd } from '../interpreter/scenario-clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fire: () => void;
  cancelled: boolean;
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
      const timer = this.schedule(Math.max(0, durationMs), () => {
        signal.removeEventListener('abort', onAbort);
        resolve('elapsed');
      });
      const onAbort = (): void => {
        timer.cancelled = true;
        // Drop it now: a parked call would otherwise keep every cancelled timer (and its signal) alive.
        const index = this.#timers.indexOf(timer);
        if (index !== -1) this.#timers.splice(index, 1);
        resolve('aborted');
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  after(durationMs: number, fire: () => void): () => void {
    const timer = this.schedule(Math.max(0, durationMs), fire);
    return () => {
      if (timer.cancelled) return;
      timer.cancelled = true;
      const index = this.#timers.indexOf(timer);
      if (index !== -1) this.#timers.splice(index, 1);
    };
  }

  /** Runs `fire` when the clock reaches now + `delayMs`. */
  schedule(delayMs: number, fire: () => void): Timer {
    const timer: Timer = { at: this.#now + delayMs, seq: this.#seq, fire, cancelled: false };
    this.#seq += 1;
    // Kept sorted; simulations hold few timers at a time, so insertion is cheap.
    let index = this.#timers.length;
    while (index > 0 && compare(this.#timers[index - 1] as Timer, timer) > 0) index -= 1;
    this.#timers.splice(index, 0, timer);
    return timer;
  }

  /** Moves to the earliest live timer and fires it; false when none is left. */
  advance(): boolean {
    for (;;) {
      const timer = this.#timers.shift();
      if (timer === undefined) return false;
      if (timer.cancelled) continue;
      this.#now = Math.max(this.#now, timer.at);
      timer.fire();
      return true;
    }
  }
}

function compare(a: Timer, b: Timer): number {
  return a.at - b.at || a.seq - b.seq;
}
