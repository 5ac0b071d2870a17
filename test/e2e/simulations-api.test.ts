/** `POST /voxgate/v1/simulations`: a scenario against a scripted caller, with a real Call API server. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { bearer, buildTestApp, createAccount } from '../helpers/app.js';

interface Simulation {
  events: { type: string; path?: string; data: Record<string, unknown> }[];
  variables: Record<string, string>;
  ended: { hangupBy: string; hangupCause: string; durationS: number };
  elapsedMs: number;
}

async function crmServer(t: { after(fn: () => Promise<void> | void): void }) {
  const requests: { method: string; url: string; body: string }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', url: request.url ?? '', body });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ customerName: 'Ana', balance: 12.5, orders: [1, 2] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

test('an inline menu runs against keys pressed and a real Call API server, in virtual time', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const crm = await crmServer(t);
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/simulations',
    headers: bearer(acme.key),
    payload: {
      script: [
        { say: 'Enter your customer number, then hash.' },
        { collectInto: 'customer', options: { maxInputLength: 10, timeout: 7 } },
        {
          request: `${crm.url}/lookup?customer=\${customer}`,
          options: { method: 'GET', collectResponse: true },
        },
        { say: 'Hello ${customerName}, your balance is ${balance}.' },
        'hangup',
      ],
      from: '+33612345678',
      to: '+33100000000',
      caller: { keys: ['4711#'] },
    },
  });
  assert.equal(response.statusCode, 200, response.body);
  const simulation = response.json<Simulation>();
  assert.deepEqual(
    crm.requests.map((r) => [r.method, r.url]),
    [['GET', '/lookup?customer=4711']],
  );
  assert.equal(simulation.variables['customer'], '4711');
  assert.equal(simulation.variables['balance'], '12.5');
  assert.equal(simulation.variables['callApiOutcome'], 'SUCCESS');
  const said = simulation.events.filter((e) => e.type === 'prompt.said').map((e) => e.data['text']);
  assert.deepEqual(said, ['Enter your customer number, then hash.', 'Hello Ana, your balance is 12.5.']);
  const exchange = simulation.events.find((e) => e.type === 'http.exchange');
  assert.deepEqual(
    [exchange?.data['status'], exchange?.data['url']],
    [200, `${crm.url}/lookup`],
    'the URL shows no query',
  );
  assert.deepEqual(simulation.ended, {
    hangupBy: 'scenario',
    hangupCause: 'BYE',
    durationS: Math.floor(simulation.elapsedMs / 1000),
  });
});

test('a stored scenario runs by id; both or neither of scenarioId and script is refused', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const globex = await createAccount(testApp, 'Globex');
  const stored = await testApp.app.inject({
    method: 'POST',
    url: '/voice/ivr/1/scenarios',
    headers: bearer(acme.key),
    payload: { name: 'Bye', script: [{ say: 'Goodbye ${from}' }, 'hangup'] },
  });
  const id = stored.json<{ id: string }>().id;
  const run = (key: string, body: object) =>
    testApp.app.inject({
      method: 'POST',
      url: '/voxgate/v1/simulations',
      headers: bearer(key),
      payload: { from: '+33612345678', to: '+33100000000', ...body },
    });
  const byId = await run(acme.key, { scenarioId: id });
  assert.equal(byId.statusCode, 200, byId.body);
  assert.equal(
    byId.json<Simulation>().events.find((e) => e.type === 'prompt.said')?.data['text'],
    'Goodbye +33612345678',
  );
  assert.equal(
    (await run(globex.key, { scenarioId: id })).statusCode,
    404,
    "another tenant's scenario is not found",
  );
  assert.equal((await run(acme.key, {})).statusCode, 400);
  assert.equal((await run(acme.key, { scenarioId: id, script: ['hangup'] })).statusCode, 400);
  const invalid = await run(acme.key, { script: [{ collectInto: 'to' }] });
  assert.equal(invalid.statusCode, 400);
  assert.match(invalid.body, /VG_ERR_SCENARIO_RESERVED_VARIABLE/);
});

test('the caller hangs up at a step: the call ends there and onHangup runs once', async (t) => {
  const testApp = await buildTestApp(t);
  const acme = await createAccount(testApp, 'Acme');
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/simulations',
    headers: bearer(acme.key),
    payload: {
      script: [{ say: 'one' }, { say: 'two' }, { say: 'three' }],
      onHangup: [{ setVariable: 'cleaned', value: 'yes' }],
      from: '+33612345678',
      to: '+33100000000',
      caller: { hangupAtStep: 2 },
    },
  });
  const simulation = response.json<Simulation>();
  assert.deepEqual(
    simulation.events.filter((e) => e.type === 'prompt.said').map((e) => e.data['text']),
    ['one'],
  );
  assert.equal(simulation.variables['cleaned'], 'yes');
  assert.equal(simulation.events.filter((e) => e.type === 'hook.started').length, 1);
  assert.equal(simulation.ended.hangupBy, 'caller');
});
