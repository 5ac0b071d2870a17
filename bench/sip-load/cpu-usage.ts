/**
 * CPU time as Linux accounts it, read from /proc (proc(5)):
 *
 * - a process's `utime` + `stime` and its waited-for children's `cutime` + `cstime` (fields 14 to
 *   17 of /proc/PID/stat, in clock ticks), for the server's CPU over a step;
 * - a core's busy time from /proc/stat (`cpuN` lines), to see whether the load generator's core
 *   was saturated (then the step measured SIPp, not Voxgate) and how busy the server's core was
 *   with other work.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** `getconf CLK_TCK`; 100 on every Linux we run on, read once in case it is not. */
const CLOCK_TICKS_PER_SECOND = ((): number => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const value = Number(result.stdout?.trim());
  return Number.isInteger(value) && value > 0 ? value : 100;
})();

/** /proc/PID/stat fields after the `(comm)`, which may hold spaces: field 3 (state) is index 0. */
const UTIME_INDEX = 14 - 3;
const STIME_INDEX = 15 - 3;
/** The same for the children the process has waited for (the server's espeak-ng runs). */
const CUTIME_INDEX = 16 - 3;
const CSTIME_INDEX = 17 - 3;
const PPID_INDEX = 4 - 3;

function statFields(pid: number): string[] | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const end = text.lastIndexOf(')');
  return end < 0 ? null : text.slice(end + 2).split(' ');
}

/** CPU seconds a process and its reaped children have used (user + system), or null once it is gone. */
export function processCpuSeconds(pid: number): number | null {
  const fields = statFields(pid);
  if (fields === null) return null;
  const ticks = [UTIME_INDEX, STIME_INDEX, CUTIME_INDEX, CSTIME_INDEX].reduce(
    (sum, index) => sum + Number(fields[index]),
    0,
  );
  return Number.isFinite(ticks) ? ticks / CLOCK_TICKS_PER_SECOND : null;
}

/** Resident memory of a process in MiB (VmRSS of /proc/PID/status), or null. */
export function processRssMiB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? null : Math.round(Number(match[1]) / 1024);
  } catch {
    return null;
  }
}

/**
 * The pid of our child process whose command line holds every one of `markers` (the server is
 * spawned as `taskset -c 0 node bin/voxgate.js serve`; taskset execs node, keeping the pid).
 */
export function findChildPid(markers: readonly string[]): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (statFields(pid)?.[PPID_INDEX] !== String(process.pid)) continue;
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    if (markers.every((marker) => commandLine.includes(marker))) return pid;
  }
  return null;
}

/** Busy and total jiffies of one core since boot. */
export interface CoreTimes {
  readonly busy: number;
  readonly total: number;
}

/** The `cpuN` line of /proc/stat: user nice system idle iowait irq softirq steal ...; idle and iowait are not busy. */
export function readCoreTimes(core: number): CoreTimes | null {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith(`cpu${core} `));
  if (line === undefined) return null;
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** Percent of the time the core was busy between two readings; null when either is missing. */
export function coreBusyPercent(before: CoreTimes | null, after: CoreTimes | null): number | null {
  if (before === null || after === null || after.total <= before.total) return null;
  return (100 * (after.busy - before.busy)) / (after.total - before.total);
}

/** A process's CPU over a stretch of wall time, as a percent of one core. */
export class ProcessCpuMeter {
  readonly #pid: number;
  #cpuSeconds: number | null;
  #wallMs: number;

  constructor(pid: number) {
    this.#pid = pid;
    this.#cpuSeconds = processCpuSeconds(pid);
    this.#wallMs = performance.now();
  }

  /** Percent of one core since construction or the previous call, and starts a new stretch. */
  lap(): number | null {
    const cpuSeconds = processCpuSeconds(this.#pid);
    const wallMs = performance.now();
    const previous = this.#cpuSeconds;
    const elapsedMs = wallMs - this.#wallMs;
    this.#cpuSeconds = cpuSeconds;
    this.#wallMs = wallMs;
    if (cpuSeconds === null || previous === null || elapsedMs <= 0) return null;
    return (100 * (cpuSeconds - previous) * 1000) / elapsedMs;
  }
}
