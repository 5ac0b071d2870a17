/**
 * A peer process (SIPp, baresip) started for a test and never left behind: its output is kept
 * (the last 256 KB of each stream), and a hard timer kills it if it outlives its time.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface SupervisedExit {
  /** `null` when killed by a signal or never started. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when our hard timer (or `kill()`) ended it. */
  readonly killedByHarness: boolean;
  readonly stdout: string;
  /** With a spawn failure (missing binary) appended. */
  readonly stderr: string;
}

export interface SupervisedProcess {
  readonly child: ChildProcess;
  /** Settles when the process has exited and its streams closed; never rejects. */
  readonly done: Promise<SupervisedExit>;
  readonly hasExited: () => boolean;
  /** SIGKILL, recorded as killed by the harness; a plain function, safe to hand to a timer. */
  readonly kill: () => void;
}

export interface SuperviseOptions {
  readonly cwd: string;
  /** SIGKILL after this long, whatever the process is doing. */
  readonly hardKillMs: number;
}

const MAX_CAPTURED_CHARS = 256 * 1024;

function appendCapped(previous: string, chunk: Buffer): string {
  const next = previous + chunk.toString('utf8');
  return next.length > MAX_CAPTURED_CHARS ? next.slice(-MAX_CAPTURED_CHARS) : next;
}

/** Spawns the command with stdin closed and stdout/stderr captured. */
export function superviseProcess(
  command: string,
  args: readonly string[],
  options: SuperviseOptions,
): SupervisedProcess {
  const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let exited = false;
  let killedByHarness = false;
  child.stdout?.on('data', (chunk: Buffer) => (stdout = appendCapped(stdout, chunk)));
  child.stderr?.on('data', (chunk: Buffer) => (stderr = appendCapped(stderr, chunk)));
  const kill = () => {
    if (exited) return;
    killedByHarness = true;
    child.kill('SIGKILL');
  };
  const hardKill = setTimeout(kill, options.hardKillMs);
  const done = new Promise<SupervisedExit>((resolve) => {
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      exited = true;
      clearTimeout(hardKill);
      resolve({ exitCode, signal, killedByHarness, stdout, stderr });
    };
    child.once('close', finish);
    child.once('error', (error) => {
      stderr += `\n${error.message}`;
      // A missing binary never spawns, so no 'close' follows.
      if (child.pid === undefined) finish(null, null);
    });
  });
  return { child, done, hasExited: () => exited, kill };
}
