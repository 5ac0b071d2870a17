/**
 * Asks the kernel to run the calling thread at a nice value. The media thread raises its priority
 * above the main thread's so that, when both want the one core Voxgate may be pinned to, the
 * media clock's tick runs at once instead of waiting for the main thread's time slice (measured:
 * a busy main thread delayed a worker's 20 ms timer by up to 7 ms at equal priority, under 2 ms
 * at nice -10). Linux sets nice per thread, by thread id, which `/proc/thread-self` names.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Null when it worked; otherwise why not (no CAP_SYS_NICE, not Linux). */
export function setThreadNice(nice: number): string | null {
  let threadId: number;
  try {
    threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return 'this system has no /proc/thread-self (not Linux)';
  }
  if (!Number.isInteger(threadId) || threadId <= 0) return 'the thread id could not be read';
  try {
    setPriority(threadId, nice);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
