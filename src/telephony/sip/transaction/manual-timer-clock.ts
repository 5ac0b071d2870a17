/**
 * A TimerClock whose time moves only when a test says so: Timer B's 32
 * seconds pass in a call to {@link ManualTimerClock.advance}.
 */
import type { TimerClock, TimerHandle } from './timers.js';

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
  cancelled: boolean;
}

export class ManualTimerClock implements TimerClock {
  #now = 0;
  #seq = 0;
  #timers: PendingTimer[] = [];

  get now(): number {
    return this.#now;
  }

  /** Timers set and not yet fired or cancelled. */
  get pending(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  setTimer(delayMs: number, callback: () => void): TimerHandle {
    const timer: PendingTimer = { at: this.#now + delayMs, seq: this.#seq++, callback, cancelled: false };
    this.#timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Moves time forward, firing every timer due on the way in deadline order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const due = this.#timers
        .filter((t) => !t.cancelled && t.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.#now = due.at;
      due.cancelled = true;
      due.callback();
    }
    this.#now = end;
    this.#timers = this.#timers.filter((t) => !t.cancelled);
  }
}
