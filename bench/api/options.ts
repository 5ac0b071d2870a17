/** The command line of `npm run bench -- api`. */
import { parseArgs } from 'node:util';
import type { Engine } from '../harness/database.js';
import { positiveInteger, UsageError } from '../harness/usage.js';

export interface ApiOptions {
  readonly durationSeconds: number;
  readonly connections: number;
  readonly engines: readonly Engine[];
}

export const API_USAGE =
  'usage: npm run bench -- api [--duration SECONDS] [--connections N] [--engine sqlite|postgres|both]';

const DEFAULT_DURATION_SECONDS = 10;
const DEFAULT_CONNECTIONS = 20;

function engines(raw: string | undefined): readonly Engine[] {
  switch (raw ?? 'both') {
    case 'sqlite':
      return ['sqlite'];
    case 'postgres':
      return ['postgres'];
    case 'both':
      return ['sqlite', 'postgres'];
    default:
      throw new UsageError(`--engine must be sqlite, postgres or both, got "${raw}"`);
  }
}

/** The options, or null when help was asked for. */
export function parseApiOptions(args: readonly string[]): ApiOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        engine: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return null;
  return {
    durationSeconds: positiveInteger(values.duration, '--duration', DEFAULT_DURATION_SECONDS),
    connections: positiveInteger(values.connections, '--connections', DEFAULT_CONNECTIONS),
    engines: engines(values.engine),
  };
}

export { UsageError };
