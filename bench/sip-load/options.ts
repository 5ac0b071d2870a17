/** The command line of `npm run bench -- sip-load`, and the load steps it implies. */
import { parseArgs } from 'node:util';
import { positiveInteger, UsageError } from '../harness/usage.js';

/** Which half of the benchmark to run; null runs both. */
export const SIP_LOAD_PART = { rate: 'rate', concurrency: 'concurrency' } as const;
export type SipLoadPart = (typeof SIP_LOAD_PART)[keyof typeof SIP_LOAD_PART];

export interface SipLoadOptions {
  /** How long each step offers its load: new calls for a rate step, the plateau of a concurrency step. */
  readonly durationSeconds: number;
  /** Lowest and highest IVR call rate tried, calls per second. */
  readonly minRate: number;
  readonly maxRate: number;
  /** Lowest and highest number of simultaneous calls tried. */
  readonly minConcurrency: number;
  readonly maxConcurrency: number;
  /** Calls per second at which a concurrency step brings its calls up. */
  readonly rampRate: number;
  readonly only: SipLoadPart | null;
}

/** The suggested ladder; the anchor (65) and goal (130) sit on it, and steps above the goal. */
export const RATE_STEPS_PER_SECOND: readonly number[] = [10, 20, 40, 65, 90, 130, 160, 200, 250];
/** The same for simultaneous calls: anchor 350, goal 1,000, and steps above it. */
export const CONCURRENCY_STEPS: readonly number[] = [50, 100, 200, 350, 500, 750, 1000, 1250, 1500];

export const DEFAULT_SIP_LOAD_OPTIONS: SipLoadOptions = {
  durationSeconds: 30,
  minRate: 1,
  maxRate: 250,
  minConcurrency: 1,
  maxConcurrency: 1500,
  rampRate: 50,
  only: null,
};

export const SIP_LOAD_USAGE = [
  'usage: npm run bench -- sip-load [--duration SECONDS] [--min-rate CPS] [--max-rate CPS]',
  '                                 [--min-concurrency N] [--max-concurrency N] [--ramp-rate CPS]',
  '                                 [--only rate|concurrency]',
  '',
  `  --duration         seconds each step holds its load (default ${DEFAULT_SIP_LOAD_OPTIONS.durationSeconds})`,
  `  --max-rate         highest IVR rate tried, of ${RATE_STEPS_PER_SECOND.join(', ')} calls/s (default ${DEFAULT_SIP_LOAD_OPTIONS.maxRate})`,
  '  --min-rate         skip the rate steps below this (to look at the top of the ladder again)',
  '  --min-concurrency  skip the concurrency steps below this',
  `  --max-concurrency  highest count tried, of ${CONCURRENCY_STEPS.join(', ')} calls (default ${DEFAULT_SIP_LOAD_OPTIONS.maxConcurrency})`,
  `  --ramp-rate        calls/s at which a concurrency step sets its calls up (default ${DEFAULT_SIP_LOAD_OPTIONS.rampRate})`,
  '  --only             run one half: rate or concurrency',
  '',
  'Each ladder stops at its first failing step. A value between two steps is tried as a last step.',
].join('\n');

function part(raw: string | undefined): SipLoadPart | null {
  if (raw === undefined) return null;
  if (raw === SIP_LOAD_PART.rate || raw === SIP_LOAD_PART.concurrency) return raw;
  throw new UsageError(`--only must be rate or concurrency, got "${raw}"`);
}

/** The options, or null when help was asked for. */
export function parseSipLoadOptions(args: readonly string[]): SipLoadOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        duration: { type: 'string' },
        'min-rate': { type: 'string' },
        'max-rate': { type: 'string' },
        'min-concurrency': { type: 'string' },
        'max-concurrency': { type: 'string' },
        'ramp-rate': { type: 'string' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return null;
  const defaults = DEFAULT_SIP_LOAD_OPTIONS;
  const options: SipLoadOptions = {
    durationSeconds: positiveInteger(values.duration, '--duration', defaults.durationSeconds),
    minRate: positiveInteger(values['min-rate'], '--min-rate', defaults.minRate),
    maxRate: positiveInteger(values['max-rate'], '--max-rate', defaults.maxRate),
    minConcurrency: positiveInteger(values['min-concurrency'], '--min-concurrency', defaults.minConcurrency),
    maxConcurrency: positiveInteger(values['max-concurrency'], '--max-concurrency', defaults.maxConcurrency),
    rampRate: positiveInteger(values['ramp-rate'], '--ramp-rate', defaults.rampRate),
    only: part(values.only),
  };
  if (options.minRate > options.maxRate)
    throw new UsageError(`--min-rate (${options.minRate}) must not be above --max-rate (${options.maxRate})`);
  if (options.minConcurrency > options.maxConcurrency)
    throw new UsageError(
      `--min-concurrency (${options.minConcurrency}) must not be above --max-concurrency (${options.maxConcurrency})`,
    );
  return options;
}

/**
 * The ladder's steps from `min` up to `max`; a `max` that falls between two steps (or below the
 * first) is added as the last step, so `--max-rate 5` still measures something.
 */
export function stepsBetween(ladder: readonly number[], min: number, max: number): number[] {
  const steps = ladder.filter((step) => step >= min && step <= max);
  if (steps.at(-1) !== max) steps.push(max);
  return steps;
}

export { UsageError };
