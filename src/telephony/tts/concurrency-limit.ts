/**
 * At most N tasks at once, the rest waiting in order. Text-to-speech runs one
 * process per synthesis: a campaign greeting a thousand callers by name must
 * not start a thousand espeak-ng processes on the core that sends their RTP.
 */

/** Gives a slot back; calling it twice is harmless. */
export type ReleaseSlot = () => void;

interface Waiter {
  readonly grant: (release: ReleaseSlot) => void;
}

export class ConcurrencyLimit {
  readonly #limit: number;
  readonly #waiters: Waiter[] = [];
  #running = 0;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`concurrency limit must be a positive integer: ${limit}`);
    this.#limit = limit;
  }

  /** Tasks holding a slot. */
  get running(): number {
    return this.#running;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Resolves with a release function once a slot is free, or null if `signal` aborts first. */
  acquire(signal: AbortSignal): Promise<ReleaseSlot | null> {
    if (signal.aborted) return Promise.resolve(null);
    if (this.#running < this.#limit) {
      this.#running += 1;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolvePromise) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal.removeEventListener('abort', onAbort);
          resolvePromise(release);
        },
      };
      const onAbort = (): void => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        resolvePromise(null);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** A release that hands the slot to the next waiter, or frees it. */
  #releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next === undefined) this.#running -= 1;
      else next.grant(this.#releaser());
    };
  }
}
