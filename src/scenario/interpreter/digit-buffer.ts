/**
 * The type-ahead buffer of section 6.3: a FIFO of digits per leg that keeps
 * every keypress no input is reading, oldest dropped on overflow. An input
 * takes buffered digits first, then waits for the next one.
 */
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
  /** Prompts and inputs watching keypresses; made on first use, since a parked call often has none. */
  #listeners: Set<(digit: string) => void> | null = null;
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
    if (this.#listeners !== null) for (const listener of this.#listeners) listener(digit);
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
    const listeners = (this.#listeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** The next digit: a buffered one at once, else the next keypress within `timeoutMs`. */
  next(timeoutMs: number, clock: ScenarioClock, signal: AbortSignal): Promise<DigitWait> {
    const buffered = this.take();
    if (buffered !== undefined) return Promise.resolve({ kind: 'digit', digit: buffered });
    if (signal.aborted) return Promise.resolve({ kind: 'aborted' });
    // One timer and one listener, settled by whichever comes first: no controller or race per wait.
    return new Promise<DigitWait>((resolve) => {
      let settled = false;
      const settle = (result: DigitWait): void => {
        if (settled) return;
        settled = true;
        cancelTimer();
        signal.removeEventListener('abort', onAbort);
        if (this.#waiter === onDigit) this.#waiter = null;
        resolve(result);
      };
      const onAbort = (): void => settle({ kind: 'aborted' });
      const onDigit = (digit: string): void => settle({ kind: 'digit', digit });
      const cancelTimer = clock.after(timeoutMs, () => settle({ kind: 'timeout' }));
      this.#waiter = onDigit;
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
