/**
 * The type-ahead buffer of section 6.3: a FIFO of digits per leg that keeps
 * every keypress no input is reading, oldest dropped on overflow. An input
 * takes buffered digits first, then waits for the next one.
 */
import { ENGINE_ABORT } from './abort-reason.js';
import type { ScenarioClock } from './scenario-clock.js';

export const DEFAULT_TYPEAHEAD_DIGITS = 64;

export type DigitWait =
  | { readonly kind: 'digit'; readonly digit: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' };

export class DigitBuffer {
  readonly #capacity: number;
  readonly #digits: string[] = [];
  #waiter: ((digit: string) => void) | null = null;
  #listeners = new Set<(digit: string) => void>();
  #reader: ((digit: string) => void) | null = null;

  constructor(capacity = DEFAULT_TYPEAHEAD_DIGITS) {
    this.#capacity = capacity;
  }

  /** A keypress arrived from the far end; true when it went to the buffer, false when an input read it. */
  push(digit: string): boolean {
    const waiter = this.#waiter;
    let buffered = false;
    if (this.#reader !== null) {
      this.#reader(digit);
    } else if (waiter !== null) {
      this.#waiter = null;
      waiter(digit);
    } else {
      this.#digits.push(digit);
      if (this.#digits.length > this.#capacity) this.#digits.shift();
      buffered = true;
    }
    for (const listener of this.#listeners) listener(digit);
    return buffered;
  }

  get size(): number {
    return this.#digits.length;
  }

  /** The oldest buffered digit, removed; undefined when empty. */
  take(): string | undefined {
    return this.#digits.shift();
  }

  clear(): void {
    this.#digits.length = 0;
  }

  /** Sends every keypress to `reader` instead of the buffer (a Record reads them) until released. */
  divert(reader: (digit: string) => void): () => void {
    this.#reader = reader;
    return () => {
      if (this.#reader === reader) this.#reader = null;
    };
  }

  /** Calls `listener` on every keypress (buffered or read) until the returned function is called. */
  watch(listener: (digit: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The next digit: a buffered one at once, else the next keypress within `timeoutMs`. */
  async next(timeoutMs: number, clock: ScenarioClock, signal: AbortSignal): Promise<DigitWait> {
    const buffered = this.take();
    if (buffered !== undefined) return { kind: 'digit', digit: buffered };
    if (signal.aborted) return { kind: 'aborted' };
    const timer = new AbortController();
    const stopTimer = (): void => timer.abort(ENGINE_ABORT);
    signal.addEventListener('abort', stopTimer, { once: true });
    try {
      const pressed = new Promise<DigitWait>((resolve) => {
        this.#waiter = (digit) => resolve({ kind: 'digit', digit });
      });
      const elapsed = clock
        .sleep(timeoutMs, timer.signal)
        .then<DigitWait>((end) =>
          end === 'elapsed' ? { kind: 'timeout' } : { kind: signal.aborted ? 'aborted' : 'timeout' },
        );
      const result = await Promise.race([pressed, elapsed]);
      return result;
    } finally {
      this.#waiter = null;
      timer.abort(ENGINE_ABORT);
      signal.removeEventListener('abort', stopTimer);
    }
  }
}
