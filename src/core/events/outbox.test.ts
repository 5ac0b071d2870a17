/** The outbox on the engine the suite runs on (SQLite, or PostgreSQL in the second pass). */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import {
  bearer,
  buildTestApp,
  createAccount,
  type TenantFixture,
  type TestApp,
} from '../../../test/helpers/app.js';
import { ManualClock } from '../../../test/helpers/manual-clock.js';
import { createOutbox, newEventId, type Outbox } from './outbox.js';

async function subscribe(
  testApp: TestApp,
  tenant: TenantFixture,
  type: string,
  endpoint: string,
): Promise<string> {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/webhooks',
    headers: bearer(tenant.key),
    payload: { type, endpoint },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ hash: string }>().hash;
}

async function setup(
  t: TestContext,
): Promise<{ testApp: TestApp; outbox: Outbox; clock: ManualClock; acme: TenantFixture }> {
  const testApp = await buildTestApp(t);
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 8, 0, 0));
  const acme = await createAccount(testApp, 'Acme');
  return { testApp, outbox: createOutbox({ db: testApp.database.db, clock }), clock, acme };
}

test('an event id is 32 characters of [0-9A-Za-z], and ids differ', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => newEventId()));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.match(id, /^[0-9A-Za-z]{32}$/);
});

test('event ids begin with their time, so later ids sort after earlier ones', () => {
  const times = [0, 61, 62, Date.UTC(2026, 10, 24), Date.UTC(2026, 10, 24) + 1, Date.UTC(2099, 0, 1)];
  const ids = times.map((time) => newEventId(time));
  assert.equal(ids[0]?.slice(0, 8), '00000000');
  assert.equal(ids[1]?.slice(0, 8), '0000000z');
  assert.equal(ids[2]?.slice(0, 8), '00000010');
  // Byte order, as SQLite's keys and a C-collated PostgreSQL index compare them.
  assert.deepEqual(
    [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    ids,
  );
});

test('an event gets a job per ENABLED subscription of its type and account, and none for the rest', async (t) => {
  const { testApp, outbox, acme } = await setup(t);
  const globex = await createAccount(testApp, 'Globex');
  const first = await subscribe(testApp, acme, 'call.inbound_hangup', 'https://a.example/1');
  const second = await subscribe(testApp, acme, 'call.inbound_hangup', 'https://a.example/2');
  await subscribe(testApp, acme, 'sms.mo', 'https://a.example/sms');
  await subscribe(testApp, globex, 'call.inbound_hangup', 'https://globex.example/');
  const off = await subscribe(testApp, acme, 'call.inbound_hangup', 'https://a.example/off');
  await testApp.app.inject({
    method: 'PATCH',
    url: `/voxgate/v1/webhooks/${off}`,
    headers: bearer(acme.key),
    payload: { status: 'DISABLED' },
  });
  const db = testApp.database.db;
  const eventId = await db
    .transaction()
    .execute((trx) =>
      outbox.record(trx, { accountId: acme.accountId, type: 'call.inbound_hangup', data: { call_id: '42' } }),
    );
  const jobs = await db
    .selectFrom('deliveries')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    jobs.map((job) => [job.webhook_id, job.endpoint, job.try, job.status]),
    [
      [first, 'https://a.example/1', 0, 'PENDING'],
      [second, 'https://a.example/2', 0, 'PENDING'],
    ],
  );
});

test('an event nobody wants (no subscription of its type, no dynamic webhook) is not stored', async (t) => {
  const { testApp, outbox, acme } = await setup(t);
  await subscribe(testApp, acme, 'sms.mo', 'https://a.example/');
  const db = testApp.database.db;
  assert.equal(await outbox.record(db, { accountId: acme.accountId, type: 'did.assigned', data: {} }), null);
  const dynamic = await outbox.record(db, { accountId: acme.accountId, type: 'did.assigned', data: {} }, [
    { endpoint: 'https://b.example/' },
  ]);
  assert.match(dynamic ?? '', /^[0-9A-Za-z]{32}$/);
  const events = await db.selectFrom('events').select('id').execute();
  assert.deepEqual(
    events.map((event) => event.id),
    [dynamic],
  );
});

