/** Call records over HTTP: the list and its filters, one record with its timeline, hanging up a live call. */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { CallRecordService } from '../../src/core/calls/call-record-service.js';
import type { LiveCallControl } from '../../src/core/calls/live-call-control.js';
import type { CallOpening } from '../../src/core/calls/types.js';
import { bearer, buildTestApp, createAccount, type TenantFixture, type TestApp } from '../helpers/app.js';

const START_MS = Date.parse('2026-03-01T10:00:00.000Z');

/**
 * The calls this node holds, as the telephony layer will: hanging one up ends it, and the end
 * closes its record (normal clearing by the platform, Q.850 cause 16).
 */
class Switchboard implements LiveCallControl {
  readonly #calls = new Set<string>();
  records: CallRecordService | null = null;

  take(callId: string): void {
    this.#calls.add(callId);
  }

  async hangup(callId: string): Promise<boolean> {
    if (!this.#calls.delete(callId) || this.records === null) return false;
    await this.records.ended(callId, {
      at: START_MS + 90_000,
      hangupCause: 16,
      hangupSource: 'GATEWAY',
      timeline: [{ seq: 1, at: '2026-03-01T10:01:30.000+0000', type: 'call.hangup', data: { by: 'api' } }],
    });
    return true;
  }
}

interface CallBody {
  id: string;
  status: string;
  direction: string;
  cli_number: string | null;
  number: string;
  scenario_id: string | null;
  duration: number | null;
  duration_answered: number | null;
  hangup_cause: number | null;
  hangup_source: string | null;
  timeline?: unknown[] | null;
}

interface Page {
  items: CallBody[];
  total: number;
  limit: number;
  offset: number;
}

interface ErrorBody {
  error: { code: string; issues?: { field: string; rule: string }[] };
}

async function setup(t: TestContext) {
  const switchboard = new Switchboard();
  const testApp = await buildTestApp(t, { liveCalls: switchboard });
  switchboard.records = testApp.core.callRecords;
  const acme = await createAccount(testApp, 'Acme');
  return { testApp, switchboard, acme };
}

/** Opens a record `offsetS` seconds after START_MS; `end` closes it at once with that source. */
async function call(
  testApp: TestApp,
  tenant: TenantFixture,
  offsetS: number,
  overrides: Partial<CallOpening> = {},
  end?: 'CALLER' | 'CALLEE' | 'GATEWAY',
): Promise<string> {
  const startedAt = START_MS + offsetS * 1000;
  const id = await testApp.core.callRecords.open({
    accountId: tenant.accountId,
    direction: 'inbound',
    from: '+33612345678',
    callerName: '',
    to: '+33123456789',
    scenarioId: null,
    scenarioName: null,
    sipCallId: `call-${offsetS}`,
    startedAt,
    ...overrides,
  });
  if (end !== undefined) {
    await testApp.core.callRecords.answered(id, startedAt + 1_000);
    await testApp.core.callRecords.ended(id, {
      at: startedAt + 11_000,
      hangupCause: 16,
      hangupSource: end,
      timeline: [],
    });
  }
  return id;
}

function list(testApp: TestApp, tenant: TenantFixture, query = '') {
  return testApp.app.inject({ method: 'GET', url: `/voxgate/v1/calls${query}`, headers: bearer(tenant.key) });
}

test('the list shows the tenant its own calls, newest first, in pages', async (t) => {
  const { testApp, acme } = await setup(t);
  const globex = await createAccount(testApp, 'Globex');
  const ids = [];
  for (const offset of [0, 60, 120]) ids.push(await call(testApp, acme, offset, {}, 'CALLER'));
  await call(testApp, globex, 30, {}, 'CALLER');
  const first = (await list(testApp, acme, '?limit=2')).json<Page>();
  assert.deepEqual(
    [first.items.map((c) => c.id), first.total, first.limit, first.offset],
    [[ids[2], ids[1]], 3, 2, 0],
  );
  const second = (await list(testApp, acme, '?limit=2&offset=2')).json<Page>();
  assert.deepEqual(
    second.items.map((c) => c.id),
    [ids[0]],
  );
  assert.equal(second.items[0]?.timeline, undefined, 'the list leaves timelines out');
});

test('the list filters by start range, direction, number, caller, scenario, hang-up source and liveness', async (t) => {
  const { testApp, acme } = await setup(t);
  const scenario = await testApp.core.scenarios.create(
    { accountId: acme.accountId, parentId: null },
    { name: 'Welcome', script: [{ say: 'Hi' }] },
  );
  const early = await call(testApp, acme, 0, {}, 'CALLER');
  const outbound = await call(testApp, acme, 60, { direction: 'outbound', to: '+44200000000' }, 'CALLEE');
  const routed = await call(
    testApp,
    acme,
    120,
    { from: '+33700000000', scenarioId: scenario.scenario.id, scenarioName: 'Welcome' },
    'GATEWAY',
  );
  const live = await call(testApp, acme, 180);
  const cases: [string, string[]][] = [
    ['from=2026-03-01T10:01:00Z&to=2026-03-01T10:02:00Z', [routed, outbound]],
    ['from=2026-03-01T10:02:30Z', [live]],
    ['direction=outbound', [outbound]],
    ['number=44200000000', [outbound]],
    ['number=%2B33123456789', [live, routed, early]],
    ['cli=33700000000', [routed]],
    [`scenario_id=${scenario.scenario.id.toLowerCase()}`, [routed]],
    ['hangup_source=CALLEE', [outbound]],
    ['live=true', [live]],
    ['live=false', [routed, outbound, early]],
  ];
  for (const [query, expected] of cases) {
    const page = (await list(testApp, acme, `?${query}`)).json<Page>();
    assert.deepEqual(
      page.items.map((c) => c.id),
      expected,
      query,
    );
    assert.equal(page.total, expected.length, query);
  }
});

test('a bad filter answers 400 naming the query field and the rule', async (t) => {
  const { testApp, acme } = await setup(t);
  const cases: [string, string, string][] = [
    ['from=yesterday', 'query.from', 'format'],
    ['from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'query.to', 'range'],
    ['number=0123456789', 'query.number', 'format'],
    ['hangup_source=SYSTEM', 'query.hangup_source', 'enum'],
    ['direction=sideways', 'query.direction', 'enum'],
    ['live=maybe', 'query.live', 'type'],
    ['limit=501', 'query.limit', 'maximum'],
    ['scenario_id=xyz', 'query.scenario_id', 'pattern'],
    ['colour=blue', 'query.colour', 'additionalProperties'],
  ];
  for (const [query, field, rule] of cases) {
    const response = await list(testApp, acme, `?${query}`);
    assert.equal(response.statusCode, 400, query);
    assert.ok(
      response.json<ErrorBody>().error.issues?.some((i) => i.field === field && i.rule === rule),
      `${query}: ${response.body}`,
    );
  }
});

test('one record comes with its durations and timeline; a live one has no timeline yet', async (t) => {
  const { testApp, acme } = await setup(t);
  const ended = await call(testApp, acme, 0, {}, 'CALLER');
  const live = await call(testApp, acme, 60);
  const get = (id: string) =>
    testApp.app.inject({ method: 'GET', url: `/voxgate/v1/calls/${id}`, headers: bearer(acme.key) });
  const endedBody = (await get(ended)).json<CallBody>();
  assert.deepEqual(
    [
      endedBody.status,
      endedBody.duration,
      endedBody.duration_answered,
      endedBody.hangup_cause,
      endedBody.hangup_source,
    ],
    ['ended', 11, 10, 16, 'CALLER'],
  );
  assert.deepEqual(endedBody.timeline, []);
  const liveBody = (await get(live)).json<CallBody>();
  assert.deepEqual([liveBody.status, liveBody.duration, liveBody.timeline], ['live', null, null]);
  const missing = await get('999999');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json<ErrorBody>().error.code, 'VG_ERR_CALLS_NOT_FOUND');
});

test('DELETE hangs up a live call through the port: 204, and the call ends its record', async (t) => {
  const { testApp, switchboard, acme } = await setup(t);
  const id = await call(testApp, acme, 0);
  switchboard.take(id);
  const response = await testApp.app.inject({
    method: 'DELETE',
    url: `/voxgate/v1/calls/${id}`,
    headers: bearer(acme.key),
  });
  assert.equal(response.statusCode, 204, response.body);
  const record = await testApp.app.inject({
    method: 'GET',
    url: `/voxgate/v1/calls/${id}`,
    headers: bearer(acme.key),
  });
  const body = record.json<CallBody>();
  assert.deepEqual([body.status, body.hangup_source, body.duration], ['ended', 'GATEWAY', 90]);
  assert.deepEqual(body.timeline, [
    { seq: 1, at: '2026-03-01T10:01:30.000+0000', type: 'call.hangup', data: { by: 'api' } },
  ]);
});

test('DELETE on an ended call answers 409 VG_ERR_CALLS_ENDED', async (t) => {
  const { testApp, acme } = await setup(t);
  const id = await call(testApp, acme, 0, {}, 'CALLER');
  const response = await testApp.app.inject({
    method: 'DELETE',
    url: `/voxgate/v1/calls/${id}`,
    headers: bearer(acme.key),
  });
  assert.equal(response.statusCode, 409);
  assert.equal(response.json<ErrorBody>().error.code, 'VG_ERR_CALLS_ENDED');
});

test('DELETE on a live record this node does not hold answers 409 VG_ERR_CALLS_NOT_HERE', async (t) => {
  const { testApp, acme } = await setup(t);
  const id = await call(testApp, acme, 0);
  const response = await testApp.app.inject({
    method: 'DELETE',
    url: `/voxgate/v1/calls/${id}`,
    headers: bearer(acme.key),
  });
  assert.equal(response.statusCode, 409);
  assert.equal(response.json<ErrorBody>().error.code, 'VG_ERR_CALLS_NOT_HERE');
  const record = await testApp.app.inject({
    method: 'GET',
    url: `/voxgate/v1/calls/${id}`,
    headers: bearer(acme.key),
  });
  assert.equal(record.json<CallBody>().status, 'live', 'nothing was hung up');
});

test("DELETE on another tenant's live call answers 404 and leaves the call up", async (t) => {
  const { testApp, switchboard, acme } = await setup(t);
  const globex = await createAccount(testApp, 'Globex');
  const id = await call(testApp, acme, 0);
  switchboard.take(id);
  const response = await testApp.app.inject({
    method: 'DELETE',
    url: `/voxgate/v1/calls/${id}`,
    headers: bearer(globex.key),
  });
  assert.equal(response.statusCode, 404);
  const record = await testApp.app.inject({
    method: 'GET',
    url: `/voxgate/v1/calls/${id}`,
    headers: bearer(acme.key),
  });
  assert.equal(record.json<CallBody>().status, 'live');
});

test('a call id that is not decimal digits answers 400 naming params.id', async (t) => {
  const { testApp, acme } = await setup(t);
  const response = await testApp.app.inject({
    method: 'GET',
    url: '/voxgate/v1/calls/abc',
    headers: bearer(acme.key),
  });
  assert.equal(response.statusCode, 400);
  assert.deepEqual(
    response.json<ErrorBody>().error.issues?.map((i) => [i.field, i.rule]),
    [['params.id', 'pattern']],
  );
});
