/** Every credential form of API.md authenticates to exactly one tenant; bad ones get 401. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bearer, buildTestApp, createAccount, type TestApp } from '../helpers/app.js';

function basic(login: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}` };
}

async function whoAmI(testApp: TestApp, request: { headers?: Record<string, string>; url?: string }) {
  return testApp.app.inject({
    method: 'GET',
    url: request.url ?? '/voxgate/v1/account',
    headers: request.headers ?? {},
  });
}

test('an API key authenticates in every header form and in the query', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const forms: { name: string; headers?: Record<string, string>; url?: string }[] = [
    { name: 'Bearer', headers: { authorization: `Bearer ${acme.key}` } },
    { name: 'App', headers: { authorization: `App ${acme.key}` } },
    { name: 'Api-Key', headers: { authorization: `Api-Key ${acme.key}` } },
    { name: 'X-Access-Token', headers: { 'x-access-token': acme.key } },
    { name: 'X-Authentication-Token', headers: { 'x-authentication-token': acme.key } },
    { name: 'access_token query', url: `/voxgate/v1/account?access_token=${acme.key}` },
  ];
  for (const form of forms) {
    const response = await whoAmI(testApp, form);
    assert.equal(response.statusCode, 200, form.name);
    assert.equal(response.json<{ id: number }>().id, acme.accountId, form.name);
  }
});

test('access_token in a JSON or form body authenticates and is not taken as a field', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const asJson = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/keys',
    payload: { access_token: acme.key, name: 'from-json' },
  });
  assert.equal(asJson.statusCode, 201, asJson.body);
  assert.equal(asJson.json<{ account_id: number }>().account_id, acme.accountId);
  const asForm = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/keys',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `access_token=${acme.key}&name=from-form`,
  });
  assert.equal(asForm.statusCode, 201, asForm.body);
  assert.equal(asForm.json<{ name: string }>().name, 'from-form');
});

test('Basic authenticates with a login or an e-mail and the password; a wrong password gets 401', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const user = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/users',
    headers: bearer(acme.key),
    payload: { login: 'alice', email: 'Alice@Example.com', password: 'correct horse' },
  });
  assert.equal(user.statusCode, 201, user.body);
  for (const login of ['alice', 'alice@example.com']) {
    const response = await whoAmI(testApp, { headers: basic(login, 'correct horse') });
    assert.equal(response.statusCode, 200, login);
    assert.equal(response.json<{ id: number }>().id, acme.accountId);
  }
  assert.equal((await whoAmI(testApp, { headers: basic('alice', 'wrong horse') })).statusCode, 401);
  assert.equal((await whoAmI(testApp, { headers: basic('nobody', 'correct horse') })).statusCode, 401);
});

test('a wrong key, a revoked key and no credential each get 401', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  assert.equal((await whoAmI(testApp, { headers: bearer('f'.repeat(100)) })).statusCode, 401);
  assert.equal((await whoAmI(testApp, { headers: bearer('not-a-key') })).statusCode, 401);
  assert.equal((await whoAmI(testApp, {})).statusCode, 401);

  const revoke = await testApp.app.inject({
    method: 'DELETE',
    url: `/voxgate/v1/keys/${acme.prefix}`,
    headers: bearer(acme.key),
  });
  assert.equal(revoke.statusCode, 204);
  const after = await whoAmI(testApp, { headers: bearer(acme.key) });
  assert.equal(after.statusCode, 401);
  assert.equal(after.json<{ error: { code: string } }>().error.code, 'VG_ERR_AUTH_REQUIRED');
});

test('two different credentials in one request get 401; the same one twice is fine', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const globex = await createAccount(testApp, 'Globex');
  const conflicting = await whoAmI(testApp, {
    headers: { authorization: `Bearer ${acme.key}`, 'x-access-token': globex.key },
  });
  assert.equal(conflicting.statusCode, 401);
  const repeated = await whoAmI(testApp, {
    headers: { authorization: `Bearer ${acme.key}`, 'x-access-token': acme.key },
  });
  assert.equal(repeated.statusCode, 200);
});

test('the operator key opens /admin only, and a tenant key never does', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const asTenant = await testApp.app.inject({
    method: 'GET',
    url: '/admin/accounts',
    headers: bearer(acme.key),
  });
  assert.equal(asTenant.statusCode, 401);
  const asOperator = await testApp.app.inject({
    method: 'GET',
    url: '/admin/accounts',
    headers: bearer(testApp.operatorKey),
  });
  assert.equal(asOperator.statusCode, 200);
  assert.equal(asOperator.json<{ total: number }>().total, 1);
  assert.equal((await whoAmI(testApp, { headers: bearer(testApp.operatorKey) })).statusCode, 401);
});

test('a disabled sub-account cannot authenticate until it is enabled again', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const child = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/subaccounts',
    headers: bearer(acme.key),
    payload: { name: 'Branch' },
  });
  const childId = child.json<{ id: number }>().id;
  const key = await testApp.app.inject({
    method: 'POST',
    url: `/voxgate/v1/subaccounts/${childId}/keys`,
    headers: bearer(acme.key),
    payload: {},
  });
  const childKey = key.json<{ key: string }>().key;
  assert.equal((await whoAmI(testApp, { headers: bearer(childKey) })).statusCode, 200);
  const setStatus = (status: string) =>
    testApp.app.inject({
      method: 'PATCH',
      url: `/voxgate/v1/subaccounts/${childId}`,
      headers: bearer(acme.key),
      payload: { status },
    });
  assert.equal((await setStatus('disabled')).statusCode, 200);
  assert.equal((await whoAmI(testApp, { headers: bearer(childKey) })).statusCode, 401);
  assert.equal((await setStatus('active')).statusCode, 200);
  assert.equal((await whoAmI(testApp, { headers: bearer(childKey) })).statusCode, 200);
});
