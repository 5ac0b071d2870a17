/**
 * The facts a reader needs to compare two benchmark results: what ran them,
 * when, and how busy the machine already was (other work on the same cores
 * skews every figure, so take these at the start).
 */
import os from 'node:os';

export interface MachineFacts {
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly date: string;
  /** os.loadavg()'s 1-minute figure: near 0 on an otherwise idle machine. */
  readonly loadAverage1m: number;
}

export function machineFacts(date: Date): MachineFacts {
  const cpus = os.cpus();
  const BYTES_PER_GIB = 1024 ** 3;
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    memoryGiB: Math.round((os.totalmem() / BYTES_PER_GIB) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: date.toISOString(),
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}
