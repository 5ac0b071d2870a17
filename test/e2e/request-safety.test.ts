/** Bad requests: mass assignment, validation, oversized bodies, rate limits and bugs. */
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { bearer, buildTestApp, createAccount, createSubaccount } from '../helpers/app.js';

interface OwnError {
  error: {
    code: string;
    message: string;
    request_id: string;
    issues?: { field: string; rule: string; limit?: unknown }[];
  };
}

test('a body that sets account_id, id, parent_id or a limit is refused with 400 naming the field, and nothing changes', async (t) => {
  const testApp = await buildTestApp(t);
  const a = await createAccount(testApp, 'A');
  const a1 = await createSubaccount(testApp, a, 'A1');
  const attempts: {
    method: 'POST' | 'PATCH';
    url: string;
    payload: object;
    field: string;
    headers: Record<string, string>;
  }[] = [
    {
      method: 'POST',
      url: '/voxgate/v1/subaccounts',
      payload: { name: 'x', account_id: 99 },
      field: 'body.account_id',
      headers: bearer(a.key),
    },
    {
      method: 'POST',
      url: '/voxgate/v1/subaccounts',
      payload: { name: 'x', id: 5 },
      field: 'body.id',
      headers: bearer(a.key),
    },
    {
      method: 'POST',
      url: '/voxgate/v1/subaccounts',
      payload: { name: 'x', max_subaccounts: 9999 },
      field: 'body.max_subaccounts',
      headers: bearer(a.key),
    },
    {
      method: 'PATCH',
      url: `/voxgate/v1/subaccounts/${a1.accountId}`,
      payload: { name: 'x', parent_id: null },
      field: 'body.parent_id',
      headers: bearer(a.key),
    },
    {
      method: 'PATCH',
      url: `/voxgate/v1/subaccounts/${a1.accountId}`,
      payload: { max_subaccounts: 1 },
      field: 'body.max_subaccounts',
      headers: bearer(a.key),
    },
    {
      method: 'POST',
      url: '/voxgate/v1/keys',
      payload: { name: 'k', account_id: a1.accountId },
      field: 'body.account_id',
      headers: bearer(a.key),
    },
    {
      method: 'POST',
      url: '/voxgate/v1/users',
      payload: { login: 'eve', password: 'password123', account_id: 1 },
      field: 'body.account_id',
      headers: bearer(a.key),
    },
    {
      method: 'POST',
      url: '/admin/accounts',
      payload: { name: 'x', max_subaccounts: 1000 },
      field: 'body.max_subaccounts',
      headers: bearer(testApp.operatorKey),
    },
  ];
  const before = await testApp.app.inject({
    method: 'GET',
    url: '/admin/accounts',
    headers: bearer(testApp.operatorKey),
  });
  const keysBefore = await testApp.app.inject({
    method: 'GET',
    url: '/voxgate/v1/keys',
    headers: bearer(a.key),
  });
  for (const attempt of attempts) {
    const response = await testApp.app.inject(attempt);
    assert.equal(response.statusCode, 400, `${attempt.method} ${attempt.url}`);
    const issues = response.json<OwnError>().error.issues ?? [];
    assert.ok(
      issues.some((i) => i.field === attempt.field && i.rule === 'additionalProperties'),
      `${attempt.url}: ${response.body}`,
    );
  }
  const after = await testApp.app.inject({
    method: 'GET',
    url: '/admin/accounts',
    headers: bearer(testApp.operatorKey),
  });
  assert.equal(after.body, before.body);
  const keysAfter = await testApp.app.inject({
    method: 'GET',
    url: '/voxgate/v1/keys',
    headers: bearer(a.key),
  });
  assert.equal(keysAfter.body, keysBefore.body);
});

