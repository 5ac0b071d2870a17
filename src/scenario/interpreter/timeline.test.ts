/**
 * The event timeline (section 6.5): ordered, stamped in the seed's time
 * format, tied to the action's path and actionId, capped at 2,000 events.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Timeline } from './timeline.js';
import { START_MS, msSinceStart, runScript } from './test-support/run-script.js';

const SEED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

test('seq starts at 1 and increases by 1; at is 2023-09-14T15:13:36.735+0000 form and never goes back', async () => {
  const run = await runScript(
    [{ say: 'Press a key', actionId: 4 }, { collectInto: 'k', options: { maxInputLength: 1 } }, { pause: 1 }],
    { caller: { keys: ['5'] } },
  );

  run.events.forEach((event, index) => {
    assert.equal(event.seq, index + 1);
    assert.match(event.at, SEED_TIME);
  });
  assert.equal(run.events[0]?.at, '2023-09-14T15:13:36.735+0000');
  const times = run.events.map((e) => msSinceStart(e.at));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => a - b),
  );
  assert.equal(run.events[0]?.type, 'call.started');
  assert.equal(run.events.at(-1)?.type, 'call.ended');
  assert.equal(msSinceStart(run.events.at(-1)!.at), run.elapsedMs);
});

test('action events carry the path in the submitted document and the actionId when there is one', async () => {
  const run = await runScript([
    { if: 'true', then: [{ setVariable: 'a', value: '1', actionId: 12 }] },
    { switch: 'a', case: { '1': [{ setVariable: 'b', value: '2' }] } },
  ]);

  const set = run.ofType('variable.set');
  assert.deepEqual(
    set.map((e) => [e.path, e.actionId]),
    [
      ['script[0].then[0]', 12],
      ['script[1].case["1"][0]', undefined],
    ],
  );
  assert.equal('actionId' in (set[1] ?? {}), false);
});

test('call.started and call.ended carry the call and how it ended', async () => {
  const run = await runScript([{ pause: 3 }], { from: '+41790000001', to: '+41790000002' });

  assert.deepEqual(run.one('call.started').data, {
    direction: 'inbound',
    from: '+41790000001',
    to: '+41790000002',
    dialect: 'json',
  });
  assert.deepEqual(run.one('call.ended').data, { hangupBy: 'scenario', hangupCause: 'BYE', durationS: 3 });
});

test('action.finished reports the virtual duration of the action', async () => {
  const run = await runScript([{ pause: 2.5 }, { setVariable: 'a', value: '1' }]);

  assert.deepEqual(
    run.ofType('action.finished').map((e) => e.data['durationMs']),
    [2500, 0],
  );
});

test('the timeline holds at most 2,000 events, the last being timeline.truncated', async () => {
  const run = await runScript([
    {
      'for-each': 'a',
      in: '1,2,3,4,5,6,7,8,9,10',
      do: [{ while: 'true', do: [{ setVariable: 'x', value: '${x + 1}' }] }],
    },
    { setVariable: 'after', value: 'reached' },
  ]);

  assert.equal(run.events.length, 2000);
  assert.deepEqual(run.events.at(-1), {
    seq: 2000,
    at: '2023-09-14T15:13:36.735+0000',
    type: 'timeline.truncated',
    data: { max: 2000 },
  });
  assert.equal(run.events.filter((e) => e.type === 'timeline.truncated').length, 1);
  assert.equal(run.variables['after'], 'reached', 'the call itself goes on after the timeline is full');
  assert.equal(run.variables['x'], '1000');
});

test('Timeline unit: the cap can be lowered; the listener sees exactly the kept events', () => {
  let now = START_MS;
  const seen: string[] = [];
  const timeline = new Timeline(
    () => now,
    3,
    (event) => seen.push(event.type),
  );
  timeline.add('a');
  now += 5;
  timeline.add('b', { x: 1 }, { path: 'script[0]', actionId: null });
  timeline.add('c');
  timeline.add('d');

  assert.deepEqual(seen, ['a', 'b', 'timeline.truncated']);
  assert.deepEqual(timeline.events[1], {
    seq: 2,
    at: '2023-09-14T15:13:36.740+0000',
    type: 'b',
    path: 'script[0]',
    data: { x: 1 },
  });
});

test('a listener of some types hears only those, built with their place; the timeline keeps every event', () => {
  const heard: [string, number][] = [];
  const timeline = new Timeline(
    () => START_MS,
    2000,
    (event) => heard.push([event.type, event.seq]),
    new Set(['input.collected', 'action.finished']),
  );
  timeline.add('action.started', {}, { path: 'script[0]', actionId: 1 });
  timeline.add('input.collected', { value: '2' }, { path: 'script[0]', actionId: 1 });
  timeline.addFinished(12, { path: 'script[0]', actionId: 1 });
  timeline.add('call.ended');
  assert.deepEqual(heard, [
    ['input.collected', 2],
    ['action.finished', 3],
  ]);
  assert.equal(timeline.events.length, 4);
});

test('events keep their own time when times repeat and change, read in several passes or live', () => {
  let now = 1_694_704_416_735;
  const live: string[] = [];
  const timeline = new Timeline(
    () => now,
    2000,
    (event) => live.push(event.at),
  );
  timeline.add('a');
  timeline.add('b');
  now += 1000;
  timeline.add('c');
  const first = timeline.events.map((event) => event.at);
  now += 1;
  timeline.addFinished(1001, { path: 'script[0]', actionId: null });
  now -= 5;
  timeline.add('d');
  timeline.add('e');

  const expected = [
    '2023-09-14T15:13:36.735+0000',
    '2023-09-14T15:13:36.735+0000',
    '2023-09-14T15:13:37.735+0000',
    '2023-09-14T15:13:37.736+0000',
    '2023-09-14T15:13:37.731+0000',
    '2023-09-14T15:13:37.731+0000',
  ];
  assert.deepEqual(first, expected.slice(0, 3));
  assert.deepEqual(
    timeline.events.map((event) => event.at),
    expected,
  );
  assert.deepEqual(live, expected);
  assert.deepEqual(timeline.events[3]?.data, { durationMs: 1001 });
});
