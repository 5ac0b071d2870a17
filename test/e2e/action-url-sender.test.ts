/**
 * The action URL sender against real HTTP servers on loopback: the call facts in the query (GET) or a
 * JSON body (POST), the object's headers, BASIC and BEARER headers, DIGEST (RFC 7616, MD5 and SHA-256)
 * answering a server that challenges and checks the answer with code of its own, timeouts, redirects,
 * and targets the outbound guard refuses before connecting.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test, type TestContext } from 'node:test';
import {
  createActionUrlSender,
  type ActionUrlSender,
} from '../../src/core/receptionists/action-url-sender.js';
import { encodeSeedId } from '../../src/core/receptionists/seed-id.js';
import type { ActionUrl } from '../../src/core/receptionists/types.js';
import { digestServer, serve, type Received } from '../helpers/http-test-server.js';
import { LOOPBACK_ALLOWED } from '../helpers/outbound.js';

function sender(t: TestContext, allowLoopback = true): ActionUrlSender {
  const created = createActionUrlSender(allowLoopback ? { policy: LOOPBACK_ALLOWED } : {});
  t.after(() => created.close());
  return created;
}

const RECEPTIONIST_ID = '700551909773148160';

function actionUrl(fields: Partial<ActionUrl>): ActionUrl {
  return {
    id: '812345678901234567',
    receptionistId: RECEPTIONIST_ID,
    accountId: 1,
    name: 'CRM',
    enabled: true,
    type: 'DTMF',
    method: 'POST',
    headers: null,
    callerMask: null,
    dtmfMask: null,
    connectionTimeout: 2,
    requestTimeout: 2,
    auth: 'DISABLE',
    username: null,
    password: null,
    token: null,
    url: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

const FACTS = {
  callId: '4242',
  caller: '+33612345678',
  callee: '+33187654321',
  digits: '3500',
  receptionistId: RECEPTIONIST_ID,
  at: Date.parse('2026-03-04T05:06:07.890Z'),
};

const EXPECTED_FACTS = {
  type: 'DTMF',
  action_url_id: encodeSeedId('812345678901234567'),
  receptionist_id: 'NzAwNTUxOTA5NzczMTQ4MTYw',
  call_id: '4242',
  caller: '+33612345678',
  callee: '+33187654321',
  digits: '3500',
  time: '2026-03-04 05:06:07',
};

const ok = (_request: Received, response: ServerResponse): void => {
  response.end('ok');
};

test('POST with BASIC: the facts as a JSON body, the Basic header and the object’s own headers', async (t) => {
  const server = await serve(t, ok);
  const result = await sender(t).send(
    actionUrl({
      url: `${server.url}/hooks/dtmf`,
      auth: 'BASIC',
      username: 'alice01',
      password: 'secret99',
      headers: '{"X-Api-Key": "k1", "X-Tenant": "acme"}',
    }),
    FACTS,
  );
  assert.deepEqual([result.outcome, result.status], ['SUCCESS', 200]);
  const [request] = server.received;
  assert.ok(request !== undefined);
  assert.equal(request.method, 'POST');
  assert.equal(request.url.pathname, '/hooks/dtmf');
  assert.equal(
    request.headers['authorization'],
    `Basic ${Buffer.from('alice01:secret99').toString('base64')}`,
  );
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers['x-api-key'], 'k1');
  assert.equal(request.headers['x-tenant'], 'acme');
  assert.deepEqual(JSON.parse(request.body), EXPECTED_FACTS);
});

test('GET with BEARER: the facts as query parameters after the URL’s own, the Bearer header, no body', async (t) => {
  const server = await serve(t, ok);
  const result = await sender(t).send(
    actionUrl({
      url: `${server.url}/hooks?source=voxgate`,
      method: 'GET',
      auth: 'BEARER',
      token: 'eyJhbGciOi.abc-def_ghi',
      type: 'CALLER',
    }),
    { ...FACTS, digits: null },
  );
  assert.equal(result.outcome, 'SUCCESS');
  const [request] = server.received;
  assert.ok(request !== undefined);
  assert.equal(request.method, 'GET');
  assert.equal(request.headers['authorization'], 'Bearer eyJhbGciOi.abc-def_ghi');
  assert.equal(request.body, '');
  assert.deepEqual(Object.fromEntries(request.url.searchParams), {
    source: 'voxgate',
    ...EXPECTED_FACTS,
    type: 'CALLER',
    digits: '',
  });
});

test('DISABLE sends no Authorization; a non-2xx answer is an HTTP_ERROR with its status', async (t) => {
  const server = await serve(t, (_request, response) => {
    response.statusCode = 503;
    response.end();
  });
  const result = await sender(t).send(actionUrl({ url: server.url }), FACTS);
  assert.deepEqual([result.outcome, result.status], ['HTTP_ERROR', 503]);
  assert.equal(server.received[0]?.headers['authorization'], undefined);
});

/**
 * A Digest server written apart from Voxgate's client: it challenges with the algorithms given, then
 * recomputes the expected response from the password it knows (RFC 7616 section 3.4.1).
 */
