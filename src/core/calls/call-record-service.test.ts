import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { openTestDatabase } from '../../../test/helpers/database.js';
import type { TimelineEvent } from '../../scenario/interpreter/timeline.js';
import { createCore, type Core } from '../index.js';
import type { Clock } from '../shared/clock.js';
import type { CallOpening } from './types.js';

const START_MS = Date.parse('2026-03-01T10:00:00.000Z');

interface Fixture {
  readonly tenant: { accountId: number; parentId: null };
  readonly scenarioId: string;
  /** A core over the same database, as another process (after a restart, or another node) is. */
  coreOf(nodeId: string, clock?: Clock): Core;
}

async function fixture(t: TestContext): Promise<Fixture> {
  const database = await openTestDatabase(t);
  const coreOf = (nodeId: string, clock?: Clock) =>
    createCore({ db: database.db, nodeId, ...(clock === undefined ? {} : { clock }) });
  const setup = coreOf('setup');
  const account = await setup.accounts.createAccount('Acme');
  const tenant = { accountId: account.id, parentId: null };
  const { scenario } = await setup.scenarios.create(tenant, { name: 'Welcome', script: [{ say: 'Hi' }] });
  return { tenant, scenarioId: scenario.id, coreOf };
}

function opening(f: Fixture, overrides: Partial<CallOpening> = {}): CallOpening {
  return {
    accountId: f.tenant.accountId,
    direction: 'inbound',
    from: '33612345678',
    callerName: 'Alice',
    to: '+33123456789',
    scenarioId: f.scenarioId,
    scenarioName: 'Welcome',
    sipCallId: 'a84b4c76e66710@pc33.example.com',
    startedAt: START_MS,
    ...overrides,
  };
}

const TIMELINE: readonly TimelineEvent[] = [
  { seq: 1, at: '2026-03-01T10:00:02.000+0000', type: 'call.answered', data: {} },
  {
    seq: 2,
    at: '2026-03-01T10:00:02.000+0000',
    type: 'action.started',
    path: 'script[0]',
    actionId: 1,
    data: {},
  },
];

