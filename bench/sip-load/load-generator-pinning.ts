/**
 * "Voxgate pinned to one core with taskset, SIPp to the other", as the anchor measurement was
 * made. The server is started pinned to CPU 0 by bench/harness/server.ts; this pins the benchmark
 * process itself, every thread of it (`taskset -a`), to CPU 1 while it runs, so what it starts
 * afterwards (SIPp, the RTP peer) inherits that core. The previous affinity is put back at the end,
 * since `npm run bench` may run other benchmarks in the same process.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** Where bench/harness/server.ts pins the server. */
export const SERVER_CPU = 0;
/** Where SIPp and the RTP peer run. */
export const LOAD_GENERATOR_CPU = 1;

export interface Pinning {
  /** The CPU the load generator runs on, or null when it could not be pinned. */
  readonly cpu: number | null;
  readonly restore: () => void;
}

function taskset(args: readonly string[]): { ok: boolean; stdout: string } {
  const result = spawnSync('taskset', args, { encoding: 'utf8' });
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

/** Pins this process to {@link LOAD_GENERATOR_CPU}; a no-op on a one-core machine or without taskset. */
export function pinLoadGenerator(): Pinning {
  const unpinned: Pinning = { cpu: null, restore: () => undefined };
  if (os.cpus().length <= LOAD_GENERATOR_CPU) return unpinned;
  const pid = String(process.pid);
  // "pid 1234's current affinity mask: 3"
  const current = /mask:\s*([0-9a-f,]+)/i.exec(taskset(['-p', pid]).stdout)?.[1];
  if (current === undefined) return unpinned;
  if (!taskset(['-a', '-p', '-c', String(LOAD_GENERATOR_CPU), pid]).ok) return unpinned;
  return {
    cpu: LOAD_GENERATOR_CPU,
    restore: () => {
      taskset(['-a', '-p', current, pid]);
    },
  };
}
