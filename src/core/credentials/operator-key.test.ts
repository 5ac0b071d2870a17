import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openTestDatabase } from '../../../test/helpers/database.js';
import { createCore } from '../index.js';

async function freshCore(t: { after(fn: () => Promise<void>): void }) {
  const database = await openTestDatabase(t);
  return createCore({ db: database.db });
}

test('an operator key is generated once on first start and never again', async (t) => {
  const core = await freshCore(t);
  const first = await core.credentials.ensureOperatorKey(undefined);
  assert.match(first.generated ?? '', /^[0-9a-f]{100}$/);
  assert.equal((await core.credentials.ensureOperatorKey(undefined)).generated, null);
  const principal = await core.credentials.authenticateToken(first.generated ?? '');
  assert.equal(principal?.kind, 'operator');
});

test('VOXGATE_ADMIN_KEY authenticates as the operator, and a changed one revokes the previous one', async (t) => {
  const core = await freshCore(t);
  const one = 'operator-key-one-0123456789abcdef0123';
  const two = 'operator-key-two-0123456789abcdef0123';
  assert.equal((await core.credentials.ensureOperatorKey(one)).generated, null);
  assert.equal((await core.credentials.authenticateToken(one))?.kind, 'operator');
  await core.credentials.ensureOperatorKey(two);
  assert.equal((await core.credentials.authenticateToken(two))?.kind, 'operator');
  assert.equal(await core.credentials.authenticateToken(one), null);
});
