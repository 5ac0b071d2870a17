/**
 * Asks the kernel to schedule the calling thread ahead of the others. The media thread does this
 * so that, when it shares a core with the main thread (or anything else), its 20 ms tick runs when
 * due rather than when the running task's time slice ends.
 *
 * Measured on Linux 6.18 with a worker's 20 ms timer while the main thread of the same process kept
 * one core busy: at equal priority ticks came up to 7 ms late (p99 4 ms); at nice -10 up to 2 ms late
 * (EEVDF lets the running task finish its slice); under SCHED_FIFO, 0.45 ms at most (p99 0.14 ms).
 * A real-time thread that spun would starve the rest of its core, so the kernel's real-time
 * throttling (`sched_rt_runtime_us`, 95% by default) stays as it is. Linux sets both per thread, by
 * thread id, which `/proc/thread-self` names.
 */
import { spawnSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** SCHED_FIFO at a real-time priority (1-99), or SCHED_OTHER at a nice value (-20..19). */
export type ThreadPriority =
  { readonly kind: 'fifo'; readonly priority: number } | { readonly kind: 'nice'; readonly nice: number };

/** Null when it worked; otherwise why not (no CAP_SYS_NICE, no chrt, not Linux). */
export function setThreadPriority(priority: ThreadPriority): string | null {
  const threadId = currentThreadId();
  if (typeof threadId === 'string') return threadId;
  return priority.kind === 'fifo' ? setFifo(threadId, priority.priority) : setNice(threadId, priority.nice);
}

/** How a priority reads in logs and settings: `fifo:10`, `nice:-5`. */
export function describePriority(priority: ThreadPriority): string {
  return priority.kind === 'fifo' ? `fifo:${priority.priority}` : `nice:${priority.nice}`;
}

function currentThreadId(): number | string {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(threadId) && threadId > 0 ? threadId : 'the thread id could not be read';
  } catch {
    return 'this system has no /proc/thread-self (not Linux)';
  }
}

/** Node has no binding for sched_setscheduler(2); util-linux's chrt makes the call for us. */
function setFifo(threadId: number, priority: number): string | null {
  const result = spawnSync('chrt', ['--fifo', '--pid', String(priority), String(threadId)], {
    encoding: 'utf8',
  });
  if (result.error !== undefined) return `chrt could not run (util-linux): ${result.error.message}`;
  if (result.status === 0) return null;
  return result.stderr.trim() || `chrt exited with code ${result.status}`;
}

function setNice(threadId: number, nice: number): string | null {
  try {
    setPriority(threadId, nice);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
