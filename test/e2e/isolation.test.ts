/**
 * Tenant isolation, driven by a table of every route that names an object.
 * With accounts A and B and A's sub-account A1: everything A1 tries on A's or
 * B's objects, and A on B's, answers 404 (never 403), and nothing changes.
 * A new route with a path parameter fails the completeness test until it joins
 * the table (or the list of routes that name no tenant object).
 */
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

/** What one tenant owns, as the routes address it. */
interface Victim {
  readonly accountId: number;
  readonly keyPrefix: string;
  readonly keyId: number;
  readonly userId: number;
  /** A sub-account of the victim's, or the victim itself when it has none. */
  readonly childId: number;
  readonly scenarioId: string;
  /** A number the operator gave the victim. */
  readonly number: string;
  /** A live call record of the victim's. */
  readonly callId: string;
  /** The DID hash of the victim's number. */
  readonly numberHash: string;
  /** A webhook subscription of the victim's. */
  readonly webhookHash: string;
  /** An event of the victim's that was queued for that subscription. */
  readonly eventId: string;
  /** A real-time app of the victim's. */
  readonly appHash: string;
  /** A receptionist of the victim's (seed 01 id) and one of its action URLs. */
  readonly receptionistId: string;
  readonly actionUrlId: string;
}

interface RouteCase {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The route pattern as registered, to check the table covers every route. */
  readonly pattern: string;
  readonly request: (victim: Victim) => { url: string; payload?: unknown; headers?: Record<string, string> };
  /** How this dialect says "not found"; by default HTTP 404. */
  readonly isNotFound?: (response: { statusCode: number; json: () => unknown }) => boolean;
}

const rpcNotFound: RouteCase['isNotFound'] = (response) =>
  response.statusCode === 200 && (response.json() as { error?: { code: number } }).error?.code === 110;

/** A search by another tenant's object finds nothing, as one by an unknown object does. */
const searchEmpty: RouteCase['isNotFound'] = (response) =>
  response.statusCode === 200 && (response.json() as { total?: number }).total === 0;

const SCENARIO = { name: 'taken over', script: ['hangup'] };

