import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { T1_MS, T2_MS, T4_MS, TIMEOUT_64T1_MS, systemTimerClock } from './timers.js';

/** A ref'd timer keeping the event loop alive while an unref'd system timer is awaited. */
function keepAlive(ms: number): () => void {
  const guard = setTimeout(() => undefined, ms);
  return () => clearTimeout(guard);
}

test('the timer values are those of RFC 3261 table 4', () => {
  assert.deepEqual([T1_MS, T2_MS, T4_MS, TIMEOUT_64T1_MS], [500, 4000, 5000, 32_000]);
});

test('the system clock fires a timer after its delay', async (t) => {
  t.after(keepAlive(5000));

  const fired = await new Promise<boolean>((resolve) => {
    systemTimerClock.setTimer(1, () => resolve(true));
  });

  assert.equal(fired, true);
});

test('the system clock never fires a cancelled timer', async () => {
  let cancelledFired = false;
  const handle = systemTimerClock.setTimer(1, () => (cancelledFired = true));

  handle.cancel();
  // A ref'd timer with a later deadline firing proves the cancelled deadline has passed.
  await delay(20);

  assert.equal(cancelledFired, false);
});

test('a pending system timer does not keep the process alive', async () => {
  const module = JSON.stringify(new URL('./timers.ts', import.meta.url).href);
  const script = `import(${module}).then(({ systemTimerClock }) => systemTimerClock.setTimer(60000, () => process.exit(3)))`;

  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = execFile(process.execPath, ['--import', 'tsx', '-e', script], {
      timeout: 20_000,
      // From the repository root, where tsx resolves.
      cwd: fileURLToPath(new URL('../../../../', import.meta.url)),
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });

  assert.equal(exitCode, 0);
});
