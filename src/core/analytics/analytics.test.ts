/**
 * Calls and SMS analytics over a real database, each figure checked against values worked out by
 * hand from the rows below; another account's calls and calls outside the range must not count.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Insertable } from 'kysely';
import { openTestDatabase } from '../../../test/helpers/database.js';
import type { Db } from '../../db/database.js';
import type { CallsTable, SmsMessagesTable } from '../../db/schema.js';
import { createCore, type Core } from '../index.js';

const APP_A = 'A'.repeat(32);
const APP_B = 'B'.repeat(32);
const ZERO = { credit: '0.0000', debit: '0.0000' };

interface Fixture {
  readonly core: Core;
  readonly acme: { accountId: number; parentId: null };
  readonly other: { accountId: number; parentId: null };
}

let sequence = 0;

function call(
  accountId: number,
  at: string,
  values: Partial<Insertable<CallsTable>>,
): Insertable<CallsTable> {
  sequence += 1;
  return {
    account_id: accountId,
    direction: 'inbound',
    status: 'ended',
    node_id: 'test',
    sip_call_id: `call-${sequence}`,
    cli_number: null,
    cli_name: null,
    cli_pres: 'allowed_passed_screen',
    number: '+33100000001',
    number_id: null,
    scenario_id: null,
    scenario_name: null,
    started_at: `2025-03-${at}.000Z`,
    answered_at: null,
    ended_at: `2025-03-${at}.000Z`,
    duration: 0,
    duration_answered: 0,
    hangup_cause: 16,
    hangup_source: 'CALLER',
    timeline: null,
    ...values,
  };
}

/** Answered: `answered_at` set and the answered seconds. */
const answered = (seconds: number) => ({
  answered_at: '2025-03-01T00:00:00.000Z',
  duration_answered: seconds,
});

function sms(accountId: number, id: string, at: string, values: Partial<Insertable<SmsMessagesTable>>) {
  return {
    id,
    account_id: accountId,
    type: 'OUT' as const,
    from_address: 'SMS',
    to_number: '+33612345678',
    text: 'Hello',
    encoding: 'GSM' as const,
    parts: 1,
    status: 'SENT' as const,
    status_error: null,
    nature: 'ALERTING' as const,
    call_id: null,
    user_data: null,
    created_at: `2025-03-${at}.000Z`,
    updated_at: `2025-03-${at}.000Z`,
    sent_at: null,
    received_at: null,
    ...values,
  };
}

async function seed(db: Db, acme: number, other: number): Promise<void> {
  const did1 = {
    number: '+33100000001',
    account_id: acme,
    scenario_id: null,
    created_at: 'x',
    updated_at: 'x',
  };
  await db
    .insertInto('numbers')
    .values([
      { ...did1, hash: 'AAAA0001' },
      { ...did1, number: '+33100000002', hash: 'AAAA0002' },
    ])
    .execute();
  const fr = { cli_country: 'FR', number_country: 'FR' };
  await db
    .insertInto('calls')
    .values([
      // Inbound, in range (2025-03-01).
      call(acme, '01T10:05:00', { ...fr, cli_number: '+33611111111', scenario_id: APP_A, ...answered(60) }),
      call(acme, '01T10:30:00', { ...fr, cli_number: '+33611111111', scenario_id: APP_A, ...answered(30) }),
      call(acme, '01T11:00:00', {
        cli_country: 'GB',
        number_country: 'FR',
        cli_number: '+442071234567',
        number: '+33100000002',
        scenario_id: APP_B,
      }),
      // Withheld caller, unrouted number: no country, no app.
      call(acme, '01T11:10:00', { number_country: 'FR', ...answered(10) }),
      // Live: answered, no answered seconds yet.
      call(acme, '01T11:20:00', {
        ...fr,
        status: 'live',
        cli_number: '+33622222222',
        number: '+33100000002',
        scenario_id: APP_B,
        answered_at: '2025-03-01T11:20:02.000Z',
        ended_at: null,
        duration: null,
        duration_answered: null,
      }),
      // Outbound, in range.
      call(acme, '01T10:00:00', {
        direction: 'outbound',
        cli_country: 'FR',
        number_country: 'GB',
        number: '+442079460000',
        scenario_id: APP_A,
        ...answered(120),
      }),
      call(acme, '01T12:00:00', {
        direction: 'outbound',
        cli_country: 'FR',
        number_country: 'US',
        number: '+12125550100',
        scenario_id: APP_A,
        ...answered(200),
      }),
      call(acme, '01T12:30:00', {
        direction: 'outbound',
        cli_country: 'FR',
        number_country: 'GB',
        number: '+442079460001',
        scenario_id: APP_B,
      }),
      // Outside the day, and another account's.
      call(acme, '02T00:00:00', { ...fr, cli_number: '+33633333333', scenario_id: APP_A, ...answered(500) }),
      call(other, '01T10:00:00', {
        ...fr,
        cli_number: '+33644444444',
        scenario_id: APP_A,
        ...answered(1000),
      }),
      call(other, '01T10:00:00', { direction: 'outbound', number_country: 'DE', ...answered(1000) }),
    ])
    .execute();
  await db
    .insertInto('sms_messages')
    .values([
      sms(acme, 'S0000001', '01T10:00:00', { parts: 1 }),
      sms(acme, 'S0000002', '01T10:30:00', { parts: 2 }),
      sms(acme, 'S0000003', '01T11:00:00', { parts: 3, status: 'ERROR' }),
      sms(acme, 'S0000004', '01T10:00:00', { type: 'IN', status: 'RECEIVED', parts: 1 }),
      sms(acme, 'S0000005', '02T10:00:00', { parts: 1 }),
      sms(other, 'S0000006', '01T10:00:00', { parts: 5 }),
    ])
    .execute();
}