export const OBJECT_ROUTES: readonly RouteCase[] = [
  { method: 'GET', pattern: '/api/ivrs/:id', request: (v) => ({ url: `/api/ivrs/${v.receptionistId}` }) },
  {
    method: 'POST',
    pattern: '/api/ivrs/:id',
    request: (v) => ({ url: `/api/ivrs/${v.receptionistId}`, payload: { name: 'taken over' } }),
  },
  { method: 'DELETE', pattern: '/api/ivrs/:id', request: (v) => ({ url: `/api/ivrs/${v.receptionistId}` }) },
  {
    method: 'GET',
    pattern: '/api/ivrs/:id/action_urls',
    request: (v) => ({ url: `/api/ivrs/${v.receptionistId}/action_urls` }),
  },
  {
    method: 'POST',
    pattern: '/api/ivrs/:id/action_urls',
    request: (v) => ({
      url: `/api/ivrs/${v.receptionistId}/action_urls`,
      payload: { enabled: true, type: 'CALLER', url: 'https://attacker.example/steal' },
    }),
  },
  {
    method: 'GET',
    pattern: '/api/ivrs/:id/action_urls/:url_id',
    request: (v) => ({ url: `/api/ivrs/${v.receptionistId}/action_urls/${v.actionUrlId}` }),
  },
  {
    method: 'POST',
    pattern: '/api/ivrs/:id/action_urls/:url_id',
    request: (v) => ({
      url: `/api/ivrs/${v.receptionistId}/action_urls/${v.actionUrlId}`,
      payload: { url: 'https://attacker.example/steal' },
    }),
  },
  {
    method: 'DELETE',
    pattern: '/api/ivrs/:id/action_urls/:url_id',
    request: (v) => ({ url: `/api/ivrs/${v.receptionistId}/action_urls/${v.actionUrlId}` }),
  },
  {
    method: 'GET',
    pattern: '/voice/ivr/1/scenarios/:id',
    request: (v) => ({ url: `/voice/ivr/1/scenarios/${v.scenarioId}` }),
  },
  {
    method: 'PUT',
    pattern: '/voice/ivr/1/scenarios/:id',
    request: (v) => ({ url: `/voice/ivr/1/scenarios/${v.scenarioId}`, payload: SCENARIO }),
  },
  {
    method: 'DELETE',
    pattern: '/voice/ivr/1/scenarios/:id',
    request: (v) => ({ url: `/voice/ivr/1/scenarios/${v.scenarioId}` }),
  },
  {
    method: 'GET',
    pattern: '/voxgate/v1/numbers/:number',
    request: (v) => ({ url: `/voxgate/v1/numbers/${v.number}` }),
  },
  {
    method: 'GET',
    pattern: '/voxgate/v1/webhooks/:hash',
    request: (v) => ({ url: `/voxgate/v1/webhooks/${v.webhookHash}` }),
  },
  {
    method: 'PATCH',
    pattern: '/voxgate/v1/webhooks/:hash',
    request: (v) => ({
      url: `/voxgate/v1/webhooks/${v.webhookHash}`,
      payload: { endpoint: 'https://attacker.example/steal', status: 'DISABLED' },
    }),
  },
  {
    method: 'DELETE',
    pattern: '/voxgate/v1/webhooks/:hash',
    request: (v) => ({ url: `/voxgate/v1/webhooks/${v.webhookHash}` }),
  },
  {
    method: 'POST',
    pattern: '/voxgate/v1/webhooks/events/:event_id/redeliver',
    request: (v) => ({ url: `/voxgate/v1/webhooks/events/${v.eventId}/redeliver` }),
  },
  {
    method: 'GET',
    pattern: '/voxgate/v1/apps/:hash',
    request: (v) => ({ url: `/voxgate/v1/apps/${v.appHash}` }),
  },
  {
    method: 'PATCH',
    pattern: '/voxgate/v1/apps/:hash',
    request: (v) => ({
      url: `/voxgate/v1/apps/${v.appHash}`,
      payload: { params: { url: 'https://attacker.example/steal' } },
    }),
  },
  {
    method: 'DELETE',
    pattern: '/voxgate/v1/apps/:hash',
    request: (v) => ({ url: `/voxgate/v1/apps/${v.appHash}` }),
  },
  {
    method: 'PUT',
    pattern: '/voxgate/v1/numbers/:number',
    request: (v) => ({ url: `/voxgate/v1/numbers/${v.number}`, payload: { scenario_id: null } }),
  },
  {
    method: 'GET',
    pattern: '/voxgate/v1/calls/:id',
    request: (v) => ({ url: `/voxgate/v1/calls/${v.callId}` }),
  },
  {
    method: 'GET',
    pattern: '/voxgate/v1/cdr',
    request: (v) => ({ url: `/voxgate/v1/cdr?type=IN&did=${v.numberHash}` }),
    isNotFound: searchEmpty,
  },
  {
    method: 'GET',
    pattern: '/voxgate/v1/cdr',
    request: (v) => ({ url: `/voxgate/v1/cdr?type=IN&app=${v.scenarioId}` }),
    isNotFound: searchEmpty,
  },
  {
    method: 'DELETE',
    pattern: '/voxgate/v1/calls/:id',
    request: (v) => ({ url: `/voxgate/v1/calls/${v.callId}` }),
  },
  {
    method: 'GET',
    pattern: '/voxgate/v1/subaccounts/:id',
    request: (v) => ({ url: `/voxgate/v1/subaccounts/${v.accountId}` }),
  },
  {
    method: 'GET',
    pattern: '/voxgate/v1/subaccounts/:id',
    request: (v) => ({ url: `/voxgate/v1/subaccounts/${v.childId}` }),
  },
  {
    method: 'PATCH',
    pattern: '/voxgate/v1/subaccounts/:id',
    request: (v) => ({ url: `/voxgate/v1/subaccounts/${v.childId}`, payload: { name: 'taken over' } }),
  },
  {
    method: 'PATCH',
    pattern: '/voxgate/v1/subaccounts/:id',
    request: (v) => ({ url: `/voxgate/v1/subaccounts/${v.accountId}`, payload: { status: 'disabled' } }),
  },
  {
    method: 'DELETE',
    pattern: '/voxgate/v1/subaccounts/:id',
    request: (v) => ({ url: `/voxgate/v1/subaccounts/${v.childId}` }),
  },
  {
    method: 'DELETE',
    pattern: '/voxgate/v1/subaccounts/:id',
    request: (v) => ({ url: `/voxgate/v1/subaccounts/${v.accountId}` }),
  },
  {
    method: 'GET',
    pattern: '/voxgate/v1/subaccounts/:id/keys',
    request: (v) => ({ url: `/voxgate/v1/subaccounts/${v.childId}/keys` }),
  },
  {
    method: 'POST',
    pattern: '/voxgate/v1/subaccounts/:id/keys',
    request: (v) => ({ url: `/voxgate/v1/subaccounts/${v.accountId}/keys`, payload: {} }),
  },
  {
    method: 'DELETE',
    pattern: '/voxgate/v1/keys/:prefix',
    request: (v) => ({ url: `/voxgate/v1/keys/${v.keyPrefix}` }),
  },
  {
    method: 'DELETE',
    pattern: '/voxgate/v1/users/:id',
    request: (v) => ({ url: `/voxgate/v1/users/${v.userId}` }),
  },
  {
    method: 'POST',
    pattern: '/json-rpc/v1.1/',
    request: (v) => ({
      url: '/json-rpc/v1.1/',
      headers: { 'content-type': 'application/json' },
      payload: { jsonrpc: '2.0', id: 1, method: 'api-key.delete', params: [v.keyId] },
    }),
    isNotFound: rpcNotFound,
  },
];

