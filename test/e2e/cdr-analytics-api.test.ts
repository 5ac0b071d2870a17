/**
 * CDR search and analytics over HTTP: calls recorded by the call-record service as the telephony
 * layer records them, read back seed-shaped; validation naming the field and the rule; another
 * account's DID matching nothing.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { bearer, buildTestApp, createAccount, type TenantFixture, type TestApp } from '../helpers/app.js';

const START_MS = Date.parse('2025-03-01T10:00:00.000Z');
const DAY = 'from=2025-03-01%2000:00:00&to=2025-03-01%2023:59:59';

interface ErrorBody {
  error: { code: string; issues?: { field: string; rule: string }[] };
}

async function ownNumber(testApp: TestApp, tenant: TenantFixture, number: string): Promise<string> {
  const added = await testApp.app.inject({
    method: 'POST',
    url: '/admin/numbers',
    headers: bearer(testApp.operatorKey),
    payload: { account_id: tenant.accountId, number },
  });
  assert.equal(added.statusCode, 201, added.body);
  return added.json<{ hash: string }>().hash;
}

/** An inbound call to `number`, answered 2 s after it starts and hung up by the caller after `talk` s. */
async function inboundCall(
  testApp: TestApp,
  tenant: TenantFixture,
  number: string,
  offsetS: number,
  talk: number,
) {
  const did = await testApp.database.db
    .selectFrom('numbers')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  const startedAt = START_MS + offsetS * 1000;
  const id = await testApp.core.callRecords.open({
    accountId: tenant.accountId,
    direction: 'inbound',
    from: '+33612345678',
    callerName: 'Alice',
    to: number,
    numberId: did.id,
    scenarioId: null,
    scenarioName: null,
    sipCallId: `cdr-${offsetS}`,
    startedAt,
  });
  await testApp.core.callRecords.answered(id, startedAt + 2000);
  await testApp.core.callRecords.ended(id, {
    at: startedAt + 2000 + talk * 1000,
    hangupCause: 16,
    hangupSource: 'CALLER',
    timeline: [],
  });
  return id;
}

async function setup(t: TestContext) {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const other = await createAccount(testApp, 'Other');
  const acmeDid = await ownNumber(testApp, acme, '+33100000001');
  const otherDid = await ownNumber(testApp, other, '+33100000002');
  const ids = [
    await inboundCall(testApp, acme, '+33100000001', 0, 30),
    await inboundCall(testApp, acme, '+33100000001', 60, 90),
    await inboundCall(testApp, other, '+33100000002', 0, 10),
  ];
  return { testApp, acme, other, acmeDid, otherDid, ids };
}

function get(testApp: TestApp, tenant: TenantFixture, url: string) {
  return testApp.app.inject({ method: 'GET', url, headers: bearer(tenant.key) });
}

test('CDR search answers Search.Results of CDR.In, newest first, paged by offset and quantity', async (t) => {
  const { testApp, acme, acmeDid, ids } = await setup(t);
  const response = await get(testApp, acme, `/voxgate/v1/cdr?type=IN&${DAY}&quantity=1`);
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json<{
    offset: number;
    total: number;
    has_more: boolean;
    hits: Record<string, unknown>[];
  }>();
  assert.deepEqual(
    { offset: body.offset, total: body.total, has_more: body.has_more },
    { offset: 0, total: 2, has_more: true },
  );
  assert.deepEqual(body.hits[0], {
    answer: '2025-03-01 10:01:02',
    billing_customer_cost_label: '',
    billing_customer_credit_eur: '0.00',
    billing_customer_debit_eur: '0.00',
    callid: Number(ids[1]),
    cli_country_code: 'FR',
    cli_name: 'Alice',
    cli_number: '+33612345678',
    cli_number_type: '',
    cli_pres: 'allowed_passed_screen',
    customer_field: '',
    did_hash: acmeDid,
    did_intl_number: '+33100000001',
    duration: 92,
    duration_answered: 90,
    duration_billed: 90,
    hangup: '2025-03-01 10:02:32',
    hangupcause: 16,
    hangupsource: 'CALLER',
    package_name: '',
    scenario_hash: '',
    scenario_name: '',
    start: '2025-03-01 10:01:00',
  });
  const second = await get(testApp, acme, `/voxgate/v1/cdr?type=IN&${DAY}&quantity=1&offset=1`);
  const page2 = second.json<{ has_more: boolean; hits: { callid: number }[] }>();
  assert.deepEqual([page2.has_more, page2.hits.map((h) => h.callid)], [false, [Number(ids[0])]]);
  const byDid = await get(testApp, acme, `/voxgate/v1/cdr?type=IN&did=${acmeDid.toLowerCase()}`);
  assert.equal(byDid.json<{ total: number }>().total, 2);
  const outbound = await get(testApp, acme, `/voxgate/v1/cdr?type=OUT&${DAY}`);
  assert.equal(outbound.json<{ total: number }>().total, 0);
});

test("another account's DID hash matches nothing; its calls never show", async (t) => {
  const { testApp, acme, other, otherDid } = await setup(t);
  const foreign = await get(testApp, acme, `/voxgate/v1/cdr?type=IN&did=${otherDid}`);
  assert.equal(foreign.statusCode, 200);
  assert.deepEqual(foreign.json(), { offset: 0, total: 0, has_more: false, hits: [] });
  const own = await get(testApp, other, `/voxgate/v1/cdr?type=IN&did=${otherDid}`);
  assert.equal(own.json<{ total: number }>().total, 1);
  const summary = await get(testApp, other, `/voxgate/v1/analytics/calls/summary?${DAY}`);
  assert.deepEqual(summary.json<{ IN: { count: number; duration: number } }>().IN.count, 1);
});

