/**
 * `voxgate serve` as a child process for end-to-end tests: a fresh database and data directory, the
 * env to serve them, start and health waits, the operator key from the first start's banner.
 * Nothing here waits on a clock for an assertion; waits are bounded polls or process events.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from './database.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OPERATOR_KEY_LINE = /^ {4}([0-9a-f]{100})$/m;
export const STOPPING_LOG = /"msg":"stopping: finishing in-flight requests and calls"/;
/** Guards every test against a hang; a test that needs it has failed. */
export const TEST_OPTIONS = { timeout: 90_000 };

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface Voxgate {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly port: number;
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in the stream; rejects if the process exits first. */
  waitForOutput(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpExecArray>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A fresh database and data directory for one test, the env to serve them, and a `spawn` that
 * starts `voxgate serve` children. Children are killed before the database is dropped.
 */
export async function harness(t: TestContext, extra: Record<string, string> = {}) {
  const db = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voxgate-process-'));
  const children: Voxgate[] = [];
  t.after(async () => {
    for (const child of children) {
      if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
      await child.exited;
    }
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '',
    // Run the TypeScript sources even when a build exists in dist/.
    VOXGATE_TEST_FROM_SOURCE: '1',
    VOXGATE_DATA_DIR: dataDir,
    VOXGATE_DATABASE_URL: db.url,
    VOXGATE_HTTP_PORT: String(await freePort()),
    VOXGATE_SIP_PORT: String(await freePort()),
    VOXGATE_LOG_LEVEL: 'info',
    ...extra,
  };
  return {
    env,
    spawn(overrides: Record<string, string> = {}): Voxgate {
      const voxgate = spawnVoxgate({ ...env, ...overrides });
      children.push(voxgate);
      return voxgate;
    },
  };
}

export function spawnVoxgate(env: NodeJS.ProcessEnv): Voxgate {
  const child = spawn(process.execPath, ['bin/voxgate.js', 'serve'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const text = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (text.stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (text.stderr += chunk));
  const exited = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const port = Number(env['VOXGATE_HTTP_PORT']);
  return {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    exited,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    waitForOutput(stream, pattern) {
      return new Promise((resolve, reject) => {
        const source = child[stream];
        const check = (): boolean => {
          const match = pattern.exec(text[stream]);
          if (match === null) return false;
          source?.off('data', onData);
          resolve(match);
          return true;
        };
        const onData = (): void => void check();
        if (check()) return;
        source?.on('data', onData);
        void exited.then((exit) => {
          if (!check()) {
            reject(new Error(`voxgate exited (${JSON.stringify(exit)}) before ${pattern}:\n${text.stderr}`));
          }
        });
      });
    },
  };
}

/** Waits until GET /health answers 200, within a bounded number of tries. */
export async function waitUntilHealthy(voxgate: Voxgate): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (voxgate.child.exitCode !== null || voxgate.child.signalCode !== null) break;
    try {
      const response = await fetch(`${voxgate.baseUrl}/health`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`voxgate did not become healthy:\n${voxgate.stderr()}\n${voxgate.stdout()}`);
}

/** Starts `voxgate serve` and waits until it answers and has printed its start banner. */
export async function startVoxgate(
  h: Awaited<ReturnType<typeof harness>>,
  overrides: Record<string, string> = {},
): Promise<Voxgate> {
  const voxgate = h.spawn(overrides);
  await waitUntilHealthy(voxgate);
  // stdout and stderr are separate pipes, read in no set order: wait for both the start log line
  // and the banner (with the operator key on a first start), which ends with the docs line.
  await voxgate.waitForOutput('stdout', /"msg":"voxgate started"/);
  await voxgate.waitForOutput('stderr', /API docs: /);
  return voxgate;
}

export async function operatorKeyOf(voxgate: Voxgate): Promise<string> {
  const match = await voxgate.waitForOutput('stderr', OPERATOR_KEY_LINE);
  return match[1] ?? '';
}

/** Creates an account through the operator API and returns its first API key. */
export async function createTenantKey(voxgate: Voxgate, operatorKey: string): Promise<string> {
  const response = await fetch(`${voxgate.baseUrl}/admin/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Acme' }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const body = (await response.json()) as { key: { key: string } };
  return body.key.key;
}
