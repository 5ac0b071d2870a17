/** CDR search and get over a real database: filters, inclusive ranges, paging, order, isolation. */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Insertable } from 'kysely';
import { openTestDatabase } from '../../../test/helpers/database.js';
import type { Db } from '../../db/database.js';
import type { CallsTable } from '../../db/schema.js';
import type { CdrIn, CdrOut } from '../calls/cdr.js';
import { createCore, type Core } from '../index.js';
import { CdrTooMany } from './errors.js';

const APP_A = 'A'.repeat(32);
const APP_B = 'B'.repeat(32);

interface Fixture {
  readonly db: Db;
  readonly core: Core;
  readonly acme: { accountId: number; parentId: null };
  readonly other: { accountId: number; parentId: null };
  /** Acme's DIDs and the other account's, with their hashes. */
  readonly dids: Record<'acme1' | 'acme2' | 'other', { id: number; number: string; hash: string }>;
}

async function fixture(t: TestContext): Promise<Fixture> {
  const database = await openTestDatabase(t);
  const core = createCore({ db: database.db, nodeId: 'test' });
  const acme = { accountId: (await core.accounts.createAccount('Acme')).id, parentId: null };
  const other = { accountId: (await core.accounts.createAccount('Other')).id, parentId: null };
  const did = async (accountId: number, number: string, hash: string) => {
    const row = await database.db
      .insertInto('numbers')
      .values({ number, hash, account_id: accountId, scenario_id: null, created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: Number(row.id), number, hash };
  };
  return {
    db: database.db,
    core,
    acme,
    other,
    dids: {
      acme1: await did(acme.accountId, '+33100000001', 'AAAA0001'),
      acme2: await did(acme.accountId, '+33100000002', 'AAAA0002'),
      other: await did(other.accountId, '+33100000003', 'BBBB0003'),
    },
  };
}

let sequence = 0;

/** A call row; `at` is the start as stored (ISO-8601 UTC with milliseconds). */
function callRow(accountId: number, at: string, overrides: Partial<Insertable<CallsTable>> = {}) {
  sequence += 1;
  return {
    account_id: accountId,
    direction: 'inbound' as const,
    status: 'ended' as const,
    node_id: 'test',
    sip_call_id: `call-${sequence}`,
    cli_number: '+33612345678',
    cli_name: null,
    cli_pres: 'allowed_passed_screen' as const,
    number: '+33100000001',
    number_id: null,
    scenario_id: APP_A,
    scenario_name: 'Welcome',
    started_at: at,
    answered_at: null,
    ended_at: at,
    duration: 0,
    duration_answered: 0,
    hangup_cause: 16,
    hangup_source: 'CALLER' as const,
    timeline: null,
    ...overrides,
  };
}

async function insert(db: Db, rows: ReturnType<typeof callRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('calls')
      .values(rows.slice(i, i + 500))
      .execute();
}

const day = (text: string) => new Date(`${text}Z`);

test('the range is inclusive to the second at both ends, and the type picks the direction', async (t) => {
  const f = await fixture(t);
  const { acme1 } = f.dids;
  await insert(f.db, [
    callRow(f.acme.accountId, '2025-02-28T23:59:59.999Z', { number_id: acme1.id }),
    callRow(f.acme.accountId, '2025-03-01T00:00:00.000Z', { number_id: acme1.id }),
    callRow(f.acme.accountId, '2025-03-01T23:59:59.999Z', { number_id: acme1.id }),
    callRow(f.acme.accountId, '2025-03-02T00:00:00.000Z', { number_id: acme1.id }),
    callRow(f.acme.accountId, '2025-03-01T12:00:00.000Z', { direction: 'outbound', number: '+442071234567' }),
  ]);
  const range = { from: day('2025-03-01T00:00:00'), to: day('2025-03-01T23:59:59') };
  const inbound = await f.core.cdr.search(f.acme, { type: 'IN', ...range }, { offset: 0, quantity: 50 });
  assert.deepEqual(
    inbound.hits.map((h) => h.start),
    ['2025-03-01 23:59:59', '2025-03-01 00:00:00'],
  );
  const first = inbound.hits[0] as CdrIn;
  assert.equal(first.did_hash, 'AAAA0001');
  assert.equal(first.did_intl_number, '+33100000001');
  assert.equal(first.scenario_hash, APP_A);
  const outbound = await f.core.cdr.search(f.acme, { type: 'OUT', ...range }, { offset: 0, quantity: 50 });
  assert.equal(outbound.total, 1);
  assert.equal((outbound.hits[0] as CdrOut).number, '+442071234567');
  assert.equal((outbound.hits[0] as CdrOut).dialstatus, 'NOANSWER');
  const unbounded = await f.core.cdr.search(f.acme, { type: 'IN' }, { offset: 0, quantity: 50 });
  assert.equal(unbounded.total, 4);
});

test('pages come newest start first (id breaks ties), with total and has_more', async (t) => {
  const f = await fixture(t);
  const rows = Array.from({ length: 7 }, (_, i) =>
    callRow(f.acme.accountId, `2025-03-01T10:00:0${Math.floor(i / 2)}.000Z`),
  );
  await insert(f.db, rows);
  const all = await f.core.cdr.get(f.acme, { type: 'IN' });
  const ids = all.map((h) => h.callid);
  assert.deepEqual(
    all.map((h) => h.start),
    [3, 2, 2, 1, 1, 0, 0].map((s) => `2025-03-01 10:00:0${s}`),
  );
  for (let i = 1; i < all.length; i += 1)
    if (all[i]?.start === all[i - 1]?.start) assert.ok((ids[i] as number) < (ids[i - 1] as number));
  const page1 = await f.core.cdr.search(f.acme, { type: 'IN' }, { offset: 0, quantity: 3 });
  const page3 = await f.core.cdr.search(f.acme, { type: 'IN' }, { offset: 6, quantity: 3 });
  assert.deepEqual(
    { total: page1.total, has_more: page1.has_more, offset: page1.offset },
    { total: 7, has_more: true, offset: 0 },
  );
  assert.deepEqual(
    page1.hits.map((h) => h.callid),
    ids.slice(0, 3),
  );
  assert.deepEqual(
    {
      total: page3.total,
      has_more: page3.has_more,
      offset: page3.offset,
      hits: page3.hits.map((h) => h.callid),
    },
    { total: 7, has_more: false, offset: 6, hits: ids.slice(6) },
  );
  const past = await f.core.cdr.search(f.acme, { type: 'IN' }, { offset: 10, quantity: 3 });
  assert.deepEqual(
    { total: past.total, has_more: past.has_more, hits: past.hits },
    { total: 7, has_more: false, hits: [] },
  );
});

test('app, DID and number filters; a DID or app of another account matches nothing', async (t) => {
  const f = await fixture(t);
  const { acme1, acme2, other } = f.dids;
  const at = '2025-03-01T10:00:00.000Z';
  await insert(f.db, [
    callRow(f.acme.accountId, at, { number: acme1.number, number_id: acme1.id, scenario_id: APP_A }),
    callRow(f.acme.accountId, at, { number: acme1.number, number_id: acme1.id, scenario_id: APP_B }),
    callRow(f.acme.accountId, at, { number: acme2.number, number_id: acme2.id, scenario_id: APP_A }),
    // Outbound calls presenting a DID as caller id.
    callRow(f.acme.accountId, at, {
      direction: 'outbound',
      cli_number: acme2.number,
      number: '+442071234567',
    }),
    callRow(f.acme.accountId, at, {
      direction: 'outbound',
      cli_number: '+33699999999',
      number: '+12125550100',
    }),
    callRow(f.other.accountId, at, { number: other.number, number_id: other.id, scenario_id: APP_A }),
  ]);
  const count = async (filters: Parameters<Core['cdr']['search']>[1], tenant = f.acme) =>
    (await f.core.cdr.search(tenant, filters, { offset: 0, quantity: 50 })).total;
  assert.equal(await count({ type: 'IN', did: 'AAAA0001' }), 2);
  assert.equal(await count({ type: 'IN', did: 'aaaa0001' }), 2, 'hashes match case-insensitively');
  assert.equal(await count({ type: 'IN', did: 'AAAA0001', app: APP_B.toLowerCase() }), 1);
  assert.equal(await count({ type: 'IN', app: APP_A }), 2);
  assert.equal(await count({ type: 'OUT', did: 'AAAA0002' }), 1);
  assert.equal(await count({ type: 'OUT', number: '12125550100' }), 1);
  assert.equal(await count({ type: 'IN', number: '+33100000002' }), 1);
  assert.equal(await count({ type: 'IN', did: 'BBBB0003' }), 0, "another account's DID");
  assert.equal(await count({ type: 'IN', did: 'ZZZZ9999' }), 0, 'an unknown DID');
  assert.equal(await count({ type: 'IN', number: other.number }), 0, "another account's calls");
  assert.equal(await count({ type: 'IN' }, f.other), 1);
  assert.equal(await count({ type: 'IN', did: 'AAAA0001' }, f.other), 0);
  assert.deepEqual(await f.core.cdr.get(f.other, { type: 'IN', did: 'AAAA0001' }), []);
});

test('get answers every match up to 10,000 and refuses more', async (t) => {
  const f = await fixture(t);
  await insert(
    f.db,
    Array.from({ length: 10_000 }, (_, i) =>
      callRow(f.acme.accountId, new Date(Date.parse('2025-03-01T00:00:00.000Z') + i * 1000).toISOString()),
    ),
  );
  assert.equal((await f.core.cdr.get(f.acme, { type: 'IN' })).length, 10_000);
  await insert(f.db, [callRow(f.acme.accountId, '2025-03-02T00:00:00.000Z')]);
  await assert.rejects(f.core.cdr.get(f.acme, { type: 'IN' }), (error: unknown) => {
    assert.equal((error as { code?: string }).code, CdrTooMany.code);
    return true;
  });
  const narrowed = await f.core.cdr.get(f.acme, {
    type: 'IN',
    from: day('2025-03-01T00:00:00'),
    to: day('2025-03-01T00:00:09'),
  });
  assert.equal(narrowed.length, 10);
});
