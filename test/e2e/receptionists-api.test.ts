/** Receptionists and their action URLs through `/api` (seed 01): fields, defaults, limits, answers, isolation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bearer, buildTestApp, createAccount, type TenantFixture, type TestApp } from '../helpers/app.js';

interface ReceptionistBody {
  id: string;
  name: string;
  greeting: { text: string | null; language: string; voice: string | null; url: string | null };
  options: Record<string, string>;
  timeout: number;
  max_repeats: number;
  created_at: string;
  updated_at: string;
}

interface ActionUrlBody {
  id: string;
  name: string | null;
  enabled: boolean;
  type: string | null;
  caller_mask: string | null;
  dtmf_mask: string | null;
  method: string | null;
  headers: string | null;
  connection_timeout: number;
  request_timeout: number;
  auth: string;
  username: string | null;
  password: string | null;
  token: string | null;
  url: string | null;
}

interface ErrorBody {
  code: string;
  errors: { field: string; rule: string; limit?: number | string }[];
}

function call(
  testApp: TestApp,
  tenant: TenantFixture,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  payload?: object,
) {
  return testApp.app.inject({
    method,
    url: `/api${url}`,
    headers: bearer(tenant.key),
    ...(payload === undefined ? {} : { payload }),
  });
}

async function scenarioOf(testApp: TestApp, tenant: TenantFixture): Promise<string> {
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/voice/ivr/1/scenarios',
    headers: bearer(tenant.key),
    payload: { name: 'sales', script: [{ say: 'hello' }] },
  });
  assert.equal(created.statusCode, 200, created.body);
  return created.json<{ id: string }>().id;
}

async function newReceptionist(
  testApp: TestApp,
  tenant: TenantFixture,
  payload?: object,
): Promise<ReceptionistBody> {
  const response = await call(
    testApp,
    tenant,
    'POST',
    '/ivrs',
    payload ?? { name: 'Front desk', greeting: { text: 'Hello' } },
  );
  assert.equal(response.statusCode, 201, response.body);
  return response.json<ReceptionistBody>();
}

async function newActionUrl(
  testApp: TestApp,
  tenant: TenantFixture,
  ivr: string,
  payload: object,
): Promise<ActionUrlBody> {
  const response = await call(testApp, tenant, 'POST', `/ivrs/${ivr}/action_urls`, payload);
  assert.equal(response.statusCode, 201, response.body);
  return response.json<ActionUrlBody>();
}

function rulesOf(body: string): string[][] {
  return (JSON.parse(body) as ErrorBody).errors.map((e) => [e.field, e.rule]);
}

test('a receptionist: 201 with Location and a seed id, defaults, update by POST, delete', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const sales = await scenarioOf(testApp, acme);
  const created = await call(testApp, acme, 'POST', '/ivrs', {
    name: 'Front desk',
    greeting: { text: 'Press 1 for sales' },
    options: { '1': sales.toLowerCase() },
  });
  assert.equal(created.statusCode, 201, created.body);
  const body = created.json<ReceptionistBody>();
  assert.equal(created.headers['location'], `/api/ivrs/${body.id}`);
  assert.match(
    Buffer.from(body.id, 'base64').toString(),
    /^[1-9]\d{17,18}$/,
    'base64 of a decimal 64-bit id',
  );
  assert.deepEqual(
    [body.greeting, body.options, body.timeout, body.max_repeats],
    [{ text: 'Press 1 for sales', language: 'en-US', voice: null, url: null }, { '1': sales }, 5, 2],
  );
  assert.match(body.created_at, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

  const updated = await call(testApp, acme, 'POST', `/ivrs/${body.id}`, {
    greeting: { url: 'https://media.example/welcome.wav' },
    timeout: 9,
  });
  assert.equal(updated.statusCode, 200, updated.body);
  assert.equal(updated.body, '', 'an update answers with no content');
  const read = (await call(testApp, acme, 'GET', `/ivrs/${body.id}`)).json<ReceptionistBody>();
  assert.deepEqual(
    [read.name, read.greeting.text, read.greeting.url, read.timeout, read.options],
    ['Front desk', null, 'https://media.example/welcome.wav', 9, { '1': sales }],
  );
  await newReceptionist(testApp, acme, { name: 'Second', greeting: { text: 'Hi' } });
  const page = (await call(testApp, acme, 'GET', '/ivrs?limit=1&offset=1')).json<ReceptionistBody[]>();
  assert.deepEqual(
    page.map((r) => r.name),
    ['Second'],
  );

  // A number routed to it (routing reads the column in a later change) is unrouted by the delete.
  const number = await testApp.app.inject({
    method: 'POST',
    url: '/admin/numbers',
    headers: bearer(testApp.operatorKey),
    payload: { account_id: acme.accountId, number: '+33100000009' },
  });
  assert.equal(number.statusCode, 201, number.body);
  const storedId = Buffer.from(body.id, 'base64').toString();
  await testApp.database.db.updateTable('numbers').set({ receptionist_id: storedId }).execute();
  await newActionUrl(testApp, acme, body.id, { name: 'hook' });
  const deleted = await call(testApp, acme, 'DELETE', `/ivrs/${body.id}`);
  assert.equal(deleted.statusCode, 204);
  assert.equal((await call(testApp, acme, 'GET', `/ivrs/${body.id}`)).statusCode, 404);
  const row = await testApp.database.db
    .selectFrom('numbers')
    .select('receptionist_id')
    .executeTakeFirstOrThrow();
  assert.equal(row.receptionist_id, null);
  const left = await testApp.database.db.selectFrom('action_urls').select('id').execute();
  assert.deepEqual(left, []);
});

test('receptionist rules name the field: greeting, options, name, timeout; a foreign scenario is unknown', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const other = await createAccount(testApp, 'Other');
  const foreign = await scenarioOf(testApp, other);
  const cases: [object, string[][], number][] = [
    [{ name: 'x', greeting: { text: 'a', url: 'https://m.example/a.wav' } }, [['greeting', 'oneOf']], 400],
    [{ name: 'x', greeting: {} }, [['greeting', 'oneOf']], 400],
    [{ name: 'x', greeting: { url: 'ftp://m.example/a.wav' } }, [['greeting.url', 'format']], 400],
    [{ name: 'x'.repeat(65), greeting: { text: 'a' } }, [['name', 'maxLength']], 400],
    [{ name: 'x', greeting: { text: 'a' }, timeout: 0 }, [['timeout', 'minimum']], 400],
    [
      { name: 'x', greeting: { text: 'a' }, options: { '12': foreign } },
      [['options.12', 'additionalProperties']],
      400,
    ],
    [{ name: 'x', greeting: { text: 'a' }, options: { '#': foreign } }, [['options.#', 'exists']], 422],
    [{ greeting: { text: 'a' } }, [['name', 'required']], 400],
  ];
  for (const [payload, rules, status] of cases) {
    const response = await call(testApp, acme, 'POST', '/ivrs', payload);
    assert.equal(response.statusCode, status, `${JSON.stringify(payload)}: ${response.body}`);
    assert.deepEqual(rulesOf(response.body), rules, JSON.stringify(payload));
  }
  assert.deepEqual((await call(testApp, acme, 'GET', '/ivrs')).json<unknown[]>(), [], 'nothing was created');
});

test("an action url: the seed's defaults, 201 with Location, credentials never shown, update by POST", async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const ivr = await newReceptionist(testApp, acme);
  const created = await call(testApp, acme, 'POST', `/ivrs/${ivr.id}/action_urls`, {});
  assert.equal(created.statusCode, 201, created.body);
  const plain = created.json<ActionUrlBody>();
  assert.equal(created.headers['location'], `/api/ivrs/${ivr.id}/action_urls/${plain.id}`);
  assert.deepEqual(
    { ...plain, id: 'x' },
    {
      id: 'x',
      name: null,
      enabled: false,
      type: null,
      caller_mask: null,
      dtmf_mask: null,
      method: null,
      headers: null,
      connection_timeout: 2,
      request_timeout: 2,
      auth: 'DISABLE',
      username: null,
      password: null,
      token: null,
      url: null,
    },
  );
  const full = await newActionUrl(testApp, acme, ivr.id, {
    name: 'CRM',
    enabled: true,
    type: 'DTMF',
    method: 'GET',
    headers: '{"X-Api-Key": "k1"}',
    caller_mask: '+33612345678;4420-4429;1555*',
    dtmf_mask: '1000;2000;3000-4000',
    connection_timeout: 3,
    request_timeout: 7,
    auth: 'DIGEST',
    username: 'alice01',
    password: 'secret99',
    url: 'https://crm.example/hook?from=voxgate',
  });
  const read = await call(testApp, acme, 'GET', `/ivrs/${ivr.id}/action_urls/${full.id}`);
  assert.equal(read.statusCode, 200);
  const shown = read.json<ActionUrlBody>();
  assert.deepEqual(
    [shown.type, shown.method, shown.dtmf_mask, shown.request_timeout, shown.username, shown.password],
    ['DTMF', 'GET', '1000;2000;3000-4000', 7, 'alice01', '********'],
  );
  assert.ok(!read.body.includes('secret99'), 'the password does not leave the server');

  const update = await call(testApp, acme, 'POST', `/ivrs/${ivr.id}/action_urls/${full.id}`, {
    enabled: false,
    auth: 'BEARER',
    token: 'eyJhbGciOi.abc-def_ghi',
  });
  assert.equal(update.statusCode, 200, update.body);
  assert.equal(update.body, '');
  const after = (
    await call(testApp, acme, 'GET', `/ivrs/${ivr.id}/action_urls/${full.id}`)
  ).json<ActionUrlBody>();
  assert.deepEqual(
    [after.enabled, after.auth, after.token, after.name, after.url],
    [false, 'BEARER', '********', 'CRM', 'https://crm.example/hook?from=voxgate'],
  );
  const list = (await call(testApp, acme, 'GET', `/ivrs/${ivr.id}/action_urls`)).json<ActionUrlBody[]>();
  assert.deepEqual(
    list.map((u) => u.id),
    [plain.id, full.id],
  );
  // What a call runs: the menu with its action URLs, for the receptionist's own account only.
  const storedId = Buffer.from(ivr.id, 'base64').toString();
  const menu = await testApp.core.receptionists.menuOf(acme.accountId, storedId);
  assert.deepEqual(
    [menu?.receptionist.name, menu?.actionUrls.map((u) => [u.type, u.auth, u.password])],
    [
      'Front desk',
      [
        [null, 'DISABLE', null],
        ['DTMF', 'BEARER', 'secret99'],
      ],
    ],
  );
  assert.equal(await testApp.core.receptionists.menuOf(acme.accountId + 1, storedId), null);
  assert.equal(
    (await call(testApp, acme, 'DELETE', `/ivrs/${ivr.id}/action_urls/${plain.id}`)).statusCode,
    204,
  );
  assert.equal((await call(testApp, acme, 'GET', `/ivrs/${ivr.id}/action_urls/${plain.id}`)).statusCode, 404);
});

test('action url limits: each answer names the field and the rule, and nothing is stored', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const ivr = await newReceptionist(testApp, acme);
  const cases: [object, string[][]][] = [
    [{ name: '' }, [['name', 'minLength']]],
    [{ name: 'n'.repeat(65) }, [['name', 'maxLength']]],
    [{ type: 'SMS' }, [['type', 'enum']]],
    [{ method: 'PUT' }, [['method', 'enum']]],
    [{ auth: 'NTLM' }, [['auth', 'enum']]],
    [{ enabled: 'yes' }, [['enabled', 'type']]],
    [{ caller_mask: '1'.repeat(256) }, [['caller_mask', 'maxLength']]],
    [{ dtmf_mask: '1;'.repeat(128) }, [['dtmf_mask', 'maxLength']]],
    [{ dtmf_mask: '4000-3000' }, [['dtmf_mask', 'format']]],
    [{ dtmf_mask: '12*' }, [['dtmf_mask', 'format']]],
    [{ caller_mask: '33*6' }, [['caller_mask', 'format']]],
    [{ connection_timeout: 0 }, [['connection_timeout', 'minimum']]],
    [{ request_timeout: 61 }, [['request_timeout', 'maximum']]],
    [{ request_timeout: 1.5 }, [['request_timeout', 'type']]],
    [{ username: 'Alice01' }, [['username', 'pattern']]],
    [
      { username: 'abc' },
      [
        ['username', 'minLength'],
        ['username', 'pattern'],
      ],
    ],
    [
      { password: 'p'.repeat(65) },
      [
        ['password', 'maxLength'],
        ['password', 'pattern'],
      ],
    ],
    [{ url: 'crm.example/hook' }, [['url', 'format']]],
    [{ url: 'ftp://crm.example/hook' }, [['url', 'format']]],
    [{ url: 'https://user:pw@crm.example/' }, [['url', 'format']]],
    [{ url: `https://crm.example/${'a'.repeat(110)}` }, [['url', 'maxLength']]],
    [{ headers: 'X-Api-Key: k1' }, [['headers', 'format']]],
    [{ headers: '{"Bad Name": "v"}' }, [['headers', 'format']]],
    [{ headers: '{"X-A": "line\\r\\nInjected: 1"}' }, [['headers', 'format']]],
    [{ headers: '{"Host": "evil.example"}' }, [['headers', 'format']]],
    [{ headers: '{"Authorization": "x"}', auth: 'BEARER', token: 'abc' }, [['headers', 'format']]],
    [{ auth: 'BASIC', username: 'alice01' }, [['password', 'required']]],
    [
      { auth: 'DIGEST' },
      [
        ['username', 'required'],
        ['password', 'required'],
      ],
    ],
    [{ auth: 'BEARER' }, [['token', 'required']]],
    [{ token: 'has space' }, [['token', 'pattern']]],
    [{ url: 'https://crm.example/', id: 'NzAwNTUxOTA5NzczMTQ4MTYw' }, [['id', 'additionalProperties']]],
  ];
  for (const [payload, rules] of cases) {
    const response = await call(testApp, acme, 'POST', `/ivrs/${ivr.id}/action_urls`, payload);
    assert.equal(response.statusCode, 400, `${JSON.stringify(payload)}: ${response.body}`);
    assert.deepEqual(rulesOf(response.body), rules, JSON.stringify(payload));
  }
  // The URL may be 128 characters; its own auth header is fine when auth is DISABLE.
  await newActionUrl(testApp, acme, ivr.id, {
    url: `https://crm.example/${'a'.repeat(108)}`,
    headers: '{"Authorization": "Token abc"}',
  });
  // An update is checked on the object it leaves: DIGEST needs the stored credentials.
  const stored = await newActionUrl(testApp, acme, ivr.id, {
    auth: 'BASIC',
    username: 'alice01',
    password: 'secret99',
  });
  const toDigest = await call(testApp, acme, 'POST', `/ivrs/${ivr.id}/action_urls/${stored.id}`, {
    auth: 'DIGEST',
  });
  assert.equal(toDigest.statusCode, 200, toDigest.body);
  const toBearer = await call(testApp, acme, 'POST', `/ivrs/${ivr.id}/action_urls/${stored.id}`, {
    auth: 'BEARER',
  });
  assert.deepEqual(rulesOf(toBearer.body), [['token', 'required']]);
  const list = (await call(testApp, acme, 'GET', `/ivrs/${ivr.id}/action_urls`)).json<ActionUrlBody[]>();
  assert.equal(list.length, 2);
  assert.equal(list[1]?.auth, 'DIGEST');
});

test("another tenant's receptionist, an action url under another receptionist, and a bad id all answer 404", async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const other = await createAccount(testApp, 'Other');
  const ivr = await newReceptionist(testApp, acme);
  const sibling = await newReceptionist(testApp, acme, { name: 'Sibling', greeting: { text: 'Hi' } });
  const url = await newActionUrl(testApp, acme, ivr.id, { name: 'CRM' });
  const attempts: [TenantFixture, 'GET' | 'POST' | 'DELETE', string, object?][] = [
    [other, 'GET', `/ivrs/${ivr.id}`],
    [other, 'POST', `/ivrs/${ivr.id}`, { name: 'taken' }],
    [other, 'DELETE', `/ivrs/${ivr.id}`],
    [other, 'GET', `/ivrs/${ivr.id}/action_urls`],
    [other, 'POST', `/ivrs/${ivr.id}/action_urls`, { name: 'planted' }],
    [other, 'GET', `/ivrs/${ivr.id}/action_urls/${url.id}`],
    [other, 'POST', `/ivrs/${ivr.id}/action_urls/${url.id}`, { enabled: true }],
    [other, 'DELETE', `/ivrs/${ivr.id}/action_urls/${url.id}`],
    [acme, 'GET', `/ivrs/${sibling.id}/action_urls/${url.id}`],
    [acme, 'POST', `/ivrs/${sibling.id}/action_urls/${url.id}`, { enabled: true }],
    [acme, 'GET', '/ivrs/not-an-id'],
    [acme, 'GET', `/ivrs/${Buffer.from('0700551909773148160').toString('base64')}`],
    [acme, 'GET', `/ivrs/${ivr.id}/action_urls/${ivr.id}`],
  ];
  for (const [tenant, method, path, payload] of attempts) {
    const response = await call(testApp, tenant, method, path, payload);
    assert.equal(response.statusCode, 404, `${method} ${path}: ${response.body}`);
    assert.match(response.json<ErrorBody>().code, /NOT_FOUND/);
  }
  const still = (await call(testApp, acme, 'GET', `/ivrs/${ivr.id}/action_urls`)).json<ActionUrlBody[]>();
  assert.deepEqual(
    still.map((u) => [u.id, u.enabled]),
    [[url.id, false]],
  );
  assert.equal(
    (await call(testApp, acme, 'GET', `/ivrs/${ivr.id}`)).json<ReceptionistBody>().name,
    'Front desk',
  );
});
