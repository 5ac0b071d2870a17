/**
 * The real process: `node bin/voxgate.js serve` started as a child, driven over HTTP and signals.
 * Nothing here waits on a clock for its assertions; waits are bounded polls or process events.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, TEST_ENGINE } from '../helpers/database.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OPERATOR_KEY_LINE = /^ {4}([0-9a-f]{100})$/m;
const STOPPING_LOG = /"msg":"stopping: finishing in-flight requests and calls"/;
/** Guards every test against a hang; a test that needs it has failed. */
const TEST_OPTIONS = { timeout: 90_000 };

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Voxgate {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly port: number;
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in the stream; rejects if the process exits first. */
  waitForOutput(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpExecArray>;
}

async function freePort(): Promise<number> {
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
async function harness(t: TestContext, extra: Record<string, string> = {}) {
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

function spawnVoxgate(env: NodeJS.ProcessEnv): Voxgate {
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
async function waitUntilHealthy(voxgate: Voxgate): Promise<void> {
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
async function startVoxgate(
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

async function operatorKeyOf(voxgate: Voxgate): Promise<string> {
  const match = await voxgate.waitForOutput('stderr', OPERATOR_KEY_LINE);
  return match[1] ?? '';
}

/** Creates an account through the operator API and returns its first API key. */
async function createTenantKey(voxgate: Voxgate, operatorKey: string): Promise<string> {
  const response = await fetch(`${voxgate.baseUrl}/admin/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Acme' }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const body = (await response.json()) as { key: { key: string } };
  return body.key.key;
}

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * A request whose body is still uploading: headers and part of the body are sent, the rest waits
 * for `finish()`. `Expect: 100-continue` makes the server confirm it has taken the request in
 * (Node answers 100 just before it hands the request to the app), so the request is in flight.
 */
async function openSlowUpload(voxgate: Voxgate, key: string, body: string) {
  const socket = net.connect({ host: '127.0.0.1', port: voxgate.port });
  let received = Buffer.alloc(0);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(
    [
      'POST /voxgate/v1/keys HTTP/1.1',
      `Host: 127.0.0.1:${voxgate.port}`,
      `Authorization: Bearer ${key}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Expect: 100-continue',
      '',
      '',
    ].join('\r\n'),
  );
  for (let attempt = 0; !received.toString('latin1').startsWith('HTTP/1.1 100 '); attempt += 1) {
    assert.ok(attempt < 200 && !socket.closed, `no 100 Continue: ${received.toString('latin1')}`);
    await sleep(25);
  }
  received = received.subarray(received.indexOf('\r\n\r\n') + 4);
  const half = Math.floor(body.length / 2);
  socket.write(body.slice(0, half));

  /** The final response, once complete; rejects when the socket closes without one. */
  const response = (async (): Promise<RawResponse> => {
    for (;;) {
      const headerEnd = received.indexOf('\r\n\r\n');
      if (headerEnd !== -1) {
        const [statusLine = '', ...headerLines] = received
          .subarray(0, headerEnd)
          .toString('latin1')
          .split('\r\n');
        const headers = Object.fromEntries(
          headerLines.map((line) => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
          }),
        );
        const length = Number(headers['content-length'] ?? 0);
        const bodyBytes = received.subarray(headerEnd + 4);
        if (bodyBytes.length >= length) {
          return {
            status: Number(statusLine.split(' ')[1]),
            headers,
            body: bodyBytes.subarray(0, length).toString('utf8'),
          };
        }
      }
      if (socket.closed)
        throw new Error(`connection closed without a response: ${received.toString('latin1')}`);
      await Promise.race([new Promise((resolve) => socket.once('data', resolve)), closed]);
    }
  })();
  response.catch(() => undefined);
  return {
    socket,
    closed,
    response,
    finish(): void {
      socket.write(body.slice(half));
    },
  };
}

/** A request on a new connection: its status, or 'refused' when no connection could be made or kept. */
function requestOnNewConnection(voxgate: Voxgate, urlPath: string): Promise<number | 'refused'> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: '127.0.0.1', port: voxgate.port, path: urlPath, agent: false },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    request.on('error', () => resolve('refused'));
  });
}

