/**
 * Webhook delivery end to end on the suite's engine: a real receiver on loopback, the guarded
 * outbound client, signatures checked by code that is not ours (Node's crypto for the CALLR header,
 * the `standardwebhooks` package for the Standard Webhooks ones).
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { Webhook } from 'standardwebhooks';
import {
  bearer,
  buildTestApp,
  createAccount,
  type TenantFixture,
  type TestApp,
} from '../../../test/helpers/app.js';
import { ManualClock } from '../../../test/helpers/manual-clock.js';
import { LOOPBACK_ALLOWED } from '../../../test/helpers/outbound.js';
import { createHttpExchangeClient } from '../outbound/http-exchange-client.js';
import { createOutbox, type Outbox } from './outbox.js';
import {
  createWebhookDelivery,
  MAX_TRIES,
  RETRY_DELAYS_MS,
  retryAfterMs,
  type WebhookDelivery,
} from './webhook-delivery.js';

const SECRET = 'a shared secret of the tenant';

interface Received {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A receiver answering each request with the next status of `statuses` (the last one repeats). */
async function receiver(t: TestContext, statuses: number[], extraHeaders: Record<string, string> = {}) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      response.writeHead(status, extraHeaders);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

async function setup(t: TestContext, endpoint: string, options: object = { hmac_secret: SECRET }) {
  const testApp: TestApp = await buildTestApp(t);
  const acme: TenantFixture = await createAccount(testApp, 'Acme');
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/webhooks',
    headers: bearer(acme.key),
    payload: { type: 'sms.mo', endpoint, options },
  });
  assert.equal(created.statusCode, 201, created.body);
  // Near the real time: the Standard Webhooks check refuses timestamps five minutes off.
  const clock = new ManualClock();
  const outbox: Outbox = createOutbox({ db: testApp.database.db, clock });
  const client = createHttpExchangeClient({ policy: LOOPBACK_ALLOWED });
  t.after(() => client.close());
  const delivery: WebhookDelivery = createWebhookDelivery({
    db: testApp.database.db,
    clock,
    outbox,
    http: client,
    owner: 'test-node',
    userAgent: 'Voxgate/test',
    timeoutMs: 2000,
    random: () => 0,
  });
  const record = () =>
    outbox.record(testApp.database.db, {
      accountId: acme.accountId,
      type: 'sms.mo',
      data: { text: 'hello' },
    });
  const job = async (eventId: string | null) =>
    testApp.database.db
      .selectFrom('deliveries')
      .selectAll()
      .where('event_id', '=', eventId ?? '')
      .executeTakeFirstOrThrow();
  return { testApp, clock, outbox, acme, delivery, record, job, hash: created.json<{ hash: string }>().hash };
}

/** Subscribes the account to `type` at an endpoint no test serves: the event is stored, and its job waits. */
async function subscribeTo(testApp: TestApp, tenant: TenantFixture, type: string): Promise<void> {
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/webhooks',
    headers: bearer(tenant.key),
    payload: { type, endpoint: 'https://ops.example.com/hooks' },
  });
  assert.equal(created.statusCode, 201, created.body);
}