async function fixture(t: TestContext): Promise<Fixture> {
  const database = await openTestDatabase(t);
  const core = createCore({ db: database.db, nodeId: 'test' });
  const acme = { accountId: (await core.accounts.createAccount('Acme')).id, parentId: null };
  const other = { accountId: (await core.accounts.createAccount('Other')).id, parentId: null };
  await seed(database.db, acme.accountId, other.accountId);
  return { core, acme, other };
}

const utc = (text: string) => new Date(`${text}Z`);
const DAY = { from: utc('2025-03-01T00:00:00'), to: utc('2025-03-01T23:59:59') };
const top = (sort: 'count' | 'duration' | 'aloc' | 'credit' | 'debit', limit = 100) => ({
  ...DAY,
  sort,
  limit,
});

test('summary: counts, answered seconds, aloc over answered ended calls, unique callers', async (t) => {
  const { core, acme } = await fixture(t);
  assert.deepEqual(await core.analytics.calls.summary(acme, DAY), {
    // 5 calls; answered and ended: 60, 30, 10 -> 100 s, aloc round(100 / 3); callers: 3 numbers (one withheld).
    IN: { aloc: 33, count: 5, ...ZERO, duration: 100, unique_callers: 3 },
    // 3 calls; answered 120 and 200 -> 320 s, aloc 160.
    OUT: { aloc: 160, count: 3, ...ZERO, duration: 320 },
  });
  const empty = { from: utc('2024-01-01T00:00:00'), to: utc('2024-01-01T23:59:59') };
  assert.deepEqual(await core.analytics.calls.summary(acme, empty), {
    IN: { aloc: 0, count: 0, ...ZERO, duration: 0, unique_callers: 0 },
    OUT: { aloc: 0, count: 0, ...ZERO, duration: 0 },
  });
});

test('history buckets: hourly for a day, daily for five days, monthly for half a year', async (t) => {
  const { core, acme } = await fixture(t);
  assert.deepEqual(await core.analytics.calls.history(acme, DAY), {
    IN: [
      { aloc: 45, count: 2, ...ZERO, date: '2025-03-01 10:00:00', duration: 90 },
      { aloc: 10, count: 3, ...ZERO, date: '2025-03-01 11:00:00', duration: 10 },
    ],
    OUT: [
      { aloc: 120, count: 1, ...ZERO, date: '2025-03-01 10:00:00', duration: 120 },
      { aloc: 200, count: 2, ...ZERO, date: '2025-03-01 12:00:00', duration: 200 },
    ],
  });
  const days = await core.analytics.calls.history(acme, { from: DAY.from, to: utc('2025-03-05T23:59:59') });
  assert.deepEqual(days.IN, [
    { aloc: 33, count: 5, ...ZERO, date: '2025-03-01 00:00:00', duration: 100 },
    { aloc: 500, count: 1, ...ZERO, date: '2025-03-02 00:00:00', duration: 500 },
  ]);
  const months = await core.analytics.calls.history(acme, {
    from: utc('2025-01-01T00:00:00'),
    to: utc('2025-06-30T23:59:59'),
  });
  assert.deepEqual(
    months.IN.map((b) => [b.date, b.count, b.duration]),
    [['2025-03-01 00:00:00', 6, 600]],
  );
  assert.deepEqual(
    months.OUT.map((b) => [b.date, b.count]),
    [['2025-03-01 00:00:00', 3]],
  );
});

