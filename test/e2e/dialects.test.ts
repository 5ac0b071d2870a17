/** Each dialect of API.md is its own plugin: its auth, its 404 and its error body. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bearer, buildTestApp, createAccount } from '../helpers/app.js';

interface DialectCase {
  readonly name: string;
  readonly unknownUrl: string;
  readonly method: 'GET' | 'POST';
  /** Checks the body is this dialect's error shape for the status. */
  readonly isShaped: (body: unknown, status: number) => boolean;
}

const own = (body: unknown, status: number) => {
  const error = (body as { error?: { code?: string } }).error;
  return (
    typeof error?.code === 'string' &&
    (status === 404 ? error.code === 'VG_ERR_ROUTE_NOT_FOUND' : error.code === 'VG_ERR_AUTH_REQUIRED')
  );
};

const DIALECTS: readonly DialectCase[] = [
  {
    name: 'receptionists (/api)',
    unknownUrl: '/api/ivrs-nope',
    method: 'GET',
    isShaped: (body, status) =>
      (body as { code?: string }).code === (status === 404 ? 'NOT_FOUND' : 'UNAUTHORIZED'),
  },
  {
    name: 'scenarios (/voice/ivr/1)',
    unknownUrl: '/voice/ivr/1/nope',
    method: 'GET',
    isShaped: (body, status) =>
      (body as { requestError?: { serviceException?: { messageId?: string } } }).requestError
        ?.serviceException?.messageId === (status === 404 ? 'NOT_FOUND' : 'UNAUTHORIZED'),
  },
  {
    name: 'custom IVRs (/api/v2)',
    unknownUrl: '/api/v2/nope',
    method: 'GET',
    isShaped: (body, status) => (body as { error?: { code?: number } }).error?.code === status,
  },
  {
    name: 'voice platform (/json-rpc)',
    unknownUrl: '/json-rpc/v2.0/',
    method: 'POST',
    isShaped: (body, status) =>
      (body as { jsonrpc?: string; error?: { code?: number } }).jsonrpc === '2.0' &&
      (body as { error: { code: number } }).error.code === (status === 404 ? -32601 : -32001),
  },
  {
    name: 'contacts and campaigns (/v1)',
    unknownUrl: '/v1/nope',
    method: 'GET',
    isShaped: (body, status) => (body as { status?: number }).status === status,
  },
  { name: 'own (/voxgate/v1)', unknownUrl: '/voxgate/v1/nope', method: 'GET', isShaped: own },
];

test('every dialect answers 401 in its own shape without credentials, and 404 in its own shape with them', async (t) => {
  const testApp = await buildTestApp(t);
  const a = await createAccount(testApp, 'A');
  for (const dialect of DIALECTS) {
    const anonymous = await testApp.app.inject({
      method: dialect.method,
      url: dialect.unknownUrl,
      ...(dialect.method === 'POST' ? { payload: {} } : {}),
    });
    assert.equal(anonymous.statusCode, 401, dialect.name);
    assert.ok(dialect.isShaped(anonymous.json(), 401), `${dialect.name}: ${anonymous.body}`);
    const known = await testApp.app.inject({
      method: dialect.method,
      url: dialect.unknownUrl,
      headers: bearer(a.key),
      ...(dialect.method === 'POST' ? { payload: {} } : {}),
    });
    assert.equal(known.statusCode, 404, dialect.name);
    assert.ok(dialect.isShaped(known.json(), 404), `${dialect.name}: ${known.body}`);
  }
});

test('the dialects do not share their error shapes', async (t) => {
  const testApp = await buildTestApp(t);
  const bodies: unknown[] = await Promise.all(
    DIALECTS.map(async (d) =>
      (
        await testApp.app.inject({
          method: d.method,
          url: d.unknownUrl,
          ...(d.method === 'POST' ? { payload: {} } : {}),
        })
      ).json(),
    ),
  );
  for (const [i, dialect] of DIALECTS.entries()) {
    for (const [j, other] of DIALECTS.entries()) {
      if (i !== j) assert.ok(!other.isShaped(bodies[i], 401), `${dialect.name} answers like ${other.name}`);
    }
  }
});

test('JSON-RPC: other verbs get 405 with Allow: POST; unsupported content types 415; notifications 204', async (t) => {
  const testApp = await buildTestApp(t);
  const a = await createAccount(testApp, 'A');
  const get = await testApp.app.inject({ method: 'GET', url: '/json-rpc/v1.1/', headers: bearer(a.key) });
  assert.equal(get.statusCode, 405);
  assert.equal(get.headers['allow'], 'POST');
  const xml = await testApp.app.inject({
    method: 'POST',
    url: '/json-rpc/v1.1/',
    headers: { ...bearer(a.key), 'content-type': 'text/xml' },
    payload: '<x/>',
  });
  assert.equal(xml.statusCode, 415);
  const notification = await testApp.app.inject({
    method: 'POST',
    url: '/json-rpc/v1.1/',
    headers: { ...bearer(a.key), 'content-type': 'application/json' },
    payload: { jsonrpc: '2.0', method: 'system.get_timestamp' },
  });
  assert.equal(notification.statusCode, 204);
  assert.equal(notification.body, '');
});

test('JSON-RPC: a batch answers in order, and 1.1 envelopes are mirrored', async (t) => {
  const testApp = await buildTestApp(t);
  const a = await createAccount(testApp, 'A');
  const batch = await testApp.app.inject({
    method: 'POST',
    url: '/json-rpc/v1.1/',
    headers: { authorization: `Api-Key ${a.key}`, 'content-type': 'application/json' },
    payload: [
      { jsonrpc: '2.0', id: 1, method: 'system.get_timestamp' },
      { jsonrpc: '2.0', id: 2, method: 'nope.nope' },
      { version: '1.1', id: 3, method: 'api-key.all', params: [] },
    ],
  });
  assert.equal(batch.statusCode, 200);
  const replies = batch.json<Record<string, unknown>[]>();
  assert.deepEqual(
    replies.map((r) => r['id']),
    [1, 2, 3],
  );
  assert.equal(typeof replies[0]?.['result'], 'number');
  assert.equal((replies[1]?.['error'] as { code: number }).code, -32601);
  assert.equal(replies[2]?.['version'], '1.1');
  assert.equal(replies[2]?.['error'], null);
  assert.equal((replies[2]?.['result'] as unknown[]).length, 1);
  const empty = await testApp.app.inject({
    method: 'POST',
    url: '/json-rpc/v1.1/',
    headers: { authorization: `Api-Key ${a.key}`, 'content-type': 'application/json' },
    payload: [],
  });
  assert.equal(empty.json<{ error: { code: number } }>().error.code, -32600);
});