function verifyCallr(received: Received): boolean {
  const expected = createHmac('sha256', SECRET).update(received.body).digest();
  const given = Buffer.from(String(received.headers['x-callr-hmacsignature']), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

test('a receiver down for three tries gets the event on the fourth, every try signed, and once only', async (t) => {
  // A 302 is a failure too: redirects are not followed.
  const statuses = [503, 500, 302, 200];
  const server = await receiver(t, statuses);
  const { testApp, clock, delivery, record, job, hash } = await setup(t, server.url);
  const eventId = await record();
  for (let attempt = 0; attempt < 4; attempt += 1) {
    assert.equal(await delivery.runOnce(), 1, `try ${attempt} is due`);
    assert.equal(await delivery.runOnce(), 0, 'nothing more is due before the retry time');
    if (attempt < 3) clock.at += RETRY_DELAYS_MS[attempt] ?? 0;
  }
  assert.equal(server.received.length, 4);
  const verifier = new Webhook(SECRET, { format: 'raw' });
  for (const [index, received] of server.received.entries()) {
    const envelope = JSON.parse(received.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(envelope), ['data', 'event_at', 'event_id', 'hook_hash', 'try', 'type']);
    assert.deepEqual(
      [envelope['event_id'], envelope['try'], envelope['hook_hash'], envelope['type'], envelope['data']],
      [eventId, index, hash, 'sms.mo', { text: 'hello' }],
    );
    assert.equal(received.headers['x-callr-eventid'], eventId);
    assert.equal(received.headers['content-type'], 'application/json');
    assert.ok(verifyCallr(received), `try ${index}: X-CALLR-HmacSignature verifies`);
    assert.deepEqual(verifier.verify(received.body, received.headers as Record<string, string>), envelope);
  }
  const delivered = server.received.filter((_, index) => (statuses[index] ?? 0) < 300);
  assert.equal(new Set(delivered.map((r) => (JSON.parse(r.body) as { event_id: string }).event_id)).size, 1);
  const settled = await job(eventId);
  assert.deepEqual([settled.status, settled.try, settled.last_http_code], ['DELIVERED', 3, 200]);
  const log = await testApp.database.db
    .selectFrom('delivery_attempts')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    log.map((row) => [row.try, row.status, row.http_code, row.webhook_id, row.event_type, row.endpoint]),
    [
      [0, 'FAILURE', 503, hash, 'sms.mo', server.url],
      [1, 'FAILURE', 500, hash, 'sms.mo', server.url],
      [2, 'FAILURE', 302, hash, 'sms.mo', server.url],
      [3, 'SUCCESS', 200, hash, 'sms.mo', server.url],
    ],
  );
  assert.ok(log.every((row) => row.duration_ms >= 0 && row.duration_ms < 2000));
  clock.at += 86_400_000;
  assert.equal(await delivery.runOnce(), 0, 'a delivered job is never sent again');
});

test('a tampered body fails both verifications', async (t) => {
  const server = await receiver(t, [200]);
  const { delivery, record } = await setup(t, server.url);
  await record();
  await delivery.runOnce();
  const received = server.received[0];
  assert.ok(received);
  const tampered = { headers: received.headers, body: received.body.replace('hello', 'hellO') };
  assert.equal(verifyCallr(tampered), false);
  assert.throws(() =>
    new Webhook(SECRET, { format: 'raw' }).verify(tampered.body, tampered.headers as Record<string, string>),
  );
});

test('without a secret nothing is signed', async (t) => {
  const server = await receiver(t, [200]);
  const { delivery, record } = await setup(t, server.url, {});
  await record();
  await delivery.runOnce();
  const headers = server.received[0]?.headers ?? {};
  assert.equal(headers['x-callr-hmacsignature'], undefined);
  assert.equal(headers['webhook-signature'], undefined);
  assert.ok(headers['webhook-id'] !== undefined && headers['webhook-timestamp'] !== undefined);
});

test('after the tenth failed try the job is FAILED and not tried again', async (t) => {
  const server = await receiver(t, [500]);
  const { testApp, clock, delivery, record, job, hash, acme } = await setup(t, server.url);
  await subscribeTo(testApp, acme, 'webhook.disabled');
  const eventId = await record();
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    assert.equal(await delivery.runOnce(), 1);
    clock.at += RETRY_DELAYS_MS[attempt] ?? 0;
  }
  clock.at += 86_400_000;
  // What is due now is the webhook.disabled event, to its own endpoint: the receiver gets nothing more.
  await delivery.runOnce();
  assert.equal(server.received.length, MAX_TRIES);
  const settled = await job(eventId);
  assert.deepEqual([settled.status, settled.try, settled.last_http_code], ['FAILED', MAX_TRIES - 1, 500]);
  const hook = await testApp.database.db
    .selectFrom('webhooks')
    .select('status')
    .where('id', '=', hash)
    .executeTakeFirstOrThrow();
  assert.equal(hook.status, 'DISABLED_SYSTEM', 'nothing reached the endpoint for a day: it is disabled');
  const said = await testApp.database.db
    .selectFrom('events')
    .select('data')
    .where('type', '=', 'webhook.disabled')
    .executeTakeFirstOrThrow();
  assert.equal((JSON.parse(said.data) as { reason: string }).reason, 'FAILING');
  const total = RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
  assert.ok(total >= 24 * 3_600_000, `the tries span ${total / 3_600_000} h, at least a day`);
});