for (const algorithm of ['MD5', 'SHA-256'] as const) {
  test(`DIGEST ${algorithm}: answers the server's 401 challenge, and the server accepts the answer`, async (t) => {
    const digest = digestServer('secret99', [algorithm]);
    const server = await serve(t, digest.handler);
    const send = sender(t);
    const url = `${server.url}/hooks/digest?x=1`;
    const result = await send.send(
      actionUrl({ url, auth: 'DIGEST', username: 'alice01', password: 'secret99' }),
      FACTS,
    );
    assert.deepEqual([result.outcome, result.status], ['SUCCESS', 200]);
    assert.deepEqual(digest.verified, [algorithm]);
    assert.equal(server.received.length, 2, 'one challenge, one answer');
    assert.equal(server.received[0]?.headers['authorization'], undefined);
    assert.deepEqual(JSON.parse(server.received[1]?.body ?? ''), EXPECTED_FACTS, 'the body is sent again');

    const wrong = await send.send(
      actionUrl({ url, auth: 'DIGEST', username: 'alice01', password: 'wrongpass' }),
      FACTS,
    );
    assert.deepEqual([wrong.outcome, wrong.status], ['HTTP_ERROR', 401]);
    assert.deepEqual(digest.verified, [algorithm], 'a wrong password is not accepted');
  });
}

test('DIGEST with both challenges offered answers the SHA-256 one; GET answers with the query in uri', async (t) => {
  const digest = digestServer('secret99', ['MD5', 'SHA-256']);
  const server = await serve(t, digest.handler);
  const result = await sender(t).send(
    actionUrl({
      url: `${server.url}/d`,
      method: 'GET',
      auth: 'DIGEST',
      username: 'alice01',
      password: 'secret99',
    }),
    FACTS,
  );
  assert.equal(result.outcome, 'SUCCESS');
  assert.deepEqual(digest.verified, ['SHA-256']);
});

test('a server that does not answer in request_timeout ends as TIMEOUT, in about that time', async (t) => {
  const server = await serve(t, () => {
    // Never answers.
  });
  const started = Date.now();
  const result = await sender(t).send(actionUrl({ url: server.url, requestTimeout: 1 }), FACTS);
  const took = Date.now() - started;
  assert.equal(result.outcome, 'TIMEOUT');
  assert.ok(took >= 900 && took < 2500, `took ${took} ms`);
});

test('a redirect is the answer: the target it names is never contacted', async (t) => {
  const canary = await serve(t, ok);
  const server = await serve(t, (_request, response) => {
    response.statusCode = 302;
    response.setHeader('location', `${canary.url}/stolen`);
    response.end();
  });
  const result = await sender(t).send(actionUrl({ url: server.url }), FACTS);
  assert.deepEqual([result.outcome, result.status], ['HTTP_ERROR', 302]);
  assert.equal(canary.connections, 0);
});

test('refused targets are not contacted: metadata, and loopback when the operator has not allowed it', async (t) => {
  const canary = await serve(t, ok);
  const guarded = sender(t, false);
  const port = new URL(canary.url).port;
  for (const url of [
    'http://169.254.169.254/latest/meta-data/',
    canary.url,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://0x7f000001:${port}/`,
    `http://localhost:${port}/`,
  ]) {
    const result = await guarded.send(actionUrl({ url }), FACTS);
    assert.equal(result.outcome, 'BLOCKED', url);
  }
  assert.equal(canary.connections, 0, 'the canary saw no connection');
});

test('fire returns at once and reports the outcome; a body over the cap does not break the send', async (t) => {
  const results: string[] = [];
  const server = await serve(t, (_request, response) => {
    setTimeout(() => response.end('x'.repeat(1024 * 1024)), 300);
  });
  const send = createActionUrlSender({
    policy: LOOPBACK_ALLOWED,
    maxResponseBytes: 1024,
    onResult: (result) => results.push(`${result.outcome} ${result.status}`),
  });
  const started = Date.now();
  send.fire(actionUrl({ url: server.url }), FACTS);
  assert.ok(Date.now() - started < 50, 'fire does not wait');
  assert.deepEqual(results, []);
  await send.close();
  assert.deepEqual(results, ['SUCCESS 200']);
});
