/**
 * A scratch folder for one test (SIPp traces, generated pcaps and WAVs, baresip's configuration),
 * removed by `t.after` whatever the outcome.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

/**
 * Creates a fresh `$TMPDIR/voxgate-<prefix>-*` folder and registers its removal with the test. Call it before
 * starting peers: `t.after` hooks run in the order registered, so register the folder first.
 */
export async function createTempDir(t: TestContext, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `voxgate-${prefix}-`));
  // Retries: a peer stopped by a later hook may still be writing its last trace.
  t.after(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));
  return dir;
}