test('an event written in a transaction that rolls back leaves no event and no job', async (t) => {
  const { testApp, outbox, acme } = await setup(t);
  await subscribe(testApp, acme, 'did.assigned', 'https://a.example/');
  const db = testApp.database.db;
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await outbox.record(trx, { accountId: acme.accountId, type: 'did.assigned', data: {} });
      throw new Error('the change failed');
    }),
    /the change failed/,
  );
  const events = await db.selectFrom('events').select('id').execute();
  const jobs = await db.selectFrom('deliveries').select('id').execute();
  assert.deepEqual([events.length, jobs.length], [0, 0]);
});

test('a claimed job is leased: not claimed again until the lease runs out, then claimed again', async (t) => {
  const { testApp, outbox, clock, acme } = await setup(t);
  await subscribe(testApp, acme, 'sms.mo', 'https://a.example/');
  const eventId = await outbox.record(testApp.database.db, {
    accountId: acme.accountId,
    type: 'sms.mo',
    data: { text: 'hi' },
  });
  const [claimed] = await outbox.claimDue({ owner: 'node-a', limit: 10, leaseMs: 30_000 });
  assert.ok(claimed);
  assert.deepEqual(
    [
      claimed.eventId,
      claimed.type,
      JSON.parse(claimed.data),
      claimed.try,
      claimed.accountId,
      claimed.occurredAt,
    ],
    [eventId, 'sms.mo', { text: 'hi' }, 0, acme.accountId, clock.at],
  );
  assert.deepEqual(await outbox.claimDue({ owner: 'node-b', limit: 10, leaseMs: 30_000 }), []);
  // node-a died mid-delivery: once its lease is over, node-b takes the job, and node-a's late answer is refused.
  clock.at += 30_001;
  const [retaken] = await outbox.claimDue({ owner: 'node-b', limit: 10, leaseMs: 30_000 });
  assert.equal(retaken?.id, claimed.id);
  assert.equal(await outbox.delivered(claimed, 'node-a', { httpCode: 200, durationMs: 5 }), false);
  assert.equal(await outbox.delivered(claimed, 'node-b', { httpCode: 204, durationMs: 7 }), true);
  const job = await testApp.database.db
    .selectFrom('deliveries')
    .selectAll()
    .where('id', '=', claimed.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual([job.status, job.last_http_code, job.lease_owner], ['DELIVERED', 204, null]);
  const log = await testApp.database.db.selectFrom('delivery_attempts').selectAll().execute();
  assert.deepEqual(
    log.map((row) => [row.event_id, row.status, row.http_code, row.duration_ms, row.try]),
    [[eventId, 'SUCCESS', 204, 7, 0]],
    "only the lease holder's attempt is logged",
  );
});

test('a failed attempt is retried at its time with the next try, and FAILED once there is none', async (t) => {
  const { testApp, outbox, clock, acme } = await setup(t);
  await subscribe(testApp, acme, 'sms.mo', 'https://a.example/');
  await outbox.record(testApp.database.db, { accountId: acme.accountId, type: 'sms.mo', data: {} });
  const claim = () => outbox.claimDue({ owner: 'node-a', limit: 10, leaseMs: 30_000 });
  const [first] = await claim();
  assert.ok(first);
  assert.equal(
    await outbox.failed(first, 'node-a', {
      httpCode: 503,
      error: 'HTTP 503',
      nextAttemptAt: clock.at + 10_000,
      durationMs: 12,
      attempted: true,
    }),
    true,
  );
  assert.deepEqual(await claim(), [], 'not before its time');
  clock.at += 10_000;
  const [second] = await claim();
  assert.ok(second);
  assert.equal(second.try, 1);
  assert.equal(
    await outbox.failed(second, 'node-a', {
      httpCode: null,
      error: 'timeout',
      nextAttemptAt: null,
      durationMs: 10_000,
      attempted: true,
    }),
    true,
  );
  clock.at += 86_400_000;
  assert.deepEqual(await claim(), []);
  const job = await testApp.database.db
    .selectFrom('deliveries')
    .selectAll()
    .where('id', '=', first.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual([job.status, job.try, job.last_error], ['FAILED', 1, 'timeout']);
});

test('claimers at the same time share the due jobs: each job goes to exactly one', async (t) => {
  const { testApp, outbox, acme } = await setup(t);
  await subscribe(testApp, acme, 'sms.mo', 'https://a.example/');
  for (let i = 0; i < 60; i += 1)
    await outbox.record(testApp.database.db, { accountId: acme.accountId, type: 'sms.mo', data: { i } });
  const claims = await Promise.all(
    ['n1', 'n2', 'n3'].map((owner) => outbox.claimDue({ owner, limit: 25, leaseMs: 30_000 })),
  );
  const ids = claims.flat().map((job) => job.id);
  assert.equal(ids.length, new Set(ids).size, 'no job claimed twice');
  assert.equal(ids.length, 60, 'every due job claimed once');
  const owners = await testApp.database.db.selectFrom('deliveries').select('lease_owner').execute();
  assert.ok(owners.every((row) => row.lease_owner !== null));
});

test('redelivery on request makes a new job at try 0 per subscription; another account cannot ask it', async (t) => {
  const { testApp, outbox, clock, acme } = await setup(t);
  const globex = await createAccount(testApp, 'Globex');
  const first = await subscribe(testApp, acme, 'sms.mo', 'https://a.example/1');
  await subscribe(testApp, acme, 'sms.mo', 'https://a.example/2');
  const db = testApp.database.db;
  const eventId = (await outbox.record(db, { accountId: acme.accountId, type: 'sms.mo', data: {} })) ?? '';
  for (const job of await outbox.claimDue({ owner: 'n', limit: 10, leaseMs: 30_000 }))
    await outbox.delivered(job, 'n', { httpCode: 200, durationMs: 1 });
  clock.at += 60_000;
  assert.equal(await outbox.redeliver(globex.accountId, eventId), 0);
  assert.equal(await outbox.redeliver(acme.accountId, 'no-such-event'), 0);
  assert.equal(await outbox.redeliver(acme.accountId, eventId, first), 1);
  assert.equal(await outbox.redeliver(acme.accountId, eventId), 2);
  const again = await outbox.claimDue({ owner: 'n', limit: 10, leaseMs: 30_000 });
  assert.deepEqual(
    again.map((job) => [job.eventId, job.try]),
    [
      [eventId, 0],
      [eventId, 0],
      [eventId, 0],
    ],
  );
});

test('pruning forgets old log rows and settled events, and keeps an event with a pending job', async (t) => {
  const { testApp, outbox, clock, acme } = await setup(t);
  await subscribe(testApp, acme, 'sms.mo', 'https://a.example/');
  const db = testApp.database.db;
  const settled = await outbox.record(db, { accountId: acme.accountId, type: 'sms.mo', data: { n: 1 } });
  const [job] = await outbox.claimDue({ owner: 'n', limit: 10, leaseMs: 30_000 });
  assert.ok(job);
  await outbox.delivered(job, 'n', { httpCode: 200, durationMs: 1 });
  const pending = await outbox.record(db, { accountId: acme.accountId, type: 'sms.mo', data: { n: 2 } });
  clock.at += 1_000;
  const recent = await outbox.record(db, { accountId: acme.accountId, type: 'sms.mo', data: { n: 3 } });
  assert.deepEqual(await outbox.prune(clock.at), { attempts: 1, events: 1 });
  const left = await db.selectFrom('events').select('id').orderBy('occurred_at').execute();
  assert.deepEqual(
    left.map((row) => row.id),
    [pending, recent],
  );
  assert.ok(!left.some((row) => row.id === settled));
});

test("a node starting again frees its dead process's leases, and no other node's", async (t) => {
  const { testApp, outbox, acme } = await setup(t);
  await subscribe(testApp, acme, 'sms.mo', 'https://a.example/');
  for (let i = 0; i < 4; i += 1)
    await outbox.record(testApp.database.db, { accountId: acme.accountId, type: 'sms.mo', data: { i } });
  await outbox.claimDue({ owner: 'node_a:41:aa', limit: 2, leaseMs: 30_000 });
  await outbox.claimDue({ owner: 'node-a:7:bb', limit: 2, leaseMs: 30_000 });
  // `_` is no wildcard here: node_a's prefix must not free node-a's leases.
  assert.equal(await outbox.releaseLeasesOf('node_a:'), 2);
  const retaken = await outbox.claimDue({ owner: 'node_a:42:cc', limit: 10, leaseMs: 30_000 });
  assert.equal(retaken.length, 2, "only the dead process's jobs are due again");
});