test(
  'a first start prints the operator key once on stderr, serves /docs and OpenAPI 3.1, and a restart prints no key',
  TEST_OPTIONS,
  async (t) => {
    // Arrange: no VOXGATE_ADMIN_KEY, an empty database
    const h = await harness(t);

    // Act: first start
    const first = await startVoxgate(h);
    const key = await operatorKeyOf(first);

    // Assert: the key is printed once, on stderr only, and it is the operator's
    assert.match(key, /^[0-9a-f]{100}$/);
    assert.equal(first.stderr().match(/[0-9a-f]{100}/g)?.length, 1, 'the key is printed once');
    assert.ok(!first.stdout().includes(key), 'the key never reaches the log on stdout');
    assert.match(
      first.stdout(),
      new RegExp(`"database":"${TEST_ENGINE}"`),
      'it runs on the engine under test',
    );
    const docs = await fetch(`${first.baseUrl}/docs/`);
    assert.equal(docs.status, 200);
    assert.match(await docs.text(), /swagger/i);
    const spec = await fetch(`${first.baseUrl}/openapi.json`);
    assert.equal(spec.status, 200);
    assert.equal(((await spec.json()) as { openapi?: unknown }).openapi, '3.1.0');
    const anonymous = await fetch(`${first.baseUrl}/admin/accounts`);
    await anonymous.arrayBuffer();
    assert.equal(anonymous.status, 401, '/admin needs the operator key');
    const listed = await fetch(`${first.baseUrl}/admin/accounts`, {
      headers: { authorization: `Bearer ${key}` },
    });
    await listed.arrayBuffer();
    assert.equal(listed.status, 200);

    // Act: stop, then start again on the same data directory and database
    first.child.kill('SIGTERM');
    assert.deepEqual(await first.exited, { code: 0, signal: null });
    // A new HTTP port keeps the client's pooled connections to the first process out of the way.
    const second = await startVoxgate(h, { VOXGATE_HTTP_PORT: String(await freePort()) });

    // Assert: no key this time, and the first one still works
    assert.doesNotMatch(second.stderr(), /[0-9a-f]{100}/);
    assert.match(second.stderr(), /Voxgate is up/);
    const again = await fetch(`${second.baseUrl}/admin/accounts`, {
      headers: { authorization: `Bearer ${key}` },
    });
    await again.arrayBuffer();
    assert.equal(again.status, 200);
  },
);

test(
  'on SIGTERM a request in flight completes, new connections are refused or answered 503, and the exit code is 0',
  TEST_OPTIONS,
  async (t) => {
    // Arrange: a tenant key, and a key-creation request whose body is half uploaded
    const h = await harness(t);
    const voxgate = await startVoxgate(h);
    const tenantKey = await createTenantKey(voxgate, await operatorKeyOf(voxgate));
    const upload = await openSlowUpload(voxgate, tenantKey, JSON.stringify({ name: 'in-flight' }));
    t.after(() => upload.socket.destroy());

    // Act: SIGTERM while the upload is in flight
    voxgate.child.kill('SIGTERM');
    await voxgate.waitForOutput('stdout', STOPPING_LOG);

    // Assert: the server takes no new work
    const fresh = await requestOnNewConnection(voxgate, '/health');
    assert.ok(fresh === 'refused' || fresh === 503, `a new connection after SIGTERM got ${fresh}`);

    // Act: the rest of the body arrives a little later
    await sleep(300);
    upload.finish();
    const response = await upload.response;
    upload.socket.end();

    // Assert: the in-flight request completed, then the process stopped cleanly
    assert.equal(response.status, 201, response.body);
    assert.match((JSON.parse(response.body) as { key: string }).key, /^[0-9a-f]{100}$/);
    assert.deepEqual(await voxgate.exited, { code: 0, signal: null });
    assert.match(voxgate.stdout(), /"msg":"stopped"/);
  },
);