test('a call record goes live at open and ends with durations rounded to whole seconds', async (t) => {
  const f = await fixture(t);
  const core = f.coreOf('node-a');
  const id = await core.callRecords.open(opening(f));
  assert.match(id, /^[1-9][0-9]*$/);
  const live = await core.calls.get(f.tenant, id);
  assert.deepEqual(
    [live.status, live.nodeId, live.cliNumber, live.cliName, live.cliPres, live.number, live.timeline],
    ['live', 'node-a', '+33612345678', 'Alice', 'allowed_passed_screen', '+33123456789', null],
  );
  assert.equal(await core.callRecords.answered(id, START_MS + 2_400), true);
  assert.equal(
    await core.callRecords.ended(id, {
      at: START_MS + 65_600,
      hangupCause: 16,
      hangupSource: 'CALLER',
      timeline: TIMELINE,
    }),
    true,
  );
  const ended = await core.calls.get(f.tenant, id);
  assert.deepEqual(
    [ended.status, ended.startedAt, ended.answeredAt, ended.endedAt],
    ['ended', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:02.400Z', '2026-03-01T10:01:05.600Z'],
  );
  assert.deepEqual([ended.duration, ended.durationAnswered], [66, 63]);
  assert.deepEqual([ended.hangupCause, ended.hangupSource], [16, 'CALLER']);
  assert.deepEqual(ended.timeline, TIMELINE);
});

test('a call never answered ends with an answered duration of 0', async (t) => {
  const f = await fixture(t);
  const core = f.coreOf('node-a');
  const id = await core.callRecords.open(opening(f));
  await core.callRecords.ended(id, {
    at: START_MS + 12_000,
    hangupCause: 487,
    hangupSource: 'CALLER',
    timeline: [],
  });
  const ended = await core.calls.get(f.tenant, id);
  assert.deepEqual([ended.answeredAt, ended.duration, ended.durationAnswered], [null, 12, 0]);
});

test('a record is ended once: a second end or a late answer changes nothing', async (t) => {
  const f = await fixture(t);
  const core = f.coreOf('node-a');
  const id = await core.callRecords.open(opening(f));
  await core.callRecords.ended(id, {
    at: START_MS + 5_000,
    hangupCause: 16,
    hangupSource: 'CALLEE',
    timeline: [],
  });
  assert.equal(
    await core.callRecords.ended(id, {
      at: START_MS + 9_000,
      hangupCause: 41,
      hangupSource: 'GATEWAY',
      timeline: [],
    }),
    false,
  );
  assert.equal(await core.callRecords.answered(id, START_MS + 6_000), false);
  const ended = await core.calls.get(f.tenant, id);
  assert.deepEqual([ended.duration, ended.hangupSource, ended.answeredAt], [5, 'CALLEE', null]);
});

test('an unknown or malformed call id is neither answered nor ended', async (t) => {
  const f = await fixture(t);
  const core = f.coreOf('node-a');
  const ending = { at: START_MS, hangupCause: 16, hangupSource: 'CALLER', timeline: [] } as const;
  assert.equal(await core.callRecords.answered('999999', START_MS), false);
  assert.equal(await core.callRecords.ended('999999', ending), false);
  assert.equal(await core.callRecords.ended('not-a-call', ending), false);
});

test('a record opened by another process is ended with durations read from its row', async (t) => {
  const f = await fixture(t);
  const id = await f.coreOf('node-a').callRecords.open(opening(f));
  await f.coreOf('node-a').callRecords.answered(id, START_MS + 1_000);
  const other = f.coreOf('node-a');
  assert.equal(
    await other.callRecords.ended(id, {
      at: START_MS + 31_000,
      hangupCause: 16,
      hangupSource: 'CALLER',
      timeline: [],
    }),
    true,
  );
  const ended = await other.calls.get(f.tenant, id);
  assert.deepEqual([ended.duration, ended.durationAnswered], [31, 30]);
});

test('after a crash, closeOrphans ends the live records of that node only, as GATEWAY cause 41', async (t) => {
  const f = await fixture(t);
  const crashed = f.coreOf('node-a');
  const answeredId = await crashed.callRecords.open(opening(f));
  await crashed.callRecords.answered(answeredId, START_MS + 10_000);
  const ringingId = await crashed.callRecords.open(opening(f, { sipCallId: 'second' }));
  const elsewhereId = await f.coreOf('node-b').callRecords.open(opening(f, { sipCallId: 'third' }));
  const restarted = f.coreOf('node-a', { now: () => new Date(START_MS + 120_000) });
  assert.equal((await restarted.calls.get(f.tenant, answeredId)).status, 'live', 'the crash left it live');

  assert.equal(await restarted.callRecords.closeOrphans('node-a'), 2);

  const answered = await restarted.calls.get(f.tenant, answeredId);
  assert.deepEqual(
    [answered.status, answered.endedAt, answered.duration, answered.durationAnswered],
    ['ended', '2026-03-01T10:02:00.000Z', 120, 110],
  );
  assert.deepEqual([answered.hangupSource, answered.hangupCause, answered.timeline], ['GATEWAY', 41, null]);
  assert.equal((await restarted.calls.get(f.tenant, ringingId)).durationAnswered, 0);
  assert.equal((await restarted.calls.get(f.tenant, elsewhereId)).status, 'live', "node-b's call runs on");
  assert.equal(await restarted.callRecords.closeOrphans('node-a'), 0);
});

test("opening a call records the scenario's last usage date", async (t) => {
  const f = await fixture(t);
  const core = f.coreOf('node-a');
  await core.callRecords.open(opening(f));
  const scenario = await core.scenarios.get(f.tenant, f.scenarioId);
  assert.equal(scenario.lastUsageDate, '2026-03-01');
});

test('a withheld caller has no CLI number and a caller that is not E.164 keeps its user part', async (t) => {
  const f = await fixture(t);
  const core = f.coreOf('node-a');
  const withheld = await core.callRecords.open(
    opening(f, { from: '', callerName: '', presentation: 'prohib_passed_screen' }),
  );
  const extension = await core.callRecords.open(opening(f, { from: '1001' }));
  const a = await core.calls.get(f.tenant, withheld);
  assert.deepEqual([a.cliNumber, a.cliName, a.cliPres], [null, null, 'prohib_passed_screen']);
  assert.equal((await core.calls.get(f.tenant, extension)).cliNumber, '1001');
});
