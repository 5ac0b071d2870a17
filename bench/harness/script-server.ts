/**
 * Starts a benchmark's helper server (a TypeScript script run with tsx) in a child process, pinned
 * with taskset to the CPUs given when that works, so the benchmark's figures are its own process's
 * with the remote end elsewhere, as in production. The script listens on port 0, writes
 * `{"port":N}` as its first stdout line, and exits when its stdin closes, so it cannot outlive the
 * benchmark; the cleanup closes stdin, and kills it if it does not go.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './cleanup.js';

export interface ScriptServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  /** The CPU list the server is pinned to, or null when it floats. */
  readonly pinnedCpus: string | null;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const STDERR_KEPT_CHARS = 8_192;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True when `taskset -c CPUS` works here: the tool exists and the CPUs are ours to use. */
export function canPin(cpus: string): boolean {
  return spawnSync('taskset', ['-c', cpus, 'true'], { stdio: 'ignore' }).status === 0;
}

/** `cpus` is where the server should run (e.g. "1"), or null to leave it unpinned. */
export async function startScriptServer(
  name: string,
  script: string,
  cpus: string | null,
  cleanup: Cleanup,
): Promise<ScriptServer> {
  const pinnedCpus = cpus !== null && canPin(cpus) ? cpus : null;
  const serverCommand = [process.execPath, '--import', 'tsx', script];
  const [command, ...args] =
    pinnedCpus === null ? serverCommand : ['taskset', '-c', pinnedCpus, ...serverCommand];
  const child = spawn(command!, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanup.defer(`stop the ${name}`, async () => {
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
      () => reject(new Error(`the ${name} did not start within ${STARTUP_TIMEOUT_MS} ms:\n${stderr}`)),
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
        reject(new Error(`the ${name} announced no port: ${stdout}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the ${name} exited during start (${code ?? signal}):\n${stderr}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, pinnedCpus };
}
