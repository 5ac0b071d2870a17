/**
 * The delivery log and redelivery through `/voxgate/v1/webhooks/logs` and
 * `/voxgate/v1/webhooks/events/{event_id}/redeliver`: a real receiver on loopback, events made by a
 * real change (the operator giving the tenant a number), the delivery worker of the server.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { createWebhookDelivery, type WebhookDelivery } from '../../src/core/events/webhook-delivery.js';
import { createHttpExchangeClient } from '../../src/core/outbound/http-exchange-client.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { bearer, buildTestApp, createAccount, type TenantFixture, type TestApp } from '../helpers/app.js';
import { LOOPBACK_ALLOWED } from '../helpers/outbound.js';

interface Attempt {
  event_id: string;
  event_date: string;
  hook_hash: string | null;
  type: string;
  endpoint: string;
  try: number;
  http_code: number | null;
  status: string;
  duration_ms: number;
  error: string | null;
  attempted_at: string;
}

interface Page {
  items: Attempt[];
  total: number;
}

/** A receiver that answers 500 to the first request and 200 to the rest; it keeps the bodies. */
async function flakyReceiver(t: TestContext): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      bodies.push(body);
      response.writeHead(bodies.length === 1 ? 500 : 200);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dids`, bodies };
}

interface Setup {
  readonly testApp: TestApp;
  readonly acme: TenantFixture;
  readonly delivery: WebhookDelivery;
  readonly hash: string;
  readonly url: string;
  readonly bodies: string[];
}

async function setup(t: TestContext): Promise<Setup> {
  const { url, bodies } = await flakyReceiver(t);
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const subscribed = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/webhooks',
    headers: bearer(acme.key),
    payload: { type: 'did.assigned', endpoint: url },
  });
  assert.equal(subscribed.statusCode, 201, subscribed.body);
  const client = createHttpExchangeClient({ policy: LOOPBACK_ALLOWED });
  t.after(() => client.close());
  const delivery = createWebhookDelivery({
    db: testApp.database.db,
    clock: systemClock,
    outbox: testApp.core.outbox,
    http: client,
    owner: 'log-test',
    userAgent: 'Voxgate/test',
  });
  return { testApp, acme, delivery, hash: subscribed.json<{ hash: string }>().hash, url, bodies };
}

async function giveNumber(testApp: TestApp, accountId: number, number: string): Promise<void> {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/admin/numbers',
    headers: bearer(testApp.operatorKey),
    payload: { account_id: accountId, number },
  });
  assert.equal(response.statusCode, 201, response.body);
}

async function logs(testApp: TestApp, key: string, query = ''): Promise<Page> {
  const response = await testApp.app.inject({
    method: 'GET',
    url: `/voxgate/v1/webhooks/logs${query}`,
    headers: bearer(key),
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<Page>();
}

test('each attempt is logged, newest first, and the seed filters find them', async (t) => {
  const { testApp, acme, delivery, hash, url } = await setup(t);
  await giveNumber(testApp, acme.accountId, '+33612345678');
  assert.equal(await delivery.runOnce(), 1);
  // The retry is due in 10 s: make it due now rather than wait.
  await testApp.database.db.updateTable('deliveries').set({ next_attempt_at: 0 }).execute();
  assert.equal(await delivery.runOnce(), 1);

  const all = await logs(testApp, acme.key);
  assert.equal(all.total, 2);
  const [second, first] = all.items;
  assert.ok(first && second);
  assert.deepEqual(
    [first.try, first.status, first.http_code, first.error, first.hook_hash, first.type, first.endpoint],
    [0, 'FAILURE', 500, 'HTTP 500', hash, 'did.assigned', url],
  );
  assert.deepEqual([second.try, second.status, second.http_code, second.error], [1, 'SUCCESS', 200, null]);
  assert.equal(first.event_id, second.event_id);
  assert.match(first.event_date, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);

  const today = new Date().toISOString().slice(0, 10);
  const filtered: [string, number][] = [
    ['?status=FAILURE', 1],
    ['?status=SUCCESS&try=1', 1],
    ['?http_code=500', 1],
    ['?http_code=404', 0],
    [`?event_id=${first.event_id}`, 2],
    [`?hook_hash=${hash.toLowerCase()}`, 2],
    [`?endpoint=${encodeURIComponent(url)}`, 2],
    ['?type=did.assigned', 2],
    ['?type=sms.mo', 0],
    [`?event_date=${today}`, 2],
    ['?event_date=2020-01-01', 0],
    ['?limit=1&offset=1', 2],
  ];
  for (const [query, total] of filtered) {
    assert.equal((await logs(testApp, acme.key, query)).total, total, query);
  }
  assert.equal((await logs(testApp, acme.key, '?limit=1&offset=1')).items[0]?.try, 0);
});

test('a filter out of its rule is refused with the field and the rule named', async (t) => {
  const { testApp, acme } = await setup(t);
  for (const [query, field] of [
    ['?try=10', 'query.try'],
    ['?status=OK', 'query.status'],
    ['?event_date=24/11/2026', 'query.event_date'],
    ['?event_id=short', 'query.event_id'],
  ] as const) {
    const response = await testApp.app.inject({
      method: 'GET',
      url: `/voxgate/v1/webhooks/logs${query}`,
      headers: bearer(acme.key),
    });
    assert.equal(response.statusCode, 400, query);
    const issues = response.json<{ error: { issues: { field: string; rule: string }[] } }>().error.issues;
    assert.equal(issues[0]?.field, field, query);
    assert.ok((issues[0]?.rule ?? '') !== '', query);
  }
});

test('redelivery sends the event again from try 0; another account neither sees the log nor can ask it', async (t) => {
  const { testApp, acme, delivery, bodies } = await setup(t);
  const globex = await createAccount(testApp, 'Globex');
  await giveNumber(testApp, acme.accountId, '+33612345678');
  await delivery.runOnce();
  const [attempt] = (await logs(testApp, acme.key)).items;
  assert.ok(attempt);

  const refused = await testApp.app.inject({
    method: 'POST',
    url: `/voxgate/v1/webhooks/events/${attempt.event_id}/redeliver`,
    headers: bearer(globex.key),
  });
  assert.equal(refused.statusCode, 404);
  assert.equal((await logs(testApp, globex.key)).total, 0);

  const asked = await testApp.app.inject({
    method: 'POST',
    url: `/voxgate/v1/webhooks/events/${attempt.event_id}/redeliver`,
    headers: bearer(acme.key),
  });
  assert.equal(asked.statusCode, 202, asked.body);
  assert.deepEqual(asked.json(), { queued: 1 });
  // The first job still waits for its retry; the redelivery is due now.
  assert.equal(await delivery.runOnce(), 1);
  assert.equal(bodies.length, 2);
  const resent = JSON.parse(bodies[1] ?? '{}') as { event_id: string; try: number };
  assert.deepEqual([resent.event_id, resent.try], [attempt.event_id, 0]);
  const success = await logs(testApp, acme.key, '?status=SUCCESS');
  assert.deepEqual(
    success.items.map((item) => [item.event_id, item.try]),
    [[attempt.event_id, 0]],
  );
});
