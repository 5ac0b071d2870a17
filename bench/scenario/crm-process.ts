/**
 * Starts the local CRM (crm-server.ts) in a child process, pinned with
 * taskset to a core other than the benchmark's when there is one, so the
 * figures are the engine's and the HTTP client's cost on one core, with the
 * remote end of the Call API elsewhere, as in production.
 */
import { fileURLToPath } from 'node:url';
import type { Cleanup } from '../harness/cleanup.js';
import { startScriptServer } from '../harness/script-server.js';
import type { CrmStats } from './crm-server.js';

export interface RunningCrm {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  /** The CPU list the server is pinned to, or null when it floats. */
  readonly pinnedCpus: string | null;
  stats(): Promise<CrmStats>;
}

const SERVER_SCRIPT = fileURLToPath(new URL('./crm-server.ts', import.meta.url));

/** `cpus` is where the server should run (e.g. "1"), or null to leave it unpinned. */
export async function startCrmProcess(cpus: string | null, cleanup: Cleanup): Promise<RunningCrm> {
  const { url, pinnedCpus } = await startScriptServer('local CRM server', SERVER_SCRIPT, cpus, cleanup);
  return {
    url,
    pinnedCpus,
    async stats() {
      const response = await fetch(`${url}/stats`);
      return (await response.json()) as CrmStats;
    },
  };
}
