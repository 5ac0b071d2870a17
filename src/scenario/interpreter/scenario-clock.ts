/**
 * Time as the engine sees it: now, and a cancellable sleep. Real calls use
 * the system clock; the simulator a virtual one, so a 30 s timeout costs no
 * real time.
 */

export type SleepEnd = 'elapsed' | 'aborted';

/** A timer of {@link ScenarioClock.after}; cancelling it after it fired does nothing. */
export interface ClockTimer {
  cancel(): void;
}

export interface ScenarioClock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  sleep(durationMs: number, signal: AbortSignal): Promise<SleepEnd>;
  /**
   * Runs `fire(arg)` after `durationMs` unless cancelled first: cheaper than a sleep, and the
   * argument spares the caller a closure per timer (an input sets one per digit).
   */
  after<T>(durationMs: number, fire: (arg: T) => void, arg: T): ClockTimer;
}

class SystemTimer implements ClockTimer {
  readonly #timeout: NodeJS.Timeout;

  constructor(timeout: NodeJS.Timeout) {
    this.#timeout = timeout;
  }

  cancel(): void {
    clearTimeout(this.#timeout);
  }
}

export const systemScenarioClock: ScenarioClock = {
  now: () => Date.now(),
  after(durationMs, fire, arg) {
    return new SystemTimer(setTimeout(fire, durationMs, arg));
  },
  sleep(durationMs, signal) {
    if (signal.aborted) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve('aborted');
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve('elapsed');
      }, durationMs);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/** `SS.` prefixes by whole second, direct-mapped: interleaved calls each hit their own seconds. */
const SECOND_SLOTS = 256;
const slotSecond = new Float64Array(SECOND_SLOTS).fill(Number.NaN);
const slotPrefix: string[] = new Array<string>(SECOND_SLOTS).fill('');
/** `735+0000` for each millisecond of a second. */
const MILLIS_SUFFIX = Array.from({ length: 1000 }, (_, ms) => `${String(ms).padStart(3, '0')}+0000`);
/** 10000-01-01T00:00:00Z: from there on toISOString() writes a six-digit year. */
const FOUR_DIGIT_YEARS_END_MS = 253_402_300_800_000;

/**
 * `2023-09-14T15:13:36.735+0000`: the seed-02 time format, always UTC. A call stamps every event,
 * so the date and time up to the second are cached and only the milliseconds are appended.
 */
export function formatScenarioTime(epochMs: number): string {
  if (!(epochMs >= 0 && epochMs < FOUR_DIGIT_YEARS_END_MS) || !Number.isInteger(epochMs))
    return `${new Date(epochMs).toISOString().slice(0, 23)}+0000`;
  const second = Math.floor(epochMs / 1000);
  const slot = second % SECOND_SLOTS;
  if (slotSecond[slot] !== second) {
    slotSecond[slot] = second;
    slotPrefix[slot] = new Date(second * 1000).toISOString().slice(0, 20);
  }
  return (slotPrefix[slot] as string) + (MILLIS_SUFFIX[epochMs - second * 1000] as string);
}
