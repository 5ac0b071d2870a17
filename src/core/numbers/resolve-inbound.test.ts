import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { openTestDatabase } from '../../../test/helpers/database.js';
import { createCore, type Core } from '../index.js';
import type { Clock } from '../shared/clock.js';

async function freshCore(t: TestContext, clock?: Clock): Promise<Core> {
  const database = await openTestDatabase(t);
  return createCore({ db: database.db, ...(clock === undefined ? {} : { clock }) });
}

/** An account owning +33123456789, routed to a one-line scenario. */
async function routedNumber(core: Core) {
  const account = await core.accounts.createAccount('Acme');
  const tenant = { accountId: account.id, parentId: null };
  const { scenario } = await core.scenarios.create(tenant, { name: 'Welcome', script: [{ say: 'Hello' }] });
  const number = await core.numbers.add(account.id, '33123456789');
  await core.numbers.route(tenant, number.number, scenario.id);
  return { account, tenant, scenario, number };
}

test('a routed number resolves, with or without +, to its account and compiled scenario', async (t) => {
  const core = await freshCore(t);
  const { account, scenario, number } = await routedNumber(core);
  for (const dialled of ['+33123456789', '33123456789', '0033123456789']) {
    const decision = await core.inbound.resolveInbound(dialled);
    assert.equal(decision.status, 'route', dialled);
    if (decision.status !== 'route') return;
    assert.deepEqual(
      [decision.accountId, decision.numberId, decision.number, decision.scenario.id, decision.scenario.name],
      [account.id, number.id, '+33123456789', scenario.id, 'Welcome'],
    );
    assert.deepEqual(decision.tenant, { accountId: account.id, parentId: null });
    assert.equal(decision.scenario.tree.actionCount, 1);
  }
});

test('the compiled tree is reused between calls and replaced when the scenario changes', async (t) => {
  let nowMs = Date.parse('2026-03-01T10:00:00.000Z');
  const core = await freshCore(t, { now: () => new Date(nowMs) });
  const { tenant, scenario } = await routedNumber(core);
  const first = await core.inbound.resolveInbound('+33123456789');
  const second = await core.inbound.resolveInbound('+33123456789');
  assert.ok(first.status === 'route' && second.status === 'route');
  assert.equal(second.scenario.tree, first.scenario.tree, 'one compilation per revision');
  nowMs += 60_000;
  await core.scenarios.replace(tenant, scenario.id, { name: 'Welcome 2', script: [{ say: 'Hi' }, 'hangup'] });
  const third = await core.inbound.resolveInbound('+33123456789');
  assert.ok(third.status === 'route');
  assert.notEqual(third.scenario.tree, first.scenario.tree);
  assert.equal(third.scenario.tree.actionCount, 2);
  assert.equal(third.scenario.name, 'Welcome 2');
});

test('a number no account owns, or text that is no number, is not found', async (t) => {
  const core = await freshCore(t);
  await routedNumber(core);
  for (const dialled of ['+33999999999', 'alice', '0123456789', '']) {
    assert.deepEqual(await core.inbound.resolveInbound(dialled), { status: 'not-found' }, dialled);
  }
});

test('an account with inbound calls switched off is forbidden', async (t) => {
  const core = await freshCore(t);
  const { account, number } = await routedNumber(core);
  await core.accounts.updateAccount(account.id, { inboundCalls: false });
  assert.deepEqual(await core.inbound.resolveInbound('33123456789'), {
    status: 'forbidden',
    accountId: account.id,
    numberId: number.id,
    numberHash: number.hash,
    number: '+33123456789',
  });
  await core.accounts.updateAccount(account.id, { inboundCalls: true });
  assert.equal((await core.inbound.resolveInbound('33123456789')).status, 'route');
});

test('a disabled account, or a sub-account of a disabled parent, is forbidden', async (t) => {
  const core = await freshCore(t);
  const parent = await core.accounts.createAccount('Parent');
  const child = await core.accounts.createSubaccount({ accountId: parent.id, parentId: null }, 'Child');
  await core.numbers.add(parent.id, '+33100000001');
  await core.numbers.add(child.id, '+33100000002');
  await core.accounts.updateAccount(parent.id, { status: 'disabled' });
  assert.equal((await core.inbound.resolveInbound('+33100000001')).status, 'forbidden');
  assert.equal((await core.inbound.resolveInbound('+33100000002')).status, 'forbidden');
});

test('a number its account routes nowhere is unrouted', async (t) => {
  const core = await freshCore(t);
  const { account, tenant, number } = await routedNumber(core);
  await core.numbers.route(tenant, number.number, null);
  assert.deepEqual(await core.inbound.resolveInbound('+33123456789'), {
    status: 'unrouted',
    accountId: account.id,
    numberId: number.id,
    numberHash: number.hash,
    number: '+33123456789',
  });
});
