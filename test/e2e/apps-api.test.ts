/** REALTIME10 apps through `/voxgate/v1/apps`, and numbers routed to them: fields, limits, isolation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bearer, buildTestApp, createAccount, type TenantFixture, type TestApp } from '../helpers/app.js';

interface AppBody {
  hash: string;
  name: string;
  package: string;
  params: { url: string; login: string | null; password: string | null; data_format: string };
  numbers: { number: string; hash: string }[];
}

interface ErrorBody {
  error: { code: string; issues?: { field: string; rule: string }[] };
}

function call(
  testApp: TestApp,
  tenant: TenantFixture,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  return testApp.app.inject({
    method,
    url: `/voxgate/v1${url}`,
    headers: bearer(tenant.key),
    ...(payload === undefined ? {} : { payload }),
  });
}

async function createApp(testApp: TestApp, tenant: TenantFixture, payload: object): Promise<AppBody> {
  const response = await call(testApp, tenant, 'POST', '/apps', payload);
  assert.equal(response.statusCode, 201, response.body);
  return response.json<AppBody>();
}

function issuesOf(body: string): string[][] {
  return ((JSON.parse(body) as ErrorBody).error.issues ?? []).map((issue) => [issue.field, issue.rule]);
}

async function addNumber(testApp: TestApp, accountId: number, number: string): Promise<void> {
  const added = await testApp.app.inject({
    method: 'POST',
    url: '/admin/numbers',
    headers: bearer(testApp.operatorKey),
    payload: { account_id: accountId, number },
  });
  assert.equal(added.statusCode, 201, added.body);
}

test('an app keeps its params, never shows its password, and changes only what is given', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const app = await createApp(testApp, acme, {
    name: 'Survey',
    package: 'REALTIME10',
    params: { url: 'https://crm.example/rt', login: 'voxgate', password: 'p4ssw0rd' },
  });
  assert.match(app.hash, /^[0-9A-F]{8}$/);
  assert.deepEqual(
    [app.name, app.package, app.params, app.numbers],
    [
      'Survey',
      'REALTIME10',
      { url: 'https://crm.example/rt', login: 'voxgate', password: '********', data_format: 'JSON' },
      [],
    ],
  );
  const read = await call(testApp, acme, 'GET', `/apps/${app.hash.toLowerCase()}`);
  assert.equal(read.statusCode, 200);
  assert.ok(!read.body.includes('p4ssw0rd'), 'the password does not leave the server');
  const stored = await testApp.database.db.selectFrom('apps').select('params').executeTakeFirstOrThrow();
  assert.equal((JSON.parse(stored.params) as { password: string }).password, 'p4ssw0rd');

  const renamed = await call(testApp, acme, 'PATCH', `/apps/${app.hash}`, {
    name: 'Survey 2',
    params: { url: 'http://crm.example/rt2' },
  });
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.deepEqual(renamed.json<AppBody>().params, {
    url: 'http://crm.example/rt2',
    login: 'voxgate',
    password: '********',
    data_format: 'JSON',
  });
  const noLogin = await call(testApp, acme, 'PATCH', `/apps/${app.hash}`, { params: { login: null } });
  assert.deepEqual(
    [noLogin.json<AppBody>().params.login, noLogin.json<AppBody>().params.password],
    [null, null],
    'removing the login removes the password',
  );
  const list = await call(testApp, acme, 'GET', '/apps');
  assert.deepEqual(
    list.json<{ total: number; items: AppBody[] }>().items.map((a) => a.name),
    ['Survey 2'],
  );
  const removed = await call(testApp, acme, 'DELETE', `/apps/${app.hash}`);
  assert.equal(removed.statusCode, 204);
  assert.equal((await call(testApp, acme, 'GET', `/apps/${app.hash}`)).statusCode, 404);
});

test('validation errors name the field and the rule', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const cases: [object, string[][]][] = [
    [{ package: 'REALTIME10', params: { url: 'https://a.example' } }, [['body.name', 'required']]],
    [{ name: '', package: 'REALTIME10', params: { url: 'https://a.example' } }, [['body.name', 'minLength']]],
    [
      { name: 'x'.repeat(65), package: 'REALTIME10', params: { url: 'https://a.example' } },
      [['body.name', 'maxLength']],
    ],
    [{ name: 'A', package: 'ACTIONS10', params: { url: 'https://a.example' } }, [['body.package', 'enum']]],
    [{ name: 'A', package: 'REALTIME10', params: {} }, [['body.params.url', 'required']]],
    [
      { name: 'A', package: 'REALTIME10', params: { url: 'ftp://a.example/x' } },
      [['body.params.url', 'format']],
    ],
    [{ name: 'A', package: 'REALTIME10', params: { url: 'not a url' } }, [['body.params.url', 'format']]],
    [
      { name: 'A', package: 'REALTIME10', params: { url: 'https://a.example', data_format: 'XML' } },
      [['body.params.data_format', 'enum']],
    ],
    [
      { name: 'A', package: 'REALTIME10', params: { url: 'https://a.example', login: 'a:b' } },
      [['body.params.login', 'pattern']],
    ],
    [
      { name: 'A', package: 'REALTIME10', params: { url: 'https://a.example', password: 'secret' } },
      [['body.params.password', 'dependentRequired']],
    ],
    [
      { name: 'A', package: 'REALTIME10', params: { url: 'https://a.example', script: 'x' } },
      [['body.params.script', 'additionalProperties']],
    ],
  ];
  for (const [payload, issues] of cases) {
    const response = await call(testApp, acme, 'POST', '/apps', payload);
    assert.equal(response.statusCode, 400, JSON.stringify(payload));
    assert.deepEqual(issuesOf(response.body), issues, JSON.stringify(payload));
  }
  assert.equal((await call(testApp, acme, 'GET', '/apps')).json<{ total: number }>().total, 0);
});

test('a number routes to an app or a scenario, never both; the app lists it; deleting the app unroutes it', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const other = await createAccount(testApp, 'Other');
  await addNumber(testApp, acme.accountId, '+33123456789');
  const app = await createApp(testApp, acme, {
    name: 'Survey',
    package: 'REALTIME10',
    params: { url: 'https://crm.example/rt' },
  });
  const foreign = await createApp(testApp, other, {
    name: 'Theirs',
    package: 'REALTIME10',
    params: { url: 'https://other.example/rt' },
  });

  const routed = await call(testApp, acme, 'PUT', '/numbers/+33123456789', { app: app.hash.toLowerCase() });
  assert.equal(routed.statusCode, 200, routed.body);
  assert.deepEqual(
    [routed.json<{ app: string }>().app, routed.json<{ scenario_id: string | null }>().scenario_id],
    [app.hash, null],
  );
  const decision = await testApp.core.inbound.resolveInbound('+33123456789');
  assert.equal(decision.status, 'realtime');
  assert.equal(decision.status === 'realtime' ? decision.app.url : null, 'https://crm.example/rt');
  const listed = await call(testApp, acme, 'GET', `/apps/${app.hash}`);
  assert.deepEqual(
    listed.json<AppBody>().numbers.map((n) => n.number),
    ['+33123456789'],
  );

  const both = await call(testApp, acme, 'PUT', '/numbers/+33123456789', {
    app: app.hash,
    scenario_id: 'A'.repeat(32),
  });
  assert.equal(both.statusCode, 400);
  assert.deepEqual(issuesOf(both.body), [['body.app', 'oneOf']]);

  const theirs = await call(testApp, acme, 'PUT', '/numbers/+33123456789', { app: foreign.hash });
  assert.equal(theirs.statusCode, 422);
  assert.deepEqual(issuesOf(theirs.body), [['body.app', 'exists']]);
  assert.equal(theirs.json<ErrorBody>().error.code, 'VG_ERR_NUMBERS_APP_NOT_FOUND');

  const deleted = await call(testApp, acme, 'DELETE', `/apps/${app.hash}`);
  assert.equal(deleted.statusCode, 204);
  const after = await call(testApp, acme, 'GET', '/numbers/+33123456789');
  assert.equal(after.json<{ app: string | null }>().app, null);
  assert.equal((await testApp.core.inbound.resolveInbound('+33123456789')).status, 'unrouted');
});

test("another account's app is not found, whoever asks and however", async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const other = await createAccount(testApp, 'Other');
  const theirs = await createApp(testApp, other, {
    name: 'Theirs',
    package: 'REALTIME10',
    params: { url: 'https://other.example/rt', login: 'l', password: 'secret-pass' },
  });
  for (const [method, payload] of [
    ['GET', undefined],
    ['PATCH', { params: { url: 'https://attacker.example/steal' } }],
    ['DELETE', undefined],
  ] as const) {
    const response = await call(testApp, acme, method, `/apps/${theirs.hash}`, payload);
    assert.equal(response.statusCode, 404, `${method} ${response.body}`);
    assert.equal(response.json<ErrorBody>().error.code, 'VG_ERR_APPS_NOT_FOUND');
  }
  assert.equal((await call(testApp, acme, 'GET', '/apps')).json<{ total: number }>().total, 0);
  const still = await call(testApp, other, 'GET', `/apps/${theirs.hash}`);
  assert.equal(still.json<AppBody>().params.url, 'https://other.example/rt');
});