test('410 Gone fails the job at once and disables the subscription', async (t) => {
  const server = await receiver(t, [410]);
  const { testApp, delivery, record, job, hash, acme } = await setup(t, server.url);
  await subscribeTo(testApp, acme, 'webhook.disabled');
  const eventId = await record();
  await delivery.runOnce();
  assert.equal((await job(eventId)).status, 'FAILED');
  const hook = await testApp.database.db
    .selectFrom('webhooks')
    .select('status')
    .where('id', '=', hash)
    .executeTakeFirstOrThrow();
  assert.equal(hook.status, 'DISABLED_SYSTEM');
  await record();
  await delivery.runOnce();
  assert.equal(server.received.length, 1, 'a disabled subscription is sent nothing more');
  const said = await testApp.database.db
    .selectFrom('events')
    .select('data')
    .where('type', '=', 'webhook.disabled')
    .execute();
  assert.equal(said.length, 1, 'the disabling is told once, as an event');
  const data = JSON.parse(said[0]!.data) as Record<string, unknown>;
  assert.deepEqual(
    [data['hash'], data['type'], data['endpoint'], data['status'], data['reason']],
    [hash, 'sms.mo', server.url, 'DISABLED_SYSTEM', 'GONE'],
  );
  assert.match(String(data['updated_at']), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
});

test('Retry-After on a 503 is honoured when longer than the back-off', async (t) => {
  const server = await receiver(t, [503, 200], { 'retry-after': '120' });
  const { clock, delivery, record, job } = await setup(t, server.url);
  const eventId = await record();
  const start = clock.at;
  await delivery.runOnce();
  assert.equal(Number((await job(eventId)).next_attempt_at), start + 120_000);
  clock.at += 60_000;
  assert.equal(await delivery.runOnce(), 0, 'not after the 10 s back-off: the receiver asked for 120 s');
  clock.at += 60_000;
  assert.equal(await delivery.runOnce(), 1);
});

test('Retry-After is read as seconds or as a date, and capped at a day', () => {
  const now = Date.UTC(2026, 10, 24);
  assert.equal(retryAfterMs('30', now), 30_000);
  assert.equal(retryAfterMs(new Date(now + 90_000).toUTCString(), now), 90_000);
  assert.equal(retryAfterMs('9999999', now), 86_400_000);
  assert.equal(retryAfterMs('soon', now), null);
  assert.equal(retryAfterMs(undefined, now), null);
});

test('an endpoint that took another event meanwhile is not failing for a day, and stays ENABLED', async (t) => {
  const received: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push(body);
      // This receiver chokes on one event's data and takes the others.
      response.writeHead(body.includes('"poison"') ? 500 : 200);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  const { testApp, clock, outbox, acme, delivery, job, hash } = await setup(t, url);
  const db = testApp.database.db;
  const poison = await outbox.record(db, {
    accountId: acme.accountId,
    type: 'sms.mo',
    data: { poison: true },
  });
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    if (attempt === 5)
      await outbox.record(db, { accountId: acme.accountId, type: 'sms.mo', data: { fine: true } });
    await delivery.runOnce();
    clock.at += RETRY_DELAYS_MS[attempt] ?? 0;
  }
  assert.equal((await job(poison)).status, 'FAILED');
  const hook = await db
    .selectFrom('webhooks')
    .select('status')
    .where('id', '=', hash)
    .executeTakeFirstOrThrow();
  assert.equal(hook.status, 'ENABLED');
  assert.equal(received.filter((body) => body.includes('"fine"')).length, 1);
});

test('a dynamic webhook gets the envelope with hook_hash null, signed with its own secret, and is never disabled', async (t) => {
  const server = await receiver(t, [410]);
  const { testApp, outbox, acme, delivery } = await setup(t, 'https://subscribed.example/hooks');
  const db = testApp.database.db;
  // The subscription of the setup points elsewhere: disable it so only the dynamic hook is sent.
  await db.updateTable('webhooks').set({ status: 'DISABLED' }).execute();
  const ownSecret = 'the secret of this one SMS';
  const eventId = await outbox.record(
    db,
    { accountId: acme.accountId, type: 'sms.mo', data: { text: 'dynamic' } },
    [{ endpoint: server.url, hmacAlgo: 'SHA512', hmacSecret: ownSecret }],
  );
  await delivery.runOnce();
  const received = server.received[0];
  assert.ok(received);
  const envelope = JSON.parse(received.body) as Record<string, unknown>;
  assert.deepEqual([envelope['event_id'], envelope['hook_hash']], [eventId, null]);
  const expected = createHmac('sha512', ownSecret).update(received.body).digest('base64');
  assert.equal(received.headers['x-callr-hmacsignature'], expected);
  const jobs = await db
    .selectFrom('deliveries')
    .select(['webhook_id', 'status'])
    .where('event_id', '=', eventId)
    .execute();
  // The 410 fails the dynamic job; there is no subscription to disable, and no event says so.
  assert.deepEqual(jobs, [{ webhook_id: null, status: 'FAILED' }]);
  const said = await db.selectFrom('events').select('id').where('type', '=', 'webhook.disabled').execute();
  assert.deepEqual(said, []);
});

test('a report URL gets the event data alone as the body', async (t) => {
  const server = await receiver(t, [200]);
  const { testApp, outbox, acme, delivery } = await setup(t, 'https://subscribed.example/hooks');
  await testApp.database.db.updateTable('webhooks').set({ status: 'DISABLED' }).execute();
  await outbox.record(
    testApp.database.db,
    { accountId: acme.accountId, type: 'call.inbound_hangup', data: { results: [{ messageId: 'm-1' }] } },
    [{ endpoint: server.url, bodyForm: 'data' }],
  );
  await delivery.runOnce();
  assert.deepEqual(JSON.parse(server.received[0]?.body ?? 'null'), { results: [{ messageId: 'm-1' }] });
  assert.equal(server.received[0]?.headers['x-callr-hmacsignature'], undefined);
});