test('own dialect: missing field, wrong type, too long and unknown enum each name the field and the rule', async (t) => {
  const testApp = await buildTestApp(t);
  const a = await createAccount(testApp, 'A');
  const a1 = await createSubaccount(testApp, a, 'A1');
  const cases = [
    {
      url: '/voxgate/v1/subaccounts',
      method: 'POST' as const,
      payload: {},
      field: 'body.name',
      rule: 'required',
    },
    {
      url: '/voxgate/v1/subaccounts',
      method: 'POST' as const,
      payload: { name: 42 },
      field: 'body.name',
      rule: 'type',
    },
    {
      url: '/voxgate/v1/subaccounts',
      method: 'POST' as const,
      payload: { name: 'x'.repeat(65) },
      field: 'body.name',
      rule: 'maxLength',
      limit: 64,
    },
    {
      url: `/voxgate/v1/subaccounts/${a1.accountId}`,
      method: 'PATCH' as const,
      payload: { status: 'sleeping' },
      field: 'body.status',
      rule: 'enum',
    },
    {
      url: '/voxgate/v1/subaccounts?limit=100000',
      method: 'GET' as const,
      field: 'query.limit',
      rule: 'maximum',
      limit: 500,
    },
  ];
  for (const c of cases) {
    const response = await testApp.app.inject({
      method: c.method,
      url: c.url,
      headers: bearer(a.key),
      ...(c.payload === undefined ? {} : { payload: c.payload }),
    });
    assert.equal(response.statusCode, 400, c.rule);
    const body = response.json<OwnError>();
    assert.equal(body.error.code, 'VG_ERR_REQUEST_INVALID');
    const issue = body.error.issues?.find((i) => i.field === c.field && i.rule === c.rule);
    assert.ok(issue, `${c.rule}: ${response.body}`);
    if (c.limit !== undefined) assert.equal(issue.limit, c.limit);
    assert.match(body.error.message, new RegExp(c.field.replace('.', '\\.')));
  }
});

test('contacts dialect (/v1): validation names the field and the rule in its own shape', async (t) => {
  const testApp = await buildTestApp(t);
  const cases = [
    { payload: { password: 'x' }, field: 'email', rule: 'required' },
    { payload: { email: 7, password: 'x' }, field: 'email', rule: 'type' },
    { payload: { email: `${'a'.repeat(250)}@x.io`, password: 'x' }, field: 'email', rule: 'maxLength' },
    {
      payload: { email: 'a@b.c', password: 'x', role: 'admin' },
      field: 'role',
      rule: 'additionalProperties',
    },
  ];
  for (const c of cases) {
    const response = await testApp.app.inject({ method: 'POST', url: '/v1/auth', payload: c.payload });
    assert.equal(response.statusCode, 400);
    const body = response.json<{
      status: number;
      error: string;
      errors: { field: string; rule: string }[];
    }>();
    assert.equal(body.status, 400);
    assert.equal(body.error, 'BAD_REQUEST');
    assert.ok(
      body.errors.some((e) => e.field === c.field && e.rule === c.rule),
      response.body,
    );
  }
});

test('voice-platform dialect: bad params answer -32602 naming params[i] and the rule', async (t) => {
  const testApp = await buildTestApp(t);
  const a = await createAccount(testApp, 'A');
  const call = (params: unknown) =>
    testApp.app.inject({
      method: 'POST',
      url: '/json-rpc/v1.1/',
      headers: { authorization: `Api-Key ${a.key}`, 'content-type': 'application/json' },
      payload: { jsonrpc: '2.0', id: 'x', method: 'api-key.create', params },
    });
  const cases = [
    { params: [], property: 'params[0]', rule: 'type' },
    { params: [12], property: 'params[0]', rule: 'type' },
    { params: ['k'.repeat(65)], property: 'params[0]', rule: 'maxLength' },
    { params: ['a', 'b'], property: 'params', rule: 'maxItems' },
  ];
  for (const c of cases) {
    const response = await call(c.params);
    assert.equal(response.statusCode, 200);
    const body = response.json<{
      id: string;
      error: { code: number; data: { type: string; property: string; details: string } };
    }>();
    assert.equal(body.id, 'x');
    assert.equal(body.error.code, -32602);
    assert.equal(body.error.data.type, 'INVALID_PARAMS');
    assert.equal(body.error.data.property, c.property, JSON.stringify(body));
    assert.match(body.error.data.details, new RegExp(c.rule));
  }
  const notJson = await testApp.app.inject({
    method: 'POST',
    url: '/json-rpc/v1.1/',
    headers: { authorization: `Api-Key ${a.key}`, 'content-type': 'application/json-rpc' },
    payload: '{"jsonrpc":',
  });
  assert.equal(notJson.statusCode, 200);
  assert.equal(notJson.json<{ error: { code: number } }>().error.code, -32700);
  const unknown = await testApp.app.inject({
    method: 'POST',
    url: '/json-rpc/v1.1/',
    headers: { authorization: `Api-Key ${a.key}`, 'content-type': 'application/json' },
    payload: { jsonrpc: '2.0', id: 1, method: 'conference/10.create', params: [] },
  });
  assert.equal(unknown.json<{ error: { code: number } }>().error.code, -32601);
});