/** Routes with a path parameter that name no tenant object, and why. */
const NOT_TENANT_OBJECTS: Readonly<Record<string, string>> = {
  'GET /admin/accounts/:id': 'operator only: a tenant key gets 401 (auth.test.ts)',
  'PATCH /admin/accounts/:id': 'operator only',
  'POST /admin/accounts/:id/keys': 'operator only',
  'DELETE /admin/numbers/:number': 'operator only',
  'DELETE /admin/keys/:prefix': 'operator only',
  'GET /docs/static/*': 'API documentation assets',
};

async function ownKey(testApp: TestApp, tenant: TenantFixture): Promise<{ prefix: string; id: number }> {
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/keys',
    headers: bearer(tenant.key),
    payload: { name: 'victim key' },
  });
  const prefix = created.json<{ prefix: string }>().prefix;
  const all = await testApp.core.credentials.listApiKeys(tenant.accountId);
  const id = all.find((k) => k.prefix === prefix)?.id;
  assert.ok(id !== undefined);
  return { prefix, id };
}

async function ownUser(testApp: TestApp, tenant: TenantFixture, login: string): Promise<number> {
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/users',
    headers: bearer(tenant.key),
    payload: { login, password: 'long enough password' },
  });
  assert.equal(created.statusCode, 201, created.body);
  return created.json<{ id: number }>().id;
}

async function ownScenario(testApp: TestApp, tenant: TenantFixture): Promise<string> {
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/voice/ivr/1/scenarios',
    headers: bearer(tenant.key),
    payload: { name: 'victim scenario', script: [{ say: 'hello' }] },
  });
  assert.equal(created.statusCode, 200, created.body);
  return created.json<{ id: string }>().id;
}

/** A number the operator gives the tenant, routed to its scenario, and a live call to it. */
async function ownNumberAndCall(
  testApp: TestApp,
  tenant: TenantFixture,
  number: string,
  scenarioId: string,
): Promise<{ number: string; numberHash: string; callId: string }> {
  const added = await testApp.app.inject({
    method: 'POST',
    url: '/admin/numbers',
    headers: bearer(testApp.operatorKey),
    payload: { account_id: tenant.accountId, number },
  });
  assert.equal(added.statusCode, 201, added.body);
  const routed = await testApp.app.inject({
    method: 'PUT',
    url: `/voxgate/v1/numbers/${number}`,
    headers: bearer(tenant.key),
    payload: { scenario_id: scenarioId },
  });
  assert.equal(routed.statusCode, 200, routed.body);
  const callId = await testApp.core.callRecords.open({
    accountId: tenant.accountId,
    direction: 'inbound',
    from: '+33612345678',
    callerName: '',
    to: number,
    scenarioId,
    scenarioName: 'victim scenario',
    sipCallId: `victim-${number}`,
    startedAt: Date.now(),
  });
  return { number, numberHash: added.json<{ hash: string }>().hash, callId };
}

