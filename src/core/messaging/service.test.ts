import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { openTestDatabase } from '../../../test/helpers/database.js';
import { compileScenario } from '../../scenario/compiler/index.js';
import { simulate } from '../../scenario/simulator/index.js';
import { createCore } from '../index.js';

async function freshCore(t: TestContext) {
  const database = await openTestDatabase(t);
  const core = createCore({
    db: database.db,
    http: { exchange: () => Promise.resolve({ kind: 'failure', outcome: 'NETWORK_ERROR' }) },
  });
  return core;
}

test("a scenario's Send SMS is stored as an outbound PENDING record of the tenant, tagged with the call", async (t) => {
  const core = await freshCore(t);
  const account = await core.accounts.createAccount('Acme');
  const tenant = { accountId: account.id, parentId: null };
  const compiled = compileScenario({
    script: [{ sendSms: { text: 'Your code is ${code}', to: '${from}', from: 'Acme' } }],
  });
  assert.ok(compiled.ok);
  const result = await simulate({
    scenario: compiled.scenario,
    caller: {},
    from: '+33612345678',
    to: '+33100000000',
    callId: 'call-42',
    parameters: { code: '1234' },
    identity: { scenarioId: 'S', scenarioName: 'sms' },
    http: { exchange: () => Promise.resolve({ kind: 'failure', outcome: 'NETWORK_ERROR' }) },
    sms: core.messaging.scenarioSender(tenant),
  });
  assert.equal(result.variables['smsStatus'], 'ACCEPTED');
  const stored = await core.messaging.listOutbound(tenant);
  assert.equal(stored.length, 1);
  assert.equal(stored[0]?.id, result.variables['smsMessageId']);
  assert.match(stored[0]?.id ?? '', /^[0-9A-F]{8}$/);
  assert.deepEqual(
    [
      stored[0]?.from,
      stored[0]?.to,
      stored[0]?.text,
      stored[0]?.status,
      stored[0]?.callId,
      stored[0]?.encoding,
      stored[0]?.parts,
    ],
    ['Acme', '+33612345678', 'Your code is 1234', 'PENDING', 'call-42', 'GSM', 1],
  );
  const other = await core.accounts.createAccount('Globex');
  assert.equal((await core.messaging.listOutbound({ accountId: other.id, parentId: null })).length, 0);
});

test('a destination that is not E.164 is rejected and nothing is stored', async (t) => {
  const core = await freshCore(t);
  const account = await core.accounts.createAccount('Acme');
  const tenant = { accountId: account.id, parentId: null };
  const sent = await core.messaging
    .scenarioSender(tenant)
    .send({ from: null, to: 'not-a-number', text: 'x', callId: 'c' });
  assert.equal(sent.status, 'REJECTED');
  assert.equal((await core.messaging.listOutbound(tenant)).length, 0);
});
