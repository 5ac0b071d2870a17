/** Webhook subscriptions through `/voxgate/v1/webhooks`: the seed's fields, limits, defaults and isolation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bearer, buildTestApp, createAccount, type TenantFixture, type TestApp } from '../helpers/app.js';

interface WebhookBody {
  hash: string;
  type: string;
  endpoint: string;
  options: { format: string; hmac_algo: string; hmac_secret: string | null };
  status: string;
  created_at: string;
  updated_at: string;
}

interface ErrorBody {
  error: { code: string; issues?: { field: string; rule: string }[] };
}

function call(
  testApp: TestApp,
  tenant: TenantFixture,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  return testApp.app.inject({
    method,
    url: `/voxgate/v1${url}`,
    headers: bearer(tenant.key),
    ...(payload === undefined ? {} : { payload }),
  });
}

async function subscribe(testApp: TestApp, tenant: TenantFixture, payload: object): Promise<WebhookBody> {
  const response = await call(testApp, tenant, 'POST', '/webhooks', payload);
  assert.equal(response.statusCode, 201, response.body);
  return response.json<WebhookBody>();
}

function issuesOf(body: string): string[][] {
  return ((JSON.parse(body) as ErrorBody).error.issues ?? []).map((issue) => [issue.field, issue.rule]);
}

test('a subscription is ENABLED with the defaults, and its secret is never shown', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const plain = await subscribe(testApp, acme, {
    type: 'call.inbound_hangup',
    endpoint: 'https://crm.example/hooks',
  });
  assert.match(plain.hash, /^[0-9A-F]{8}$/);
  assert.deepEqual(
    [plain.type, plain.endpoint, plain.status, plain.options],
    [
      'call.inbound_hangup',
      'https://crm.example/hooks',
      'ENABLED',
      { format: 'JSON', hmac_algo: 'SHA256', hmac_secret: null },
    ],
  );
  const signed = await subscribe(testApp, acme, {
    type: 'sms.mo',
    endpoint: 'http://crm.example/sms',
    options: { hmac_algo: 'SHA512', hmac_secret: 'a-long-enough-secret' },
  });
  assert.deepEqual(signed.options, { format: 'JSON', hmac_algo: 'SHA512', hmac_secret: '********' });
  const read = await call(testApp, acme, 'GET', `/webhooks/${signed.hash.toLowerCase()}`);
  assert.equal(read.statusCode, 200);
  assert.equal(read.json<WebhookBody>().options.hmac_secret, '********');
  assert.ok(!read.body.includes('a-long-enough-secret'), 'the secret does not leave the server');
  const list = await call(testApp, acme, 'GET', '/webhooks?limit=1&offset=1');
  assert.deepEqual(
    [
      list.json<{ total: number; items: WebhookBody[] }>().total,
      list.json<{ items: WebhookBody[] }>().items.map((w) => w.hash),
    ],
    [2, [signed.hash]],
  );
});

test('bad fields are refused with a 400 naming each field and its rule', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const cases: [object, string[][]][] = [
    [{ type: 'call.nothing', endpoint: 'https://x.example' }, [['body.type', 'enum']]],
    [{ type: 'sms.mo', endpoint: 'ftp://x.example/' }, [['body.endpoint', 'format']]],
    [{ type: 'sms.mo', endpoint: 'not a url' }, [['body.endpoint', 'format']]],
    [
      { type: 'sms.mo', endpoint: 'https://x.example', options: { hmac_secret: 'short' } },
      [['body.options.hmac_secret', 'minLength']],
    ],
    [
      { type: 'sms.mo', endpoint: 'https://x.example', options: { hmac_secret: 'x'.repeat(1025) } },
      [['body.options.hmac_secret', 'maxLength']],
    ],
    [
      { type: 'sms.mo', endpoint: 'https://x.example', options: { hmac_algo: 'SHA3' } },
      [['body.options.hmac_algo', 'enum']],
    ],
    [
      { type: 'sms.mo', endpoint: 'https://x.example', options: { format: 'XML' } },
      [['body.options.format', 'enum']],
    ],
    [{ endpoint: 'https://x.example' }, [['body.type', 'required']]],
  ];
  for (const [payload, expected] of cases) {
    const response = await call(testApp, acme, 'POST', '/webhooks', payload);
    assert.equal(response.statusCode, 400, JSON.stringify(payload));
    const issues = issuesOf(response.body);
    for (const issue of expected)
      assert.ok(
        issues.some((i) => i[0] === issue[0] && i[1] === issue[1]),
        `${JSON.stringify(payload)}: ${JSON.stringify(issues)}`,
      );
  }
  const okAt8 = await call(testApp, acme, 'POST', '/webhooks', {
    type: 'sms.mo',
    endpoint: 'https://x.example',
    options: { hmac_secret: '12345678' },
  });
  assert.equal(okAt8.statusCode, 201, 'a secret of 8 characters is enough');
});

test('changes: endpoint, options and status; a secret can be removed; DISABLED_ADMIN stays off', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const hook = await subscribe(testApp, acme, {
    type: 'did.assigned',
    endpoint: 'https://a.example',
    options: { hmac_secret: 'secret-one' },
  });
  const changed = await call(testApp, acme, 'PATCH', `/webhooks/${hook.hash}`, {
    endpoint: 'https://b.example/new',
    options: { hmac_algo: 'MD5' },
    status: 'DISABLED',
  });
  assert.equal(changed.statusCode, 200, changed.body);
  const body = changed.json<WebhookBody>();
  assert.deepEqual(
    [body.endpoint, body.status, body.options],
    ['https://b.example/new', 'DISABLED', { format: 'JSON', hmac_algo: 'MD5', hmac_secret: '********' }],
  );
  const unsigned = await call(testApp, acme, 'PATCH', `/webhooks/${hook.hash}`, {
    options: { hmac_secret: null },
  });
  assert.equal(unsigned.json<WebhookBody>().options.hmac_secret, null);
  const badStatus = await call(testApp, acme, 'PATCH', `/webhooks/${hook.hash}`, {
    status: 'DISABLED_ADMIN',
  });
  assert.equal(badStatus.statusCode, 400, 'a tenant cannot set the operator status');
  // The operator's switch (no route sets it yet): the tenant cannot turn the hook back on.
  await testApp.database.db
    .updateTable('webhooks')
    .set({ status: 'DISABLED_ADMIN' })
    .where('id', '=', hook.hash)
    .execute();
  const enable = await call(testApp, acme, 'PATCH', `/webhooks/${hook.hash}`, { status: 'ENABLED' });
  assert.equal(enable.statusCode, 409, enable.body);
  assert.equal(enable.json<ErrorBody>().error.code, 'VG_ERR_WEBHOOKS_DISABLED_ADMIN');
  const moved = await call(testApp, acme, 'PATCH', `/webhooks/${hook.hash}`, {
    endpoint: 'https://c.example',
    status: 'DISABLED',
  });
  assert.deepEqual(
    [moved.json<WebhookBody>().endpoint, moved.json<WebhookBody>().status],
    ['https://c.example', 'DISABLED_ADMIN'],
  );
});

test("another account's webhook is not found, whatever the method", async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const globex = await createAccount(testApp, 'Globex');
  const hook = await subscribe(testApp, acme, { type: 'sms.mo', endpoint: 'https://acme.example' });
  for (const [method, payload] of [['GET'], ['PATCH', { status: 'DISABLED' }], ['DELETE']] as const) {
    const response = await call(testApp, globex, method, `/webhooks/${hook.hash}`, payload);
    assert.equal(response.statusCode, 404, `${method}: ${response.body}`);
    assert.equal(response.json<ErrorBody>().error.code, 'VG_ERR_WEBHOOKS_NOT_FOUND');
  }
  assert.equal((await call(testApp, globex, 'GET', '/webhooks')).json<{ total: number }>().total, 0);
  const still = await call(testApp, acme, 'GET', `/webhooks/${hook.hash}`);
  assert.equal(still.json<WebhookBody>().status, 'ENABLED', 'untouched by the other account');
  assert.equal((await call(testApp, acme, 'DELETE', `/webhooks/${hook.hash}`)).statusCode, 204);
  assert.equal((await call(testApp, acme, 'GET', `/webhooks/${hook.hash}`)).statusCode, 404);
});

test('the event types are listed', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const response = await call(testApp, acme, 'GET', '/webhooks/event-types');
  assert.equal(response.statusCode, 200);
  const { types } = response.json<{ types: string[] }>();
  assert.ok(types.includes('call.inbound_start') && types.includes('sms.mt.status_update'));
  // The platform's 15 (CALLR-METHODS.md section 5.1) and Voxgate's own.
  assert.equal(types.length, 17);
  assert.ok(types.includes('webhook.disabled') && types.includes('scenario.action_result'));
});