async function victimOf(
  testApp: TestApp,
  tenant: TenantFixture,
  childId: number,
  login: string,
  number: string,
): Promise<Victim> {
  const scenarioId = await ownScenario(testApp, tenant);
  const key = await ownKey(testApp, tenant);
  const webhook = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/webhooks',
    headers: bearer(tenant.key),
    payload: { type: 'call.inbound_start', endpoint: 'https://victim.example/hooks' },
  });
  assert.equal(webhook.statusCode, 201, webhook.body);
  const app = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/apps',
    headers: bearer(tenant.key),
    payload: { name: 'victim app', package: 'REALTIME10', params: { url: 'https://victim.example/rt' } },
  });
  assert.equal(app.statusCode, 201, app.body);
  const numberAndCall = await ownNumberAndCall(testApp, tenant, number, scenarioId);
  const receptionist = await testApp.app.inject({
    method: 'POST',
    url: '/api/ivrs',
    headers: bearer(tenant.key),
    payload: { name: 'victim desk', greeting: { text: 'Hello' }, options: { '1': scenarioId } },
  });
  assert.equal(receptionist.statusCode, 201, receptionist.body);
  const receptionistId = receptionist.json<{ id: string }>().id;
  const actionUrl = await testApp.app.inject({
    method: 'POST',
    url: `/api/ivrs/${receptionistId}/action_urls`,
    headers: bearer(tenant.key),
    payload: { name: 'victim hook', url: 'https://victim.example/dtmf' },
  });
  assert.equal(actionUrl.statusCode, 201, actionUrl.body);
  const event = await testApp.database.db
    .selectFrom('events')
    .select('id')
    .where('account_id', '=', tenant.accountId)
    .where('type', '=', 'call.inbound_start')
    .executeTakeFirstOrThrow();
  return {
    webhookHash: webhook.json<{ hash: string }>().hash,
    appHash: app.json<{ hash: string }>().hash,
    receptionistId,
    actionUrlId: actionUrl.json<{ id: string }>().id,
    eventId: event.id,
    accountId: tenant.accountId,
    keyPrefix: key.prefix,
    keyId: key.id,
    userId: await ownUser(testApp, tenant, login),
    childId,
    scenarioId,
    ...numberAndCall,
  };
}

/** Everything a tenant can read about itself, to prove an attack changed nothing. */
async function snapshot(testApp: TestApp, tenant: TenantFixture): Promise<string> {
  const read = async (url: string) =>
    (await testApp.app.inject({ method: 'GET', url, headers: bearer(tenant.key) })).body;
  return JSON.stringify([
    await read('/voxgate/v1/account'),
    await read('/voxgate/v1/keys'),
    await read('/voxgate/v1/users'),
    await read('/voxgate/v1/subaccounts'),
    await read('/voice/ivr/1/scenarios'),
    await read('/voxgate/v1/numbers'),
    await read('/voxgate/v1/calls'),
    await read('/voxgate/v1/webhooks'),
    await read('/voxgate/v1/webhooks/logs'),
    await read('/voxgate/v1/apps'),
    await read('/api/ivrs'),
    ...(await Promise.all(
      (JSON.parse(await read('/api/ivrs')) as { id: string }[]).map((ivr) =>
        read(`/api/ivrs/${ivr.id}/action_urls`),
      ),
    )),
  ]);
}

