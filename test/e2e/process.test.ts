/**
 * The real process: `node bin/voxgate.js serve` started as a child, driven over HTTP and signals.
 * Nothing here waits on a clock for its assertions; waits are bounded polls or process events.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_ENGINE } from '../helpers/database.js';
import {
  createTenantKey,
  freePort,
  harness,
  operatorKeyOf,
  startVoxgate,
  STOPPING_LOG,
  TEST_OPTIONS,
  type Voxgate,
} from '../helpers/voxgate-process.js';

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