test('top apps by count, duration and aloc, limited; calls without an app are left out', async (t) => {
  const { core, acme } = await fixture(t);
  const a = { aloc: 45, count: 2, ...ZERO, duration: 90, hash: APP_A };
  const b = { aloc: 0, count: 2, ...ZERO, duration: 0, hash: APP_B };
  assert.deepEqual(await core.analytics.calls.topApps(acme, 'IN', top('count')), [a, b]);
  assert.deepEqual(await core.analytics.calls.topApps(acme, 'IN', top('duration', 1)), [a]);
  assert.deepEqual(await core.analytics.calls.topApps(acme, 'OUT', top('aloc')), [
    { aloc: 160, count: 2, ...ZERO, duration: 320, hash: APP_A },
    { aloc: 0, count: 1, ...ZERO, duration: 0, hash: APP_B },
  ]);
});

test('inbound DIDs carry the hash, the number and the country as billing label', async (t) => {
  const { core, acme } = await fixture(t);
  assert.deepEqual(await core.analytics.calls.inboundDids(acme, top('count')), [
    {
      aloc: 33,
      billing_label: 'France',
      count: 3,
      ...ZERO,
      duration: 100,
      hash: 'AAAA0001',
      intl: '+33100000001',
    },
    {
      aloc: 0,
      billing_label: 'France',
      count: 2,
      ...ZERO,
      duration: 0,
      hash: 'AAAA0002',
      intl: '+33100000002',
    },
  ]);
});

test('outbound countries and destinations follow the sort; caller countries include the unknown', async (t) => {
  const { core, acme } = await fixture(t);
  const gb = { aloc: 120, count: 2, ...ZERO, duration: 120 };
  const us = { aloc: 200, count: 1, ...ZERO, duration: 200 };
  assert.deepEqual(await core.analytics.calls.outboundCountries(acme, top('count')), [
    { ...gb, country_code: 'GB' },
    { ...us, country_code: 'US' },
  ]);
  assert.deepEqual(await core.analytics.calls.outboundCountries(acme, top('aloc')), [
    { ...us, country_code: 'US' },
    { ...gb, country_code: 'GB' },
  ]);
  assert.deepEqual(await core.analytics.calls.outboundDestinations(acme, top('duration')), [
    { ...us, billing_label: 'United States' },
    { ...gb, billing_label: 'United Kingdom' },
  ]);
  const callers = await core.analytics.calls.cliCountries(acme, top('count'));
  assert.deepEqual(callers[0], { aloc: 45, count: 3, ...ZERO, duration: 90, country_code: 'FR' });
  assert.deepEqual(
    callers.slice(1).sort((x, y) => x.country_code.localeCompare(y.country_code)),
    [
      { aloc: 10, count: 1, ...ZERO, duration: 10, country_code: '' },
      { aloc: 0, count: 1, ...ZERO, duration: 0, country_code: 'GB' },
    ],
  );
});

test("another account's analytics hold only its own calls", async (t) => {
  const { core, other } = await fixture(t);
  const summary = await core.analytics.calls.summary(other, DAY);
  assert.deepEqual([summary.IN.count, summary.IN.duration, summary.OUT.count], [1, 1000, 1]);
  assert.deepEqual(
    (await core.analytics.calls.inboundDids(other, top('count'))).map((d) => d.hash),
    [''],
    "the number is acme's DID, so the other account sees no hash for it",
  );
  assert.deepEqual(await core.analytics.sms.summaryOut(other, DAY), { count: 1, ...ZERO, parts: 5 });
});

test('SMS: outbound totals, buckets, by status, and fields', async (t) => {
  const { core, acme } = await fixture(t);
  assert.deepEqual(await core.analytics.sms.summary(acme, DAY), {
    IN: {},
    OUT: { count: 3, ...ZERO, parts: 6 },
  });
  assert.deepEqual(await core.analytics.sms.history(acme, DAY), {
    IN: [],
    OUT: [
      { count: 2, ...ZERO, date: '2025-03-01 10:00:00', parts: 3 },
      { count: 1, ...ZERO, date: '2025-03-01 11:00:00', parts: 3 },
    ],
  });
  assert.deepEqual(await core.analytics.sms.summaryOut(acme, DAY, ['parts']), { parts: 6 });
  assert.deepEqual(await core.analytics.sms.historyOut(acme, DAY, ['count']), [
    { count: 2, date: '2025-03-01 10:00:00' },
    { count: 1, date: '2025-03-01 11:00:00' },
  ]);
  assert.deepEqual(await core.analytics.sms.summaryOutByStatus(acme, DAY), {
    ERROR: { count: 1, ...ZERO, parts: 3 },
    SENT: { count: 2, ...ZERO, parts: 3 },
  });
  assert.deepEqual(await core.analytics.sms.historyOutByStatus(acme, DAY), {
    ERROR: [{ count: 1, ...ZERO, date: '2025-03-01 11:00:00', parts: 3 }],
    SENT: [{ count: 2, ...ZERO, date: '2025-03-01 10:00:00', parts: 3 }],
  });
});
