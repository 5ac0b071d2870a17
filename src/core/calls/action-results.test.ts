import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openTestDatabase } from '../../../test/helpers/database.js';
import type { TimelineEvent } from '../../scenario/interpreter/timeline.js';
import { createCore } from '../index.js';
import { createActionResultRecorder } from './action-results.js';

function event(seq: number, type: string, data: Record<string, unknown>, path?: string): TimelineEvent {
  return {
    seq,
    at: `2026-03-01T10:00:0${seq}.000+0000`,
    type,
    data,
    ...(path === undefined ? {} : { path, actionId: seq }),
  };
}

test('the results of actions become scenario.action_result events, in order; other timeline events do not', async (t) => {
  const database = await openTestDatabase(t);
  const core = createCore({ db: database.db, nodeId: 'n' });
  const account = await core.accounts.createAccount('Acme');
  await core.webhooks.subscribe(
    { accountId: account.id, parentId: null },
    { type: 'scenario.action_result', endpoint: 'https://hooks.example.com/results' },
  );
  const errors: unknown[] = [];
  const recorder = createActionResultRecorder(
    { db: database.db, outbox: core.outbox, onError: (error) => errors.push(error) },
    { accountId: account.id, callId: '42', scenarioId: 'ABCDEF0123456789ABCDEF0123456789' },
  );
  recorder.onEvent(event(1, 'call.answered', {}));
  recorder.onEvent(event(2, 'action.started', { kind: 'collect' }, 'script[0]'));
  recorder.onEvent(
    event(3, 'input.collected', { variable: 'menu', value: '2', meaning: null, status: 'OK' }, 'script[0]'),
  );
  recorder.onEvent(
    event(4, 'http.exchange', { method: 'POST', url: 'https://crm.example/x', status: 200 }, 'script[1]'),
  );
  recorder.onEvent(event(5, 'call.ended', { hangupBy: 'caller' }));
  await recorder.flush();
  assert.deepEqual(errors, []);

  const rows = await database.db
    .selectFrom('events')
    .select(['type', 'data'])
    .where('account_id', '=', account.id)
    .where('type', '=', 'scenario.action_result')
    .execute();
  // Written in order, but possibly in one millisecond: the action ids give the order back.
  const data = rows
    .map((row) => JSON.parse(row.data) as Record<string, unknown>)
    .sort((a, b) => Number(a['action_id']) - Number(b['action_id']));
  assert.deepEqual(
    data.map((d) => [d['action'], d['path'], d['action_id']]),
    [
      ['input.collected', 'script[0]', 3],
      ['http.exchange', 'script[1]', 4],
    ],
  );
  assert.deepEqual(data[0], {
    callid: 42,
    scenario_hash: 'ABCDEF0123456789ABCDEF0123456789',
    action: 'input.collected',
    path: 'script[0]',
    action_id: 3,
    at: '2026-03-01T10:00:03.000+0000',
    result: { variable: 'menu', value: '2', meaning: null, status: 'OK' },
  });
});
