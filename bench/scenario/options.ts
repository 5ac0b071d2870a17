/** The command line of `npm run bench -- scenario`. */
import { parseArgs } from 'node:util';
import { UsageError } from '../harness/usage.js';

export interface ScenarioOptions {
  /** Simulated calls in each measured throughput phase. */
  readonly calls: number;
  /** Simulated calls running at once in the throughput phases. */
  readonly concurrency: number;
  /** Calls run and discarded before each measured phase (JIT, connection pool). */
  readonly warmup: number;
  /** Calls held in flight at once for the memory measurement. */
  readonly inFlight: number;
  /** Measured phases per row; the median is reported. */
  readonly rounds: number;
}

export const SCENARIO_USAGE =
  'usage: npm run bench -- scenario [--calls N] [--concurrency N] [--warmup N] [--rounds N] [--in-flight N]';

export const DEFAULT_SCENARIO_OPTIONS: ScenarioOptions = {
  calls: 20_000,
  // As many calls as the HTTP client has connections (HTTP_CONNECTIONS in scenario.ts): more only
  // queue in the client, where the young-generation collections promote their state. Measured alone,
  // the real row made 3,650-4,400 calls/s at 16 or 24 at once, and 2,460-2,690 at 200.
  concurrency: 16,
  // V8 spends about 2 s optimising the engine whatever the call count (about 430 compiles on the
  // same core): 2,000 warm-up calls (0.6 s) left most of it inside the measured phase.
  warmup: 10_000,
  inFlight: 10_000,
  // One phase of a row moved by up to 25% from run to run on this 2-core machine; the median of three
  // is steadier.
  rounds: 3,
};

function wholeNumber(raw: string | undefined, flag: string, fallback: number, minimum: 0 | 1): number {
  if (raw === undefined) return fallback;
  const pattern = minimum === 0 ? /^(0|[1-9]\d*)$/ : /^[1-9]\d*$/;
  if (!pattern.test(raw))
    throw new UsageError(`${flag} must be a whole number of at least ${minimum}, got "${raw}"`);
  return Number(raw);
}

/** The options, or null when help was asked for. */
export function parseScenarioOptions(args: readonly string[]): ScenarioOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        calls: { type: 'string' },
        concurrency: { type: 'string' },
        warmup: { type: 'string' },
        'in-flight': { type: 'string' },
        rounds: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return null;
  const defaults = DEFAULT_SCENARIO_OPTIONS;
  return {
    calls: wholeNumber(values.calls, '--calls', defaults.calls, 1),
    concurrency: wholeNumber(values.concurrency, '--concurrency', defaults.concurrency, 1),
    warmup: wholeNumber(values.warmup, '--warmup', defaults.warmup, 0),
    inFlight: wholeNumber(values['in-flight'], '--in-flight', defaults.inFlight, 1),
    rounds: wholeNumber(values.rounds, '--rounds', defaults.rounds, 1),
  };
}

export { UsageError };