test('the analytics routes answer the seed objects', async (t) => {
  const { testApp, acme, acmeDid } = await setup(t);
  const summary = await get(testApp, acme, `/voxgate/v1/analytics/calls/summary?${DAY}`);
  assert.equal(summary.statusCode, 200, summary.body);
  assert.deepEqual(summary.json(), {
    IN: { aloc: 60, count: 2, credit: '0.0000', debit: '0.0000', duration: 120, unique_callers: 1 },
    OUT: { aloc: 0, count: 0, credit: '0.0000', debit: '0.0000', duration: 0 },
  });
  const history = await get(testApp, acme, `/voxgate/v1/analytics/calls/history?${DAY}`);
  assert.deepEqual(
    history.json<{ IN: { date: string; count: number }[] }>().IN.map((b) => [b.date, b.count]),
    [['2025-03-01 10:00:00', 2]],
  );
  const dids = await get(
    testApp,
    acme,
    `/voxgate/v1/analytics/calls/inbound-dids?${DAY}&sort=duration&limit=5`,
  );
  assert.deepEqual(
    dids
      .json<{ hash: string; intl: string; billing_label: string }[]>()
      .map((d) => [d.hash, d.intl, d.billing_label]),
    [[acmeDid, '+33100000001', 'France']],
  );
  const callers = await get(testApp, acme, `/voxgate/v1/analytics/calls/cli-countries?${DAY}`);
  assert.deepEqual(
    callers.json<{ country_code: string; count: number }[]>().map((c) => [c.country_code, c.count]),
    [['FR', 2]],
  );
  for (const path of [
    'calls/top-apps?type=OUT&',
    'calls/outbound-countries?',
    'calls/outbound-destinations?',
    'sms/summary?',
    'sms/history?',
    'sms/summary-out?fields=count,parts&',
    'sms/history-out?',
    'sms/summary-out-by-status?',
    'sms/history-out-by-status?',
  ]) {
    const response = await get(testApp, acme, `/voxgate/v1/analytics/${path}${DAY}`);
    assert.equal(response.statusCode, 200, `${path}: ${response.body}`);
  }
  const trimmed = await get(testApp, acme, `/voxgate/v1/analytics/sms/summary-out?fields=parts&${DAY}`);
  assert.deepEqual(trimmed.json(), { parts: 0 });
});

test('bad queries answer 400 naming the field and the rule', async (t) => {
  const { testApp, acme } = await setup(t);
  const cases: [string, string, string][] = [
    ['/voxgate/v1/cdr?from=2025-03-01%2000:00:00', 'query.type', 'required'],
    ['/voxgate/v1/cdr?type=BOTH', 'query.type', 'enum'],
    ['/voxgate/v1/cdr?type=IN&from=yesterday', 'query.from', 'pattern'],
    ['/voxgate/v1/cdr?type=IN&from=2025-02-30%2000:00:00', 'query.from', 'format'],
    ['/voxgate/v1/cdr?type=IN&from=2025-03-02%2000:00:00&to=2025-03-01%2000:00:00', 'query.to', 'range'],
    ['/voxgate/v1/cdr?type=IN&quantity=201', 'query.quantity', 'maximum'],
    ['/voxgate/v1/cdr?type=IN&quantity=0', 'query.quantity', 'minimum'],
    ['/voxgate/v1/cdr?type=IN&offset=-1', 'query.offset', 'minimum'],
    ['/voxgate/v1/cdr?type=IN&did=short', 'query.did', 'pattern'],
    ['/voxgate/v1/cdr?type=IN&number=abc', 'query.number', 'format'],
    ['/voxgate/v1/cdr?type=IN&hash=AAAA0001', 'query.hash', 'additionalProperties'],
    ['/voxgate/v1/analytics/calls/summary?from=2025-03-01%2000:00:00', 'query.to', 'required'],
    [`/voxgate/v1/analytics/calls/inbound-dids?${DAY}&limit=101`, 'query.limit', 'maximum'],
    [`/voxgate/v1/analytics/calls/inbound-dids?${DAY}&limit=0`, 'query.limit', 'minimum'],
    [`/voxgate/v1/analytics/calls/cli-countries?${DAY}&sort=size`, 'query.sort', 'enum'],
    [`/voxgate/v1/analytics/calls/top-apps?${DAY}`, 'query.type', 'required'],
    [`/voxgate/v1/analytics/sms/summary-out?${DAY}&fields=count,colour`, 'query.fields', 'pattern'],
    [
      '/voxgate/v1/analytics/calls/history?from=2025-03-02%2000:00:00&to=2025-03-01%2000:00:00',
      'query.to',
      'range',
    ],
  ];
  for (const [url, field, rule] of cases) {
    const response = await get(testApp, acme, url);
    assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
    const error = response.json<ErrorBody>().error;
    assert.equal(error.code, 'VG_ERR_REQUEST_INVALID');
    assert.ok(
      error.issues?.some((i) => i.field === field && i.rule === rule),
      `${url}: ${response.body}`,
    );
  }
});
