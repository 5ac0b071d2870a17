/**
 * Starts the local CRM (crm-server.ts) in a child process, pinned with
 * taskset to a core other than the benchmark's when there is one, so the
 * figures are the engine's and the HTTP client's cost on one core, with the
 * remote end of the Call API elsewhere, as in production.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from '../harness/cleanup.js';
import type { CrmStats } from './crm-server.js';
import { canPin } from './pinning.js';

export interface RunningCrm {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  /** The CPU list the server is pinned to, or null when it floats. */
  readonly pinnedCpus: string | null;
  stats(): Promise<CrmStats>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_SCRIPT = fileURLToPath(new URL('./crm-server.ts', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const STDERR_KEPT_CHARS = 8_192;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `cpus` is where the server should run (e.g. "1"), or null to leave it unpinned. */
export async function startCrmProcess(cpus: string | null, cleanup: Cleanup): Promise<RunningCrm> {
  const pinnedCpus = cpus !== null && canPin(cpus) ? cpus : null;
  const serverCommand = [process.execPath, '--import', 'tsx', SERVER_SCRIPT];
  const [command, ...args] =
    pinnedCpus === null ? serverCommand : ['taskset', '-c', pinnedCpus, ...serverCommand];
  const child = spawn(command!, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanup.defer('stop the local CRM server', async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
    if (!stopped) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEPT_CHARS);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`the CRM server did not start within ${STARTUP_TIMEOUT_MS} ms:\n${stderr}`)),
      STARTUP_TIMEOUT_MS,
    );
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      try {
        resolve((JSON.parse(stdout.slice(0, newline)) as { port: number }).port);
      } catch {
        reject(new Error(`the CRM server announced no port: ${stdout}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the CRM server exited during start (${code ?? signal}):\n${stderr}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pinnedCpus,
    async stats() {
      const response = await fetch(`${url}/stats`);
      return (await response.json()) as CrmStats;
    },
  };
}