test('a 10 MB body gets 413 before it is read', async (t) => {
  const testApp = await buildTestApp(t);
  const a = await createAccount(testApp, 'A');
  const address = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = new URL(address);
  // Only the headers and a few bytes are sent: the answer must come without the rest of the body.
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) }, () => {
      socket.write(
        `POST /voxgate/v1/keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${a.key}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n{"name":"`,
      );
    });
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString();
      if (data.includes('\r\n\r\n') && data.includes('}')) {
        socket.destroy();
        resolve(data);
      }
    });
    socket.on('error', reject);
    socket.setTimeout(5000, () => reject(new Error('no answer to an oversized body')));
  });
  assert.match(answer, /^HTTP\/1\.1 413 /);
  assert.match(answer, /VG_ERR_REQUEST_TOO_LARGE/);

  const contacts = await testApp.app.inject({
    method: 'POST',
    url: '/v1/auth',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email: 'x'.repeat(10 * 1024 * 1024), password: 'x' }),
  });
  assert.equal(contacts.statusCode, 413);
  assert.equal(contacts.json<{ error: string }>().error, 'PAYLOAD_TOO_LARGE');
});

test('the (limit+1)th request of a key in the window gets 429 with Retry-After; another key is unaffected', async (t) => {
  const testApp = await buildTestApp(t, { rateLimitPerMinute: 3 });
  const a = await createAccount(testApp, 'A');
  const b = await createAccount(testApp, 'B');
  const get = (key: string, url = '/voxgate/v1/account') =>
    testApp.app.inject({ method: 'GET', url, headers: bearer(key) });
  for (let i = 0; i < 3; i += 1) assert.equal((await get(a.key)).statusCode, 200);
  const limited = await get(a.key);
  assert.equal(limited.statusCode, 429);
  const retryAfter = Number(limited.headers['retry-after']);
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${String(limited.headers['retry-after'])}`);
  assert.equal(limited.json<OwnError>().error.code, 'VG_ERR_RATE_LIMITED');
  // Same key, another dialect: still limited, in that dialect's shape.
  const rpc = await testApp.app.inject({
    method: 'POST',
    url: '/json-rpc/v1.1/',
    headers: { authorization: `Api-Key ${a.key}`, 'content-type': 'application/json' },
    payload: { jsonrpc: '2.0', id: 1, method: 'system.get_timestamp' },
  });
  assert.equal(rpc.statusCode, 429);
  assert.equal(rpc.json<{ error: { code: number; data: { retry_after: number } } }>().error.code, -32029);
  assert.equal((await get(b.key)).statusCode, 200);
});

test('a 5xx is logged with a request id and shows no internals', async (t) => {
  const logLines: string[] = [];
  const testApp = await buildTestApp(t, { logLines });
  const a = await createAccount(testApp, 'A');
  await testApp.database.close();
  const response = await testApp.app.inject({
    method: 'GET',
    url: '/voxgate/v1/account',
    headers: { ...bearer(a.key), 'x-request-id': 'trace-123' },
  });
  assert.equal(response.statusCode, 500);
  assert.equal(response.headers['x-request-id'], 'trace-123');
  const body = response.json<OwnError>();
  assert.deepEqual(body, {
    error: { code: 'VG_ERR_INTERNAL', message: 'internal error', request_id: 'trace-123' },
  });
  const logged = logLines.map(
    (line) => JSON.parse(line) as { level: number; reqId?: string; err?: { stack?: string } },
  );
  const failure = logged.find((line) => line.level === 50 && line.reqId === 'trace-123');
  assert.ok(failure?.err?.stack, 'the failure is logged with its stack and request id');
  const ready = await testApp.app.inject({ method: 'GET', url: '/ready' });
  assert.equal(ready.statusCode, 503);
});