test(
  'on SIGTERM the connection of an in-flight request is closed after its response, so a keep-alive client does not hold up the exit',
  TEST_OPTIONS,
  async (t) => {
    // Arrange: a short shutdown deadline, so a held-up stop shows as exit code 1 quickly
    const h = await harness(t, { VOXGATE_SHUTDOWN_TIMEOUT_SECONDS: '10' });
    const voxgate = await startVoxgate(h);
    const tenantKey = await createTenantKey(voxgate, await operatorKeyOf(voxgate));
    const upload = await openSlowUpload(voxgate, tenantKey, JSON.stringify({ name: 'kept-alive' }));
    t.after(() => upload.socket.destroy());

    // Act: SIGTERM, then the rest of the body; the client keeps its connection open like any HTTP/1.1 client
    voxgate.child.kill('SIGTERM');
    await voxgate.waitForOutput('stdout', STOPPING_LOG);
    await sleep(300);
    upload.finish();
    const response = await upload.response;

    // Assert
    assert.equal(response.status, 201, response.body);
    await upload.closed;
    assert.deepEqual(await voxgate.exited, { code: 0, signal: null }, voxgate.stdout().slice(-600));
  },
);

test('a second signal while stopping exits at once with a non-zero code', TEST_OPTIONS, async (t) => {
  // Arrange: a request in flight that will never finish, and a shutdown deadline far away
  const h = await harness(t, { VOXGATE_SHUTDOWN_TIMEOUT_SECONDS: '3600' });
  const voxgate = await startVoxgate(h);
  const tenantKey = await createTenantKey(voxgate, await operatorKeyOf(voxgate));
  const upload = await openSlowUpload(voxgate, tenantKey, JSON.stringify({ name: 'never-finished' }));
  t.after(() => upload.socket.destroy());

  // Act: SIGINT starts the graceful stop, a second SIGINT cuts it short
  voxgate.child.kill('SIGINT');
  await voxgate.waitForOutput('stdout', STOPPING_LOG);
  voxgate.child.kill('SIGINT');
  const exit = await voxgate.exited;

  // Assert: the process exited by itself (not killed by the signal), with a failure code
  assert.equal(exit.signal, null);
  assert.notEqual(exit.code, 0);
  assert.notEqual(exit.code, null);
  assert.match(voxgate.stdout(), /"msg":"second signal, exiting at once"/);
  await assert.rejects(upload.response, /closed without a response/);
});

test(
  'an invalid VOXGATE_HTTP_PORT stops the start with a non-zero exit naming the variable',
  TEST_OPTIONS,
  async (t) => {
    // Arrange
    const h = await harness(t);

    // Act
    const voxgate = h.spawn({ VOXGATE_HTTP_PORT: 'abc' });
    const exit = await voxgate.exited;

    // Assert
    assert.notEqual(exit.code, 0);
    assert.notEqual(exit.code, null);
    assert.match(voxgate.stderr(), /invalid configuration: VOXGATE_HTTP_PORT: /);
  },
);

test(
  'an invalid VOXGATE_DATABASE_URL stops the start with a non-zero exit naming the variable',
  TEST_OPTIONS,
  async (t) => {
    // Arrange
    const h = await harness(t);

    // Act
    const voxgate = h.spawn({ VOXGATE_DATABASE_URL: 'mysql://x' });
    const exit = await voxgate.exited;

    // Assert
    assert.notEqual(exit.code, 0);
    assert.notEqual(exit.code, null);
    assert.match(voxgate.stderr(), /invalid configuration: VOXGATE_DATABASE_URL: /);
  },
);
