/** Seed 02's scenarios API: CRUD with the seed's formats, validation paths, paging and filters. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bearer, buildTestApp, createAccount, type TenantFixture, type TestApp } from '../helpers/app.js';

interface ScenarioBody {
  id: string;
  name: string;
  description: string | null;
  createTime: string;
  updateTime: string;
  lastUsageDate: string | null;
  script: unknown[];
  warnings?: { code: string; path: string; message: string }[];
}

const SEED_SMS_SCRIPT = [{ sendSms: { text: 'Hello', to: '${to}' } }];

function create(testApp: TestApp, tenant: TenantFixture, body: object) {
  return testApp.app.inject({
    method: 'POST',
    url: '/voice/ivr/1/scenarios',
    headers: bearer(tenant.key),
    payload: body,
  });
}

test('a scenario round-trips create, get, update and delete in the seed format', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const created = await create(testApp, acme, {
    name: 'My Scenario',
    description: 'Scenario to send a message',
    script: SEED_SMS_SCRIPT,
  });
  assert.equal(created.statusCode, 200, created.body);
  const scenario = created.json<ScenarioBody>();
  assert.match(scenario.id, /^[0-9A-F]{32}$/);
  assert.match(scenario.createTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  assert.equal(scenario.lastUsageDate, null);
  assert.deepEqual(scenario.script, SEED_SMS_SCRIPT, 'the script comes back as submitted');
  assert.deepEqual(Object.keys(scenario).sort(), [
    'createTime',
    'description',
    'id',
    'lastUsageDate',
    'name',
    'script',
    'updateTime',
  ]);

  const read = await testApp.app.inject({
    method: 'GET',
    url: `/voice/ivr/1/scenarios/${scenario.id}`,
    headers: bearer(acme.key),
  });
  assert.deepEqual(read.json(), scenario);

  const updated = await testApp.app.inject({
    method: 'PUT',
    url: `/voice/ivr/1/scenarios/${scenario.id}`,
    headers: bearer(acme.key),
    payload: { name: 'Renamed', script: [{ say: 'Hi' }, 'hangup'] },
  });
  assert.equal(updated.statusCode, 200, updated.body);
  assert.equal(updated.json<ScenarioBody>().name, 'Renamed');
  assert.equal(updated.json<ScenarioBody>().description, null, 'PUT replaces the whole scenario');

  const deleted = await testApp.app.inject({
    method: 'DELETE',
    url: `/voice/ivr/1/scenarios/${scenario.id}`,
    headers: bearer(acme.key),
  });
  assert.equal(deleted.statusCode, 204);
  const gone = await testApp.app.inject({
    method: 'GET',
    url: `/voice/ivr/1/scenarios/${scenario.id}`,
    headers: bearer(acme.key),
  });
  assert.equal(gone.statusCode, 404);
  assert.equal(
    gone.json<{ requestError: { serviceException: { messageId: string } } }>().requestError.serviceException
      .messageId,
    'NOT_FOUND',
  );
});

test("the seed's request-less Call API sample is accepted with a warning", async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const response = await create(testApp, acme, {
    name: 'Call API',
    description: 'Perform a POST request to provided URL with headers and payload.',
    script: [
      {
        options: {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: { payload: '${to} finished the IVR.' },
        },
      },
    ],
  });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(
    response.json<ScenarioBody>().warnings?.map((w) => [w.code, w.path]),
    [['VG_WARN_SCENARIO_CALLAPI_NO_URL', 'script[0]']],
  );
});

test('an invalid script answers 400 with every violation, each with its path inside script', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const response = await create(testApp, acme, {
    name: 'Broken',
    script: [{ say: 'hi' }, { collectInto: 'menu', options: { maxInputLength: 300 } }, { goTo: 42 }],
  });
  assert.equal(response.statusCode, 400);
  const exception = response.json<{
    requestError: {
      serviceException: {
        messageId: string;
        text: string;
        validationErrors: Record<string, string[]>;
        violations: { code: string; path: string }[];
      };
    };
  }>().requestError.serviceException;
  assert.equal(exception.messageId, 'BAD_REQUEST');
  assert.equal(exception.text, 'Invalid scenario: 2 errors');
  assert.deepEqual(
    exception.violations.map((v) => [v.code, v.path]),
    [
      ['VG_ERR_SCENARIO_OUT_OF_RANGE', 'script[1].options.maxInputLength'],
      ['VG_ERR_SCENARIO_GOTO_UNKNOWN_TARGET', 'script[2].goTo'],
    ],
  );
  assert.match(
    exception.validationErrors['script[1].options.maxInputLength']?.[0] ?? '',
    /^VG_ERR_SCENARIO_OUT_OF_RANGE: /,
  );
  const list = await testApp.app.inject({
    method: 'GET',
    url: '/voice/ivr/1/scenarios',
    headers: bearer(acme.key),
  });
  assert.deepEqual(list.json(), [], 'nothing was stored');
});

test('the body rules name the field: missing name, long description, unknown field', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const cases: [object, string][] = [
    [{ script: ['hangup'] }, 'name'],
    [{ name: 'x', description: 'd'.repeat(1025), script: ['hangup'] }, 'description'],
    [{ name: 'x', script: ['hangup'], owner: 3 }, 'owner'],
    [{ name: 'x', script: 'hangup' }, 'script'],
  ];
  for (const [body, field] of cases) {
    const response = await create(testApp, acme, body);
    assert.equal(response.statusCode, 400, JSON.stringify(body));
    const errors = response.json<{
      requestError: { serviceException: { validationErrors: Record<string, string[]> } };
    }>().requestError.serviceException.validationErrors;
    assert.ok(field in errors, `${field}: ${response.body}`);
  }
});

test('the list is newest first, paged from 1, and filtered by name and usage date', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const ids: string[] = [];
  for (const name of ['Main menu', 'Support line', 'MAIN backup']) {
    ids.push((await create(testApp, acme, { name, script: ['hangup'] })).json<ScenarioBody>().id);
  }
  const list = async (query: string) =>
    (
      await testApp.app.inject({
        method: 'GET',
        url: `/voice/ivr/1/scenarios${query}`,
        headers: bearer(acme.key),
      })
    ).json<ScenarioBody[]>();
  assert.deepEqual(
    (await list('')).map((s) => s.name),
    ['MAIN backup', 'Support line', 'Main menu'],
  );
  assert.deepEqual(
    (await list('?pageSize=2&page=2')).map((s) => s.name),
    ['Main menu'],
  );
  assert.deepEqual(
    (await list('?name=main')).map((s) => s.name),
    ['MAIN backup', 'Main menu'],
  );
  const today = new Date().toISOString().slice(0, 10);
  assert.equal((await list(`?lastUsageDateSince=${today}`)).length, 3);
  assert.equal((await list('?lastUsageDateUntil=2000-01-01')).length, 0);
  const bad = await testApp.app.inject({
    method: 'GET',
    url: '/voice/ivr/1/scenarios?pageSize=1001',
    headers: bearer(acme.key),
  });
  assert.equal(bad.statusCode, 400);
});
