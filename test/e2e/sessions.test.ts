/** Session tokens (seed 04 `Authentication.Session`, seed 05 `POST /v1/auth`): expiry and refresh. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Clock } from '../../src/core/shared/clock.js';
import { bearer, buildTestApp, createAccount } from '../helpers/app.js';

interface SessionBody {
  token: string;
  valid_until: string;
  refresh_token: string;
  refreshable_until: string;
}

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-11-23T10:00:00.000Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

test('a session token authenticates in every token form until it expires, then gets 401', async (t) => {
  const clock = manualClock();
  const testApp = await buildTestApp(t, { clock, sessionTtlSeconds: 600 });
  const acme = await createAccount(testApp, 'Acme');
  const opened = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/sessions',
    headers: bearer(acme.key),
  });
  assert.equal(opened.statusCode, 201);
  const session = opened.json<SessionBody>();
  assert.match(session.token, /^[0-9a-f]{40}$/);
  assert.equal(session.valid_until, '2026-11-23T10:10:00.000Z');
  assert.equal(session.refreshable_until, '2026-11-24T10:00:00.000Z');

  for (const headers of [
    { authorization: `Session ${session.token}` },
    { authorization: `Bearer ${session.token}` },
    { 'x-authentication-token': session.token },
  ]) {
    const response = await testApp.app.inject({ method: 'GET', url: '/voxgate/v1/account', headers });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json<{ id: number }>().id, acme.accountId);
  }
  clock.advance(600_000);
  const expired = await testApp.app.inject({
    method: 'GET',
    url: '/voxgate/v1/account',
    headers: { authorization: `Session ${session.token}` },
  });
  assert.equal(expired.statusCode, 401);
});

test('a refresh gives a new token, and the old refresh token and old token stop working', async (t) => {
  const clock = manualClock();
  const testApp = await buildTestApp(t, { clock, sessionTtlSeconds: 600 });
  const acme = await createAccount(testApp, 'Acme');
  const first = (
    await testApp.app.inject({ method: 'POST', url: '/voxgate/v1/sessions', headers: bearer(acme.key) })
  ).json<SessionBody>();
  clock.advance(900_000);

  const refreshed = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/sessions/refresh',
    payload: { refresh_token: first.refresh_token },
  });
  assert.equal(refreshed.statusCode, 201, refreshed.body);
  const second = refreshed.json<SessionBody>();
  assert.notEqual(second.token, first.token);
  assert.equal(second.refreshable_until, first.refreshable_until, 'refreshing never extends the chain');
  const withNew = await testApp.app.inject({
    method: 'GET',
    url: '/voxgate/v1/account',
    headers: bearer(second.token),
  });
  assert.equal(withNew.statusCode, 200);

  const replay = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/sessions/refresh',
    payload: { refresh_token: first.refresh_token },
  });
  assert.equal(replay.statusCode, 401);
  assert.equal(replay.json<{ error: { code: string } }>().error.code, 'VG_ERR_CREDENTIALS_REFRESH_INVALID');
});

test('a session cannot be refreshed after refreshable_until', async (t) => {
  const clock = manualClock();
  const testApp = await buildTestApp(t, { clock, sessionTtlSeconds: 600 });
  const acme = await createAccount(testApp, 'Acme');
  const first = (
    await testApp.app.inject({ method: 'POST', url: '/voxgate/v1/sessions', headers: bearer(acme.key) })
  ).json<SessionBody>();
  clock.advance(86_400_000);
  const late = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/sessions/refresh',
    payload: { refresh_token: first.refresh_token },
  });
  assert.equal(late.statusCode, 401);
});

test('POST /v1/auth trades e-mail and password for a token that works as X-Authentication-Token', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/users',
    headers: bearer(acme.key),
    payload: { login: 'bob', email: 'bob@example.com', password: 'sesame-open' },
  });
  const auth = await testApp.app.inject({
    method: 'POST',
    url: '/v1/auth',
    payload: { email: 'bob@example.com', password: 'sesame-open' },
  });
  assert.equal(auth.statusCode, 201, auth.body);
  const { authToken } = auth.json<{ authToken: string }>();
  const me = await testApp.app.inject({
    method: 'GET',
    url: '/voxgate/v1/account',
    headers: { 'x-authentication-token': authToken },
  });
  assert.equal(me.json<{ id: number }>().id, acme.accountId);

  const wrong = await testApp.app.inject({
    method: 'POST',
    url: '/v1/auth',
    payload: { email: 'bob@example.com', password: 'not-sesame' },
  });
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.json<{ error: string }>().error, 'UNAUTHORIZED');
});

test('JSON-RPC session.create, then the Session header, then session.refresh', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const rpc = (headers: Record<string, string>, method: string, params: unknown[] = []) =>
    testApp.app.inject({
      method: 'POST',
      url: '/json-rpc/v1.1/',
      headers: { 'content-type': 'application/json-rpc; charset=utf-8', ...headers },
      payload: JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }),
    });
  const created = await rpc({ authorization: `Api-Key ${acme.key}` }, 'session.create');
  assert.equal(created.statusCode, 200);
  const session = created.json<{ id: number; result: SessionBody }>();
  assert.equal(session.id, 7);
  assert.match(session.result.valid_until, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  const ping = await rpc({ authorization: `Session ${session.result.token}` }, 'system.get_timestamp');
  assert.equal(typeof ping.json<{ result: number }>().result, 'number');
  const refreshed = await rpc({}, 'session.refresh', [session.result.refresh_token]);
  assert.equal(refreshed.statusCode, 200);
  assert.match(refreshed.json<{ result: SessionBody }>().result.token, /^[0-9a-f]{40}$/);
  const noCredential = await rpc({}, 'system.get_timestamp');
  assert.equal(noCredential.statusCode, 401);
  assert.equal(noCredential.json<{ error: { code: number } }>().error.code, -32001);
});
