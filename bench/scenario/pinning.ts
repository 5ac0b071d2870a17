/**
 * "One core" for the scenario benchmark: `npm run bench -- scenario` starts
 * a plain Node process, so the benchmark re-executes itself, once for each
 * part of the measurement (scenario.ts), as
 *
 *   taskset -c 0 node --expose-gc --import tsx bench/run.ts scenario [options]
 *
 * (without taskset when it is missing or CPU 0 is not ours), and the parent
 * waits for each child and assembles the report. `--expose-gc` is for the
 * memory measurement. The child knows it is a child from the
 * BENCH_SCENARIO_CPUS variable: the CPU list it is pinned to, or "none".
 *
 * To profile the engine, run the child's command line yourself with the
 * variables set, e.g.
 *
 *   BENCH_SCENARIO_CPUS=0 BENCH_SCENARIO_PART=real-http BENCH_SCENARIO_RESULT=/tmp/part.json \
 *     taskset -c 0 node --expose-gc --cpu-prof --cpu-prof-dir=/tmp/prof \
 *     --import tsx bench/run.ts scenario --calls 20000
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { canPin } from '../harness/script-server.js';

const CHILD_VARIABLE = 'BENCH_SCENARIO_CPUS';
/** Where the simulations run. */
export const BENCH_CPUS = '0';
/** Where the local CRM runs, when the machine has a second core. */
export const SERVER_CPUS = '1';

/** The CPU for the CRM server: another core than the benchmark's, or null on a one-core machine. */
export function serverCpus(): string | null {
  return os.cpus().length > 1 ? SERVER_CPUS : null;
}

/** In the re-executed child: the CPU list it runs on ("0"), null when unpinned; undefined in the parent. */
export function childPinning(): string | null | undefined {
  const value = process.env[CHILD_VARIABLE];
  if (value === undefined) return undefined;
  return value === 'none' ? null : value;
}

/**
 * Runs this benchmark again as a pinned child with `--expose-gc` and returns
 * its exit code. Ctrl-C reaches the child directly (same process group), so
 * the parent ignores SIGINT meanwhile; SIGTERM and SIGHUP are passed on.
 */
export async function runPinnedChild(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<number> {
  const pinned = canPin(BENCH_CPUS) ? BENCH_CPUS : null;
  const nodeCommand = [
    process.execPath,
    ...process.execArgv,
    '--expose-gc',
    process.argv[1]!,
    'scenario',
    ...args,
  ];
  const [command, ...rest] = pinned === null ? nodeCommand : ['taskset', '-c', pinned, ...nodeCommand];
  process.stderr.write(
    pinned === null
      ? 'scenario: taskset unavailable, running unpinned\n'
      : `scenario: running pinned to CPU ${pinned}: ${['taskset', '-c', pinned, 'node', '--expose-gc', '...'].join(' ')}\n`,
  );
  const child = spawn(command!, rest, {
    stdio: 'inherit',
    env: { ...process.env, ...env, [CHILD_VARIABLE]: pinned ?? 'none' },
  });
  const ignore = (): void => {};
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', ignore);
  process.on('SIGTERM', forward);
  process.on('SIGHUP', forward);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (code !== null) resolve(code);
        else resolve(128 + (signal === null ? 0 : (os.constants.signals[signal] ?? 0)));
      });
    });
  } finally {
    process.off('SIGINT', ignore);
    process.off('SIGTERM', forward);
    process.off('SIGHUP', forward);
  }
}
