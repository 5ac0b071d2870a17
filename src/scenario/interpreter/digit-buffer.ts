/**
 * The type-ahead buffer of section 6.3: a FIFO of digits per leg that keeps
 * every keypress no input is reading, oldest dropped on overflow. An input
 * takes buffered digits first, then waits for the next one.
 */
import { ENGINE_ABORT } from './abort-reason.js';
import type { ClockTimer, ScenarioClock } from './scenario-clock.js';

export const DEFAULT_TYPEAHEAD_DIGITS = 64;

export type DigitWait =
  | { readonly kind: 'digit'; readonly digit: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' };

const TIMEOUT: DigitWait = Object.freeze({ kind: 'timeout' });
const ABORTED: DigitWait = Object.freeze({ kind: 'aborted' });

/**
 * One input's wait for a keypress, settled once by a digit, its timer or its signal. An object
 * with methods (and the signal's listener through `handleEvent`) rather than three closures: an
 * input waits once per digit, and every closure a module makes costs more than it looks under
 * tsx, which names each one at run time.
 */
class PendingDigit {
  readonly #buffer: DigitBuffer;
  /** The signal listened to, or null when the buffer's owner calls abortWait() instead. */
  readonly #signal: AbortSignal | null;
  readonly #resolve: (wait: DigitWait) => void;
  timer: ClockTimer | null = null;
  #settled = false;

  constructor(buffer: DigitBuffer, signal: AbortSignal | null, resolve: (wait: DigitWait) => void) {
    this.#buffer = buffer;
    this.#signal = signal;
    this.#resolve = resolve;
  }

  digit(digit: string): void {
    this.#settle({ kind: 'digit', digit });
  }

  timeout(): void {
    this.#settle(TIMEOUT);
  }

  /** The signal aborted. */
  handleEvent(): void {
    this.#settle(ABORTED);
  }

  #settle(result: DigitWait): void {
    if (this.#settled) return;
    this.#settled = true;
    this.timer?.cancel();
    this.#signal?.removeEventListener('abort', this);
    this.#buffer.release(this);
    this.#resolve(result);
  }
}

function timeOut(waiter: PendingDigit): void {
  waiter.timeout();
}

export class DigitBuffer {
  readonly #capacity: number;
  readonly #digits: string[] = [];
  #waiter: PendingDigit | null = null;
  /** Prompts and inputs watching keypresses; made on first use, since a parked call often has none. */
  #listeners: Set<(digit: string) => void> | null = null;
  #reader: ((digit: string) => void) | null = null;
  /** Aborted by the next keypress: the interruptible prompt playing now. */
  #interrupt: AbortController | null = null;

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
      waiter.digit(digit);
    } else {
      this.#digits.push(digit);
      if (this.#digits.length > this.#capacity) this.#digits.shift();
      buffered = true;
    }
    const interrupt = this.#interrupt;
    if (interrupt !== null) {
      this.#interrupt = null;
      interrupt.abort(ENGINE_ABORT);
    }
    if (this.#listeners !== null) for (const listener of this.#listeners) listener(digit);
    return buffered;
  }

  /**
   * Aborts `controller` at the next keypress (buffered or read), unless replaced first; null
   * stops. A slot rather than a watch: a call plays many interruptible prompts.
   */
  abortOnKey(controller: AbortController | null): void {
    this.#interrupt = controller;
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

  /**
   * The next digit: a buffered one at once, else the next keypress within `timeoutMs`; aborted
   * when `signal` aborts. With `listen` false nothing listens to the signal: its owner calls
   * {@link abortWait} when it aborts it (the run does, for every input: no listener per digit).
   */
  next(timeoutMs: number, clock: ScenarioClock, signal: AbortSignal, listen = true): Promise<DigitWait> {
    const buffered = this.take();
    if (buffered !== undefined) return Promise.resolve({ kind: 'digit', digit: buffered });
    if (signal.aborted) return Promise.resolve(ABORTED);
    // One timer and at most one listener, settled by whichever comes first.
    return new Promise<DigitWait>((resolve) => {
      const waiter = new PendingDigit(this, listen ? signal : null, resolve);
      waiter.timer = clock.after(timeoutMs, timeOut, waiter);
      this.#waiter = waiter;
      if (listen) signal.addEventListener('abort', waiter, { once: true });
    });
  }

  /** Ends the pending wait, if any, as aborted. */
  abortWait(): void {
    this.#waiter?.handleEvent();
  }

  /** A wait settled: it no longer takes keypresses. */
  release(waiter: PendingDigit): void {
    if (this.#waiter === waiter) this.#waiter = null;
  }
}
