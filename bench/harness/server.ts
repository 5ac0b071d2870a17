/**
 * Starts the real server (`node bin/voxgate.js serve`) as a child process, so
 * the benchmark measures what an operator runs and not an in-process app. It
 * is pinned to CPU 0 when taskset can do that, leaving the other core(s) to
 * the load generator; it is stopped with SIGTERM like a service manager would.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchDatabase } from './database.js';
import type { Cleanup } from './cleanup.js';
import { canPin } from './script-server.js';
import { freePort } from './free-port.js';

export interface RunningVoxgate {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  /** The operator key the server was started with. */
  readonly adminKey: string;
  /** The CPU list the server is pinned to, or null when it floats. */
  readonly pinnedCpus: string | null;
  /** Whether bin/voxgate.js ran the dist build or the sources through tsx. */
  readonly build: 'dist' | 'sources';
  /** The lines the server wrote to stdout (its log: warnings and errors only), up to LOG_LINES_KEPT. */
  logLines(): readonly string[];
}

export interface ServerSettings {
  readonly database: BenchDatabase;
  /** Extra VOXGATE_* settings, e.g. a rate limit. */
  readonly env?: Readonly<Record<string, string>>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_CPUS = '0';
const STARTUP_TIMEOUT_SECONDS = 60;
const HEALTH_POLL_INTERVAL_MS = 100;
const HEALTH_REQUEST_TIMEOUT_MS = 1_000;
const STOP_TIMEOUT_SECONDS = 15;
/** Enough of stderr to explain a failed start. */
const STDERR_KEPT_CHARS = 16_384;
/** A fault under load logs once per request; past this many lines the rest add nothing. */
const LOG_LINES_KEPT = 10_000;
const ADMIN_KEY_BYTES = 32;

/** The parent's environment without its VOXGATE_* settings, which the server would otherwise pick up or reject. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('VOXGATE_')) env[name] = value;
  }
  return env;
}

function keepTail(previous: string, chunk: string): string {
  const joined = previous + chunk;
  return joined.length > STDERR_KEPT_CHARS ? joined.slice(-STDERR_KEPT_CHARS) : joined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startVoxgate(settings: ServerSettings, cleanup: Cleanup): Promise<RunningVoxgate> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const adminKey = randomBytes(ADMIN_KEY_BYTES).toString('hex');
  const pinnedCpus = canPin(SERVER_CPUS) ? SERVER_CPUS : null;
  const serverCommand = [process.execPath, 'bin/voxgate.js', 'serve'];
  const [command, ...args] =
    pinnedCpus === null ? serverCommand : ['taskset', '-c', pinnedCpus, ...serverCommand];
  const child = spawn(command!, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...cleanEnv(),
      ...settings.env,
      VOXGATE_HTTP_HOST: '127.0.0.1',
      VOXGATE_HTTP_PORT: String(port),
      VOXGATE_DATA_DIR: settings.database.dataDir,
      VOXGATE_DATABASE_URL: settings.database.url,
      VOXGATE_ADMIN_KEY: adminKey,
      VOXGATE_LOG_LEVEL: 'warn',
    },
  });
  const logLines: string[] = [];
  let partialLine = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partialLine + chunk).split('\n');
    partialLine = lines.pop() ?? '';
    logLines.push(...lines.slice(0, Math.max(0, LOG_LINES_KEPT - logLines.length)));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = keepTail(stderr, chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Registered before the wait, so a server that never becomes healthy is still stopped.
  cleanup.defer('stop the Voxgate server', async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_SECONDS * 1000)]);
    if (!stopped) {
      process.stderr.write(`server ignored SIGTERM for ${STOP_TIMEOUT_SECONDS} s; killing it\n`);
      child.kill('SIGKILL');
      await exited;
    }
  });

  const deadline = Date.now() + STARTUP_TIMEOUT_SECONDS * 1000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the server exited during start (${child.exitCode ?? child.signalCode}):\n${stderr}${logLines.join('\n')}`,
      );
    }
    try {
      const response = await fetch(`${url}/health`, {
        signal: AbortSignal.timeout(HEALTH_REQUEST_TIMEOUT_MS),
      });
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(
        `GET /health did not answer 200 within ${STARTUP_TIMEOUT_SECONDS} s:\n${stderr}${logLines.join('\n')}`,
      );
    }
    await sleep(HEALTH_POLL_INTERVAL_MS);
  }
  const build = existsSync(new URL('../../dist/cli/voxgate.js', import.meta.url)) ? 'dist' : 'sources';
  return { url, adminKey, pinnedCpus, build, logLines: () => logLines };
}
