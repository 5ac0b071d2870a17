import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../test/helpers/database.js';
import type { Db } from '../../db/database.js';
import { createCore, type Core } from '../index.js';
import type { CallOpening } from './types.js';

const START_MS = Date.parse('2026-03-01T10:00:00.000Z');

interface Fixture {
  readonly db: Db;
  readonly core: Core;
  readonly tenant: { accountId: number; parentId: null };
  readonly scenarioId: string;
}

async function fixture(t: TestContext): Promise<Fixture> {
  const database = await openTestDatabase(t);
  const core = createCore({ db: database.db, nodeId: 'node-a' });
  const account = await core.accounts.createAccount('Acme');
  const tenant = { accountId: account.id, parentId: null };
  const { scenario } = await core.scenarios.create(tenant, { name: 'Welcome', script: [{ say: 'Hi' }] });
  return { db: database.db, core, tenant, scenarioId: scenario.id };
}

interface StoredEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly jobs: number;
}

/** The account's events in the order written, with how many delivery jobs each got. */
async function eventsOf(f: Fixture): Promise<StoredEvent[]> {
  const rows = await f.db
    .selectFrom('events')
    .select(['id', 'type', 'data'])
    .where('account_id', '=', f.tenant.accountId)
    .orderBy('occurred_at')
    .execute();
  const events: StoredEvent[] = [];
  for (const row of rows) {
    const jobs = await f.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('event_id', '=', row.id)
      .executeTakeFirstOrThrow();
    events.push({
      type: row.type,
      data: JSON.parse(row.data) as Record<string, unknown>,
      jobs: Number(jobs.n),
    });
  }
  return events;
}

function opening(f: Fixture, numberId: number, overrides: Partial<CallOpening> = {}): CallOpening {
  return {
    accountId: f.tenant.accountId,
    direction: 'inbound',
    from: '+33612345678',
    callerName: 'Alice',
    to: '+16469820800',
    numberId,
    scenarioId: f.scenarioId,
    scenarioName: 'Welcome',
    sipCallId: 'a84b4c76e66710@pc33.example.com',
    startedAt: START_MS,
    ...overrides,
  };
}

test('an inbound call writes call.inbound_start and call.inbound_hangup with seed CDR.In data', async (t) => {
  const f = await fixture(t);
  const did = await f.core.numbers.add(f.tenant.accountId, '+16469820800');
  for (const type of ['call.inbound_start', 'call.inbound_hangup'] as const) {
    await f.core.webhooks.subscribe(f.tenant, { type, endpoint: 'https://hooks.example.com/calls' });
  }
  const id = await f.core.callRecords.open(opening(f, did.id));
  await f.core.callRecords.answered(id, START_MS + 2_000);
  assert.equal(
    await f.core.callRecords.ended(id, {
      at: START_MS + 62_400,
      hangupCause: 16,
      hangupSource: 'CALLER',
      timeline: [],
    }),
    true,
  );

  const events = (await eventsOf(f)).filter((event) => event.type.startsWith('call.'));
  assert.deepEqual(
    events.map((event) => [event.type, event.jobs]),
    [
      ['call.inbound_start', 1],
      ['call.inbound_hangup', 1],
    ],
  );
  const common = {
    billing_customer_cost_label: '',
    billing_customer_credit_eur: '0.00',
    billing_customer_debit_eur: '0.00',
    callid: Number(id),
    cli_country_code: 'FR',
    cli_name: 'Alice',
    cli_number: '+33612345678',
    cli_number_type: '',
    cli_pres: 'allowed_passed_screen',
    customer_field: '',
    did_hash: did.hash,
    did_intl_number: '+16469820800',
    package_name: 'ACTIONS10',
    scenario_hash: f.scenarioId,
    scenario_name: 'Welcome',
    start: '2026-03-01 10:00:00',
  };
  assert.deepEqual(events[0]!.data, {
    ...common,
    answer: null,
    duration: 0,
    duration_answered: 0,
    duration_billed: 0,
    hangup: null,
    hangupcause: 0,
    hangupsource: null,
  });
  assert.deepEqual(events[1]!.data, {
    ...common,
    answer: '2026-03-01 10:00:02',
    duration: 62,
    duration_answered: 60,
    duration_billed: 60,
    hangup: '2026-03-01 10:01:02',
    hangupcause: 16,
    hangupsource: 'CALLER',
  });
});