test('every route that names an object is in the isolation table', async (t) => {
  const testApp = await buildTestApp(t);
  const covered = new Set(OBJECT_ROUTES.map((r) => `${r.method} ${r.pattern}`));
  const missing = testApp.app.voxgateRoutes
    .filter(
      (r) =>
        r.method !== 'HEAD' && (r.url.includes(':') || r.url.includes('*') || r.url.startsWith('/json-rpc')),
    )
    .map((r) => `${r.method} ${r.url}`)
    .filter(
      (r) =>
        !covered.has(r) &&
        !(r in NOT_TENANT_OBJECTS) &&
        !r.startsWith('GET /json-rpc') &&
        !/^(PUT|DELETE|PATCH) \/json-rpc/.test(r),
    );
  assert.deepEqual(missing, []);
});

test('A1 on its parent A or on B, and A on B, gets 404 on every route and changes nothing', async (t) => {
  const testApp = await buildTestApp(t);
  const a = await createAccount(testApp, 'A');
  const b = await createAccount(testApp, 'B');
  const a1 = await createSubaccount(testApp, a, 'A1');
  const b1 = await createSubaccount(testApp, b, 'B1');
  const victimA = await victimOf(testApp, a, a1.accountId, 'user-of-a', '+33100000001');
  const victimB = await victimOf(testApp, b, b1.accountId, 'user-of-b', '+33100000002');
  const attacks: { attacker: TenantFixture; name: string; victim: Victim; owner: TenantFixture }[] = [
    { attacker: a1, name: 'A1 on A', victim: victimA, owner: a },
    { attacker: a1, name: 'A1 on B', victim: victimB, owner: b },
    { attacker: a, name: 'A on B', victim: victimB, owner: b },
  ];
  for (const attack of attacks) {
    const before = await snapshot(testApp, attack.owner);
    for (const route of OBJECT_ROUTES) {
      const request = route.request(attack.victim);
      const response = await testApp.app.inject({
        method: route.method,
        url: request.url,
        headers: { ...bearer(attack.attacker.key), ...request.headers },
        ...(request.payload === undefined ? {} : { payload: request.payload as object }),
      });
      const notFound = route.isNotFound ?? ((r) => r.statusCode === 404);
      assert.ok(
        notFound({ statusCode: response.statusCode, json: () => response.json() }),
        `${attack.name}: ${route.method} ${request.url} answered ${response.statusCode} ${response.body}`,
      );
    }
    assert.equal(
      await snapshot(testApp, attack.owner),
      before,
      `${attack.name} changed the victim's objects`,
    );
  }
});

test('a parent sees and manages its sub-account; the sub-account does not see its parent', async (t) => {
  const testApp = await buildTestApp(t);
  const a = await createAccount(testApp, 'A');
  const a1 = await createSubaccount(testApp, a, 'A1');
  const byParent = await testApp.app.inject({
    method: 'GET',
    url: `/voxgate/v1/subaccounts/${a1.accountId}`,
    headers: bearer(a.key),
  });
  assert.equal(byParent.statusCode, 200);
  assert.equal(byParent.json<{ parent_id: number }>().parent_id, a.accountId);
  const childList = await testApp.app.inject({
    method: 'GET',
    url: '/voxgate/v1/subaccounts',
    headers: bearer(a1.key),
  });
  assert.equal(childList.json<{ total: number }>().total, 0);
  const revokeChildKey = await testApp.app.inject({
    method: 'DELETE',
    url: `/voxgate/v1/keys/${a1.prefix}`,
    headers: bearer(a.key),
  });
  assert.equal(revokeChildKey.statusCode, 204);
  const nested = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/subaccounts',
    headers: bearer(a.key),
    payload: { name: 'A2' },
  });
  const a2Key = await testApp.app.inject({
    method: 'POST',
    url: `/voxgate/v1/subaccounts/${nested.json<{ id: number }>().id}/keys`,
    headers: bearer(a.key),
    payload: {},
  });
  const grandchild = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/subaccounts',
    headers: bearer(a2Key.json<{ key: string }>().key),
    payload: { name: 'A2x' },
  });
  assert.equal(grandchild.statusCode, 409);
  assert.equal(grandchild.json<{ error: { code: string } }>().error.code, 'VG_ERR_ACCOUNTS_NESTING');
});
