import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';

/**
 * Runs setThreadNice in a worker thread of its own (nice is per thread on Linux, and a worker must
 * not leave the test runner's main thread deprioritised), and reads the nice value back from
 * /proc/thread-self/stat, field 19 (proc(5)).
 */
function niceInWorker(nice: number): Promise<{ refused: string | null; read: number }> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const module = new URL('./thread-priority.ts', import.meta.url).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { readFileSync } = require('node:fs');
    import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module)}); })
      .then(({ setThreadNice }) => {
        const refused = setThreadNice(workerData);
        const stat = readFileSync('/proc/thread-self/stat', 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parentPort.postMessage({ refused, read: Number(fields[16]) });
      });`;
  const worker = new Worker(code, { eval: true, workerData: nice });
  return new Promise((resolve, reject) => {
    worker.once('message', (answer: { refused: string | null; read: number }) => {
      void worker.terminate();
      resolve(answer);
    });
    worker.once('error', reject);
  });
}

test('setThreadNice sets the calling thread’s nice value, which the kernel then reports', async () => {
  // Raising nice (lowering priority) needs no privilege, so this holds for any user.
  const answer = await niceInWorker(7);

  assert.equal(answer.refused, null);
  assert.equal(answer.read, 7);
});

test('setThreadNice answers why when the kernel refuses, and throws nothing', async () => {
  const answer = await niceInWorker(99);

  assert.equal(typeof answer.refused, 'string', 'an out-of-range nice value is refused with a reason');
});