test('a call the node left live gets its hang-up event when the node starts again', async (t) => {
  const f = await fixture(t);
  const did = await f.core.numbers.add(f.tenant.accountId, '+16469820800');
  await f.core.webhooks.subscribe(f.tenant, {
    type: 'call.inbound_hangup',
    endpoint: 'https://hooks.example.com/calls',
  });
  const id = await f.core.callRecords.open(opening(f, did.id));
  // Another process (the restarted node) knows nothing of the call but its row.
  const restarted = createCore({ db: f.db, nodeId: 'node-a' });
  assert.equal(await restarted.callRecords.closeOrphans(), 1);
  const hangup = (await eventsOf(f)).find((event) => event.type === 'call.inbound_hangup');
  assert.ok(hangup !== undefined);
  assert.equal(hangup.jobs, 1);
  assert.equal(hangup.data['callid'], Number(id));
  assert.equal(hangup.data['did_hash'], did.hash);
  assert.equal(hangup.data['hangupcause'], 41);
  assert.equal(hangup.data['hangupsource'], 'GATEWAY');
});

test('the event is written in the call record transaction: no event, no record', async (t) => {
  const f = await fixture(t);
  const did = await f.core.numbers.add(f.tenant.accountId, '+16469820800');
  await f.core.webhooks.subscribe(f.tenant, {
    type: 'call.inbound_start',
    endpoint: 'https://hooks.example.com/calls',
  });
  await sql`drop table deliveries`.execute(f.db);
  await sql`drop table events`.execute(f.db);
  await assert.rejects(f.core.callRecords.open(opening(f, did.id)));
  const calls = await f.db
    .selectFrom('calls')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(calls.n), 0);
});

test('giving a number to an account and taking it back write did.assigned and did.unassigned', async (t) => {
  const f = await fixture(t);
  for (const type of ['did.assigned', 'did.unassigned'] as const)
    await f.core.webhooks.subscribe(f.tenant, { type, endpoint: 'https://hooks.example.com/dids' });
  const did = await f.core.numbers.add(f.tenant.accountId, '33612345678');
  assert.match(did.hash, /^[0-9A-F]{8}$/);
  await f.core.numbers.route(f.tenant, did.number, f.scenarioId);
  await f.core.numbers.remove(did.number);

  const events = await eventsOf(f);
  const expected = {
    class: 'CLASSIC',
    country_code: 'FR',
    hash: did.hash,
    intl_number: '+33612345678',
    local_number: '0612345678',
    local_number_f: '06 12 34 56 78',
    type: 'MOBILE',
  };
  assert.deepEqual(
    events.map((event) => [event.type, event.jobs, event.data]),
    [
      ['did.assigned', 1, { ...expected, app: null }],
      ['did.unassigned', 1, { ...expected, app: f.scenarioId }],
    ],
  );
});

test('a number another account holds is refused and writes no event', async (t) => {
  const f = await fixture(t);
  await f.core.webhooks.subscribe(f.tenant, {
    type: 'did.assigned',
    endpoint: 'https://hooks.example.com/dids',
  });
  await f.core.numbers.add(f.tenant.accountId, '+33123456789');
  const other = await f.core.accounts.createAccount('Globex');
  await f.core.webhooks.subscribe(
    { accountId: other.id, parentId: null },
    { type: 'did.assigned', endpoint: 'https://hooks.example.com/globex' },
  );
  await assert.rejects(f.core.numbers.add(other.id, '+33123456789'), { code: 'VG_ERR_NUMBERS_TAKEN' });
  const assigned = (await eventsOf(f)).filter((event) => event.type === 'did.assigned');
  assert.equal(assigned.length, 1);
  const otherEvents = await f.db
    .selectFrom('events')
    .select('id')
    .where('account_id', '=', other.id)
    .execute();
  assert.deepEqual(otherEvents, []);
});

test('an event nobody subscribed to is not stored: a call with no subscription writes its record only', async (t) => {
  const f = await fixture(t);
  const did = await f.core.numbers.add(f.tenant.accountId, '+16469820800');
  const id = await f.core.callRecords.open(opening(f, did.id));
  await f.core.callRecords.ended(id, {
    at: START_MS + 5_000,
    hangupCause: 16,
    hangupSource: 'CALLER',
    timeline: [],
  });
  assert.deepEqual(await eventsOf(f), []);
  const record = await f.db
    .selectFrom('calls')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(record.status, 'ended');
});
