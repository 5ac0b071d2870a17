/** Numbers: the operator gives them, tenants route them; validation, conflicts, paging and the inbound switch. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bearer,
  buildTestApp,
  createAccount,
  createSubaccount,
  type TenantFixture,
  type TestApp,
} from '../helpers/app.js';

interface NumberBody {
  number: string;
  hash: string;
  account_id: number;
  scenario_id: string | null;
  created_at: string;
  updated_at: string;
}

interface ErrorBody {
  error: { code: string; issues?: { field: string; rule: string }[] };
}

function addNumber(testApp: TestApp, accountId: number, number: string) {
  return testApp.app.inject({
    method: 'POST',
    url: '/admin/numbers',
    headers: bearer(testApp.operatorKey),
    payload: { account_id: accountId, number },
  });
}

function routeNumber(testApp: TestApp, tenant: TenantFixture, number: string, scenarioId: string | null) {
  return testApp.app.inject({
    method: 'PUT',
    url: `/voxgate/v1/numbers/${encodeURIComponent(number)}`,
    headers: bearer(tenant.key),
    payload: { scenario_id: scenarioId },
  });
}

async function createScenario(testApp: TestApp, tenant: TenantFixture): Promise<string> {
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/voice/ivr/1/scenarios',
    headers: bearer(tenant.key),
    payload: { name: 'Welcome', script: [{ say: 'Hello' }] },
  });
  assert.equal(created.statusCode, 200, created.body);
  return created.json<{ id: string }>().id;
}

test('the operator gives a number written without + and it is stored as +E164, unrouted', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const response = await addNumber(testApp, acme.accountId, '33123456789');
  assert.equal(response.statusCode, 201, response.body);
  const body = response.json<NumberBody>();
  assert.deepEqual([body.number, body.account_id, body.scenario_id], ['+33123456789', acme.accountId, null]);
  assert.match(body.hash, /^[0-9A-F]{8}$/);
  assert.deepEqual(Object.keys(body).sort(), [
    'account_id',
    'app',
    'created_at',
    'hash',
    'number',
    'receptionist',
    'scenario_id',
    'updated_at',
  ]);
});

test('a number that already belongs to any account answers 409, whichever way it is written', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const globex = await createAccount(testApp, 'Globex');
  assert.equal((await addNumber(testApp, acme.accountId, '+33123456789')).statusCode, 201);
  for (const [accountId, number] of [
    [globex.accountId, '33123456789'],
    [acme.accountId, '+33123456789'],
  ] as const) {
    const again = await addNumber(testApp, accountId, number);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json<ErrorBody>().error.code, 'VG_ERR_NUMBERS_TAKEN');
  }
});

test('a number that is not E.164 is refused naming body.number and the format rule', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  for (const number of ['0123456789', '+33 1 23 45 67 89', 'sip:alice']) {
    const response = await addNumber(testApp, acme.accountId, number);
    assert.equal(response.statusCode, 400, number);
    const error = response.json<ErrorBody>().error;
    assert.equal(error.code, 'VG_ERR_REQUEST_INVALID');
    assert.deepEqual(
      error.issues?.map((i) => [i.field, i.rule]),
      [['body.number', 'format']],
    );
  }
  const missing = await testApp.app.inject({
    method: 'POST',
    url: '/admin/numbers',
    headers: bearer(testApp.operatorKey),
    payload: { number: '+33123456789' },
  });
  assert.deepEqual(
    missing.json<ErrorBody>().error.issues?.map((i) => [i.field, i.rule]),
    [['body.account_id', 'required']],
  );
});

test('a number for an account that does not exist answers 404', async (t) => {
  const testApp = await buildTestApp(t);
  const response = await addNumber(testApp, 424242, '+33123456789');
  assert.equal(response.statusCode, 404);
  assert.equal(response.json<ErrorBody>().error.code, 'VG_ERR_ACCOUNTS_NOT_FOUND');
});

test("the operator lists every number in pages, or one account's, and a tenant key may not", async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const globex = await createAccount(testApp, 'Globex');
  for (const n of ['+33100000003', '+33100000001', '+33100000002'])
    assert.equal((await addNumber(testApp, acme.accountId, n)).statusCode, 201);
  assert.equal((await addNumber(testApp, globex.accountId, '+44200000000')).statusCode, 201);
  const list = (query: string) =>
    testApp.app.inject({
      method: 'GET',
      url: `/admin/numbers${query}`,
      headers: bearer(testApp.operatorKey),
    });

  const page = (await list('?limit=2&offset=1')).json<{
    items: NumberBody[];
    total: number;
    limit: number;
    offset: number;
  }>();
  assert.deepEqual(
    [page.items.map((n) => n.number), page.total, page.limit, page.offset],
    [['+33100000002', '+33100000003'], 4, 2, 1],
  );
  const globexOnly = (await list(`?account_id=${globex.accountId}`)).json<{
    items: NumberBody[];
    total: number;
  }>();
  assert.deepEqual([globexOnly.items.map((n) => n.number), globexOnly.total], [['+44200000000'], 1]);
  const byTenant = await testApp.app.inject({
    method: 'GET',
    url: '/admin/numbers',
    headers: bearer(acme.key),
  });
  assert.equal(byTenant.statusCode, 401);
});

test('the operator takes a number back: 204, its call records keep the number, a second delete answers 404', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const added = await addNumber(testApp, acme.accountId, '+33123456789');
  const callId = await testApp.core.callRecords.open({
    accountId: acme.accountId,
    direction: 'inbound',
    from: '+33612345678',
    callerName: '',
    to: '+33123456789',
    numberId: (
      await testApp.core.numbers.getOwn({ accountId: acme.accountId, parentId: null }, '+33123456789')
    ).id,
    scenarioId: null,
    scenarioName: null,
    sipCallId: 'kept',
    startedAt: Date.parse('2026-03-01T10:00:00Z'),
  });
  assert.equal(added.statusCode, 201);
  const remove = () =>
    testApp.app.inject({
      method: 'DELETE',
      url: '/admin/numbers/33123456789',
      headers: bearer(testApp.operatorKey),
    });
  assert.equal((await remove()).statusCode, 204);
  const own = await testApp.app.inject({
    method: 'GET',
    url: '/voxgate/v1/numbers',
    headers: bearer(acme.key),
  });
  assert.equal(own.json<{ total: number }>().total, 0);
  const record = await testApp.core.calls.get({ accountId: acme.accountId, parentId: null }, callId);
  assert.deepEqual([record.number, record.numberId], ['+33123456789', null]);
  const again = await remove();
  assert.equal(again.statusCode, 404);
  assert.equal(again.json<ErrorBody>().error.code, 'VG_ERR_NUMBERS_NOT_FOUND');
});

test('deleting a sub-account takes its numbers and call records with it, freeing the numbers', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const child = await createSubaccount(testApp, acme, 'Branch');
  await addNumber(testApp, child.accountId, '+33123456789');
  await routeNumber(testApp, child, '+33123456789', await createScenario(testApp, child));
  await testApp.core.callRecords.open({
    accountId: child.accountId,
    direction: 'inbound',
    from: '',
    callerName: '',
    to: '+33123456789',
    scenarioId: null,
    scenarioName: null,
    sipCallId: 'gone',
    startedAt: Date.parse('2026-03-01T10:00:00Z'),
  });
  const removed = await testApp.app.inject({
    method: 'DELETE',
    url: `/voxgate/v1/subaccounts/${child.accountId}`,
    headers: bearer(acme.key),
  });
  assert.equal(removed.statusCode, 204, removed.body);
  assert.equal((await testApp.core.inbound.resolveInbound('+33123456789')).status, 'not-found');
  assert.equal((await addNumber(testApp, acme.accountId, '+33123456789')).statusCode, 201);
  const calls = await testApp.core.calls.list(
    { accountId: child.accountId, parentId: acme.accountId },
    { limit: 10, offset: 0 },
  );
  assert.equal(calls.total, 0);
});

test('a tenant lists and reads only its own numbers', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const globex = await createAccount(testApp, 'Globex');
  await addNumber(testApp, acme.accountId, '+33100000001');
  await addNumber(testApp, globex.accountId, '+33100000002');
  const list = await testApp.app.inject({
    method: 'GET',
    url: '/voxgate/v1/numbers',
    headers: bearer(acme.key),
  });
  assert.deepEqual(
    list.json<{ items: NumberBody[] }>().items.map((n) => n.number),
    ['+33100000001'],
  );
  for (const [path, status] of [
    ['%2B33100000001', 200],
    ['+33100000001', 200],
    ['33100000001', 200],
    ['%2B33100000002', 404],
    ['not-a-number', 404],
  ] as const) {
    const read = await testApp.app.inject({
      method: 'GET',
      url: `/voxgate/v1/numbers/${path}`,
      headers: bearer(acme.key),
    });
    assert.equal(read.statusCode, status, path);
  }
});

test('a tenant routes its number to its scenario and unroutes it with null', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  await addNumber(testApp, acme.accountId, '+33123456789');
  const scenarioId = await createScenario(testApp, acme);
  const routed = await routeNumber(testApp, acme, '+33123456789', scenarioId.toLowerCase());
  assert.equal(routed.statusCode, 200, routed.body);
  assert.equal(routed.json<NumberBody>().scenario_id, scenarioId);
  const decision = await testApp.core.inbound.resolveInbound('+33123456789');
  assert.equal(decision.status === 'route' ? decision.scenario.id : decision.status, scenarioId);

  const unrouted = await routeNumber(testApp, acme, '33123456789', null);
  assert.equal(unrouted.json<NumberBody>().scenario_id, null);
  assert.equal((await testApp.core.inbound.resolveInbound('+33123456789')).status, 'unrouted');
});

test("routing to another account's scenario answers 422 naming body.scenario_id, and changes nothing", async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const globex = await createAccount(testApp, 'Globex');
  await addNumber(testApp, acme.accountId, '+33123456789');
  const foreign = await createScenario(testApp, globex);
  for (const scenarioId of [foreign, 'F'.repeat(32)]) {
    const response = await routeNumber(testApp, acme, '+33123456789', scenarioId);
    assert.equal(response.statusCode, 422);
    const error = response.json<ErrorBody>().error;
    assert.equal(error.code, 'VG_ERR_NUMBERS_SCENARIO_NOT_FOUND');
    assert.deepEqual(
      error.issues?.map((i) => [i.field, i.rule]),
      [['body.scenario_id', 'exists']],
    );
  }
  assert.equal((await testApp.core.inbound.resolveInbound('+33123456789')).status, 'unrouted');
});

test('a routing body with a malformed or missing scenario_id answers 400 naming it', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  await addNumber(testApp, acme.accountId, '+33123456789');
  for (const payload of [{ scenario_id: 'nope' }, {}]) {
    const response = await testApp.app.inject({
      method: 'PUT',
      url: '/voxgate/v1/numbers/+33123456789',
      headers: bearer(acme.key),
      payload,
    });
    assert.equal(response.statusCode, 400);
    assert.ok(
      response.json<ErrorBody>().error.issues?.some((i) => i.field === 'body.scenario_id'),
      response.body,
    );
  }
});

test('the routing body also takes scenarioId, as issue 5 writes it, but not both spellings at once', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  await addNumber(testApp, acme.accountId, '+33123456789');
  const scenarioId = await createScenario(testApp, acme);
  const put = (payload: object) =>
    testApp.app.inject({
      method: 'PUT',
      url: '/voxgate/v1/numbers/+33123456789',
      headers: bearer(acme.key),
      payload,
    });
  const routed = await put({ scenarioId });
  assert.equal(routed.statusCode, 200, routed.body);
  assert.equal(routed.json<NumberBody>().scenario_id, scenarioId);
  const both = await put({ scenarioId, scenario_id: scenarioId });
  assert.equal(both.statusCode, 400);
  assert.deepEqual(
    both.json<ErrorBody>().error.issues?.map((i) => [i.field, i.rule]),
    [['body.scenario_id', 'oneOf']],
  );
});

test('deleting a scenario a number routes to answers 409 until the number is unrouted', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  await addNumber(testApp, acme.accountId, '+33123456789');
  const scenarioId = await createScenario(testApp, acme);
  await routeNumber(testApp, acme, '+33123456789', scenarioId);
  const remove = () =>
    testApp.app.inject({
      method: 'DELETE',
      url: `/voice/ivr/1/scenarios/${scenarioId}`,
      headers: bearer(acme.key),
    });

  const refused = await remove();
  assert.equal(refused.statusCode, 409);
  const exception = refused.json<{
    requestError: { serviceException: { messageId: string; text: string } };
  }>().requestError.serviceException;
  assert.equal(exception.messageId, 'CONFLICT');
  assert.match(exception.text, /\+33123456789/);

  await routeNumber(testApp, acme, '+33123456789', null);
  assert.equal((await remove()).statusCode, 204);
});

test('the operator switches inbound calls off for an account: the account shows it and its calls are forbidden', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  await addNumber(testApp, acme.accountId, '+33123456789');
  await routeNumber(testApp, acme, '+33123456789', await createScenario(testApp, acme));
  const own = await testApp.app.inject({
    method: 'GET',
    url: '/voxgate/v1/account',
    headers: bearer(acme.key),
  });
  assert.equal(own.json<{ inbound_calls: boolean }>().inbound_calls, true, 'enabled by default');

  const patched = await testApp.app.inject({
    method: 'PATCH',
    url: `/admin/accounts/${acme.accountId}`,
    headers: bearer(testApp.operatorKey),
    payload: { inbound_calls: false },
  });
  assert.equal(patched.statusCode, 200, patched.body);
  assert.deepEqual(
    [
      patched.json<{ inbound_calls: boolean; status: string }>().inbound_calls,
      patched.json<{ status: string }>().status,
    ],
    [false, 'active'],
  );
  assert.equal((await testApp.core.inbound.resolveInbound('+33123456789')).status, 'forbidden');
});

test('the admin account update refuses an empty body, a wrong type, and an unknown account', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const patch = (id: number, payload: object) =>
    testApp.app.inject({
      method: 'PATCH',
      url: `/admin/accounts/${id}`,
      headers: bearer(testApp.operatorKey),
      payload,
    });
  const empty = await patch(acme.accountId, {});
  assert.deepEqual(
    empty.json<ErrorBody>().error.issues?.map((i) => [i.field, i.rule]),
    [['body', 'minProperties']],
  );
  const wrongType = await patch(acme.accountId, { inbound_calls: 'no' });
  assert.deepEqual(
    wrongType.json<ErrorBody>().error.issues?.map((i) => [i.field, i.rule]),
    [['body.inbound_calls', 'type']],
  );
  const unknown = await patch(424242, { inbound_calls: false });
  assert.equal(unknown.statusCode, 404);
});

test('a number routes to a receptionist (seed 01 id), replacing its scenario; a foreign or unknown one is 422', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const globex = await createAccount(testApp, 'Globex');
  await addNumber(testApp, acme.accountId, '+33123456789');
  const scenarioId = await createScenario(testApp, acme);
  await routeNumber(testApp, acme, '+33123456789', scenarioId);
  const create = (tenant: TenantFixture) =>
    testApp.app.inject({
      method: 'POST',
      url: '/api/ivrs',
      headers: bearer(tenant.key),
      payload: { name: 'Desk', greeting: { text: 'Hello' }, options: { '1': scenarioId } },
    });
  const own = await create(acme);
  assert.equal(own.statusCode, 201, own.body);
  const receptionistId = own.json<{ id: string }>().id;
  const put = (payload: Record<string, string>) =>
    testApp.app.inject({
      method: 'PUT',
      url: '/voxgate/v1/numbers/+33123456789',
      headers: bearer(acme.key),
      payload,
    });

  const routed = await put({ receptionist: receptionistId });
  assert.equal(routed.statusCode, 200, routed.body);
  const body = routed.json<NumberBody & { receptionist: string | null; app: string | null }>();
  assert.deepEqual([body.receptionist, body.scenario_id, body.app], [receptionistId, null, null]);
  const decision = await testApp.core.inbound.resolveInbound('+33123456789');
  assert.equal(
    decision.status === 'receptionist' ? decision.receptionist.seedId : decision.status,
    receptionistId,
  );

  const foreignScenario = await createScenario(testApp, globex);
  const foreign = await testApp.app.inject({
    method: 'POST',
    url: '/api/ivrs',
    headers: bearer(globex.key),
    payload: { name: 'Theirs', greeting: { text: 'Hi' }, options: { '1': foreignScenario } },
  });
  assert.equal(foreign.statusCode, 201, foreign.body);
  for (const id of [foreign.json<{ id: string }>().id, 'NzAwNTUxOTA5NzczMTQ4MTYw', 'not-an-id']) {
    const refused = await put({ receptionist: id });
    assert.equal(refused.statusCode, 422, id);
    assert.deepEqual(
      refused.json<ErrorBody>().error.issues?.map((i) => [i.field, i.rule]),
      [['body.receptionist', 'exists']],
    );
  }
  const both = await put({ receptionist: receptionistId, app: 'ABCDEF01' });
  assert.equal(both.statusCode, 400);
  assert.equal(both.json<ErrorBody>().error.issues?.[0]?.rule, 'oneOf');
  assert.equal(
    (await testApp.core.inbound.resolveInbound('+33123456789')).status,
    'receptionist',
    'refused changes left the route as it was',
  );
});
