/**
 * Time as the engine sees it: now, and a cancellable sleep. Real calls use
 * the system clock; the simulator a virtual one, so a 30 s timeout costs no
 * real time.
 */

export type SleepEnd = 'elapsed' | 'aborted';

export interface ScenarioClock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  sleep(durationMs: number, signal: AbortSignal): Promise<SleepEnd>;
  /** Runs `fire` after `durationMs` unless the returned function cancels it first (cheaper than a sleep). */
  after(durationMs: number, fire: () => void): () => void;
}

export const systemScenarioClock: ScenarioClock = {
  now: () => Date.now(),
  after(durationMs, fire) {
    const timer = setTimeout(fire, durationMs);
    return () => clearTimeout(timer);
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

let lastFormattedMs = Number.NaN;
let lastFormatted = '';

/**
 * `2023-09-14T15:13:36.735+0000`: the seed-02 time format, always UTC. Events of one moment come in
 * bursts (an action's start, its variables, its end), so the last result is kept.
 */
export function formatScenarioTime(epochMs: number): string {
  if (epochMs !== lastFormattedMs) {
    lastFormattedMs = epochMs;
    lastFormatted = `${new Date(epochMs).toISOString().slice(0, 23)}+0000`;
  }
  return lastFormatted;
}
