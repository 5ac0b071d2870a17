import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { startModuleWorker } from './module-worker.js';
import type { ThreadPriority } from './thread-priority.js';

interface Scheduling {
  readonly refused: string | null;
  readonly nice: number;
  readonly rtPriority: number;
  /** 0 SCHED_OTHER, 1 SCHED_FIFO (sched(7)). */
  readonly policy: number;
}

/**
 * Runs setThreadPriority in a worker thread of its own (scheduling is per thread on Linux, and the
 * test runner's main thread must keep its own) and answers what the kernel then reports.
 */
function scheduleWorker(priority: ThreadPriority): Promise<Scheduling> {
  const worker = startModuleWorker(new URL('./testdata/priority-probe.ts', import.meta.url), {
    workerData: priority,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (answer: Scheduling) => {
      void worker.terminate();
      resolve(answer);
    });
    worker.once('error', reject);
  });
}

/** Whether this process may use SCHED_FIFO at all (CAP_SYS_NICE): chrt runs `true` under it. */
const NO_REALTIME =
  spawnSync('chrt', ['--fifo', '1', 'true']).status === 0
    ? false
    : 'real-time scheduling is not permitted here (needs CAP_SYS_NICE)';

test('nice: the calling thread gets the nice value, which the kernel then reports', async () => {
  // Raising nice (lowering priority) needs no privilege, so this holds for any user.
  const answer = await scheduleWorker({ kind: 'nice', nice: 7 });

  assert.deepEqual(answer, { refused: null, nice: 7, rtPriority: 0, policy: 0 });
});

test('fifo: the calling thread runs under SCHED_FIFO at that priority', { skip: NO_REALTIME }, async () => {
  const answer = await scheduleWorker({ kind: 'fifo', priority: 10 });

  assert.equal(answer.refused, null);
  assert.deepEqual({ policy: answer.policy, rtPriority: answer.rtPriority }, { policy: 1, rtPriority: 10 });
});

test('a priority the kernel refuses is answered with the reason, and nothing throws', async () => {
  const answer = await scheduleWorker({ kind: 'fifo', priority: 100 });

  assert.equal(typeof answer.refused, 'string', 'real-time priorities stop at 99');
  assert.equal(answer.policy, 0, 'the thread stays under SCHED_OTHER');
});
