/**
 * The simulator (simulate.ts): drives one run on a virtual clock with a
 * scripted caller. Concurrent runs share nothing but the immutable tree;
 * real work is awaited without moving virtual time.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SmsRequest, SmsResult } from '../interpreter/services.js';
import {
  FakeHttp,
  FakeRecordings,
  FakeSms,
  START_MS,
  compileOrFail,
  runScript,
  simulateCompiled,
} from '../interpreter/test-support/run-script.js';
import { simulate } from './simulate.js';
import { speechDurationMs } from './simulated-call.js';

const MENU = [
  { say: 'For sales press 1, for support press 2.', actionId: 1 },
  {
    collectInto: 'menu',
    options: { maxInputLength: 1, timeout: 5, mappedValues: { '1': 'sales', '2': 'support' } },
  },
  { setVariable: 'visits', value: '${visits + 1}' },
  {
    switch: 'menu_Meaning',
    case: {
      sales: [{ setVariable: 'routed', value: 'sales' }],
      support: [{ setVariable: 'routed', value: 'support' }],
      __default: [{ goTo: 1, options: { goToLimit: 2, countVariable: 'tries' } }],
    },
  },
];

test('two simulations of the same compiled scenario at once do not share state', async () => {
  const { scenario } = compileOrFail(MENU);
  const [sales, support] = await Promise.all([
    simulateCompiled(scenario, { caller: { keys: ['1'] }, callId: 'call-a' }),
    simulateCompiled(scenario, { caller: { keys: ['9', '2'] }, callId: 'call-b' }),
  ]);

  assert.deepEqual(
    [sales.variables['routed'], sales.variables['visits'], sales.variables['tries']],
    ['sales', '1', undefined],
  );
  assert.deepEqual(
    [support.variables['routed'], support.variables['visits'], support.variables['tries']],
    ['support', '2', '1'],
  );
  // Each run alone gives exactly the same timeline as when they ran side by side.
  const salesAlone = await simulateCompiled(scenario, { caller: { keys: ['1'] }, callId: 'call-a' });
  const supportAlone = await simulateCompiled(scenario, { caller: { keys: ['9', '2'] }, callId: 'call-b' });
  assert.deepEqual(sales.events, salesAlone.events);
  assert.deepEqual(support.events, supportAlone.events);
});

test('twenty interleaved simulations each see only their own keys, Go To counters and buffers', async () => {
  const { scenario } = compileOrFail(MENU);
  const keysFor = (i: number): string[] => (i % 2 === 0 ? ['1'] : ['7', '8', '2']);
  const runs = await Promise.all(
    Array.from({ length: 20 }, (_, i) => simulateCompiled(scenario, { caller: { keys: keysFor(i) } })),
  );

  runs.forEach((run, i) => {
    const even = i % 2 === 0;
    assert.equal(run.variables['routed'], even ? 'sales' : 'support', `run ${i}`);
    assert.equal(run.variables['visits'], even ? '1' : '3', `run ${i}`);
    assert.equal(run.ofType('goto.jump').length, even ? 0 : 2, `run ${i}`);
  });
});

test('the compiled tree is immutable: runs cannot change it', async () => {
  const { scenario } = compileOrFail(MENU);
  await simulateCompiled(scenario, { caller: { keys: ['1'] } });

  assert.ok(Object.isFrozen(scenario));
  assert.ok(Object.isFrozen(scenario.script));
  assert.ok(Object.isFrozen(scenario.script.actions[0]));
  assert.throws(() => {
    (scenario.script.actions as unknown[]).push('hangup');
  }, TypeError);
  assert.throws(() => (scenario.variables as Map<string, string>).set('x', 'y'), TypeError);
});

test('the same simulation twice gives the same timeline (deterministic virtual time)', async () => {
  const caller = { keys: ['2'], events: [{ at: 60_000, hangup: true as const }] };
  const first = await runScript(MENU, { caller });
  const second = await runScript(MENU, { caller });

  assert.deepEqual(first.events, second.events);
  assert.equal(first.elapsedMs, second.elapsedMs);
});

test('elapsedMs is the virtual time from start to end; the timeline starts at startMs', async () => {
  const run = await runScript([{ say: 'Hello there' }, { pause: 2 }]);

  assert.equal(run.elapsedMs, speechDurationMs('Hello there', 1) + 2000);
  assert.equal(Date.parse(run.events[0]!.at.replace('+0000', 'Z')), START_MS);
});

test('spoken text takes 60 ms a character at rate 1, never under 400 ms', () => {
  assert.equal(speechDurationMs('Hi', 1), 400);
  assert.equal(speechDurationMs('x'.repeat(50), 1), 3000);
  assert.equal(speechDurationMs('x'.repeat(50), 2), 1500);
});

test('caller keys: each entry is pressed keyDelayMs after the next Collect starts, keys 300 ms apart', async () => {
  const run = await runScript(
    [
      { say: 'PIN?' },
      { collectInto: 'pin', options: { maxInputLength: 4, timeout: 10 } },
      { say: 'Again?' },
      { collectInto: 'again', options: { maxInputLength: 1, timeout: 10 } },
    ],
    { caller: { keys: ['1234', '9'], keyDelayMs: 1000 } },
  );

  const starts = run.ofType('action.started').filter((e) => e.data['action'] === 'collect');
  const digits = run.ofType('dtmf.received');
  assert.deepEqual(
    digits.map((e) => run.msOf(e) - run.msOf(starts[0]!)).slice(0, 4),
    [1000, 1300, 1600, 1900],
  );
  assert.equal(run.msOf(digits[4]!) - run.msOf(starts[1]!), 1000);
  assert.equal(run.variables['pin'], '1234');
  assert.equal(run.variables['again'], '9');
});

test('caller keys beyond the inputs are never pressed; no keys at all is silence', async () => {
  const run = await runScript([{ say: 'Hi' }, { collectInto: 'a', options: { timeout: 2 } }], {
    caller: { keys: ['1', '2', '3'] },
  });

  assert.equal(run.ofType('dtmf.received').length, 1);
});

test('hangupAtStep counts every action started, nested ones included', async () => {
  const run = await runScript(
    [
      { setVariable: 'a', value: '1' },
      { if: 'true', then: [{ setVariable: 'b', value: '2' }, { say: 'Hi' }] },
      { setVariable: 'c', value: '3' },
    ],
    { caller: { hangupAtStep: 4 } },
  );

  assert.equal(run.variables['b'], '2');
  assert.equal(run.ofType('prompt.said').length, 0);
  assert.equal(run.variables['c'], undefined);
  assert.equal(run.hangupBy, 'caller');
});

test('a dial without a scripted outcome rings until its timeout (no answer)', async () => {
  const run = await runScript([{ dial: '41793026728', options: { ringTimeout: 12 } }]);

  assert.equal(run.variables['dialStatus'], 'NOANSWER');
  assert.equal(run.elapsedMs, 12_000);
});

/** An SMS service that does real asynchronous work (a database write) before answering. */
class SlowSms extends FakeSms {
  override async send(request: SmsRequest): Promise<SmsResult> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return super.send(request);
  }
}

test('real asynchronous work in the SMS and recording services does not move virtual time', async () => {
  const recordings = new FakeRecordings({ greeting: 'rec-1' });
  const slowRecordings = {
    async findByIdentifier(identifier: string): Promise<string | null> {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return recordings.findByIdentifier(identifier);
    },
  };
  const run = await runScript(
    [
      { sendSms: { text: 'Hi', to: '${from}' } },
      { playFromRecording: 'greeting' },
      { sendSms: { text: 'Bye', to: '${from}' } },
    ],
    { sms: new SlowSms(), recordings: slowRecordings },
  );

  assert.equal(run.hangupCause, 'BYE', 'the 4 h duration timer never fired');
  assert.equal(run.variables['smsStatus'], 'ACCEPTED');
  assert.equal(run.one('prompt.played').data['url'], 'recording:rec-1');
  assert.equal(run.elapsedMs, 3000, 'only the recording played in virtual time');
});

test('simulate takes its defaults: inbound, call id "simulated-call", json dialect', async () => {
  const { scenario } = compileOrFail([{ setVariable: 'id', value: '${callId}/${direction}' }]);
  const result = await simulate({
    scenario,
    caller: {},
    from: '+41793026727',
    to: '+41793026700',
    identity: { scenarioId: 'S', scenarioName: 'N' },
    http: new FakeHttp(),
    sms: new FakeSms(),
    startMs: START_MS,
  });

  assert.equal(result.variables['id'], 'simulated-call/inbound');
  assert.equal(result.events[0]?.data['dialect'], 'json');
  assert.equal(result.events, result.timeline);
});

test('an outbound simulation runs as already answered', async () => {
  const run = await runScript([{ setVariable: 'answered', value: '${answerTime}' }], {
    direction: 'outbound',
  });

  assert.equal(run.variables['answered'], '2023-09-14T15:13:36.735+0000');
});

test('the scripted caller keeps pressing keys and hanging up once the timeline is full', async () => {
  const typed = await runScript([{ say: 'Menu' }, { collectInto: 'k' }], {
    caller: { keys: ['7'] },
    settings: { maxTimelineEvents: 3 },
  });
  assert.equal(typed.variables['k'], '7');

  const hungUp = await runScript([{ say: 'one' }, { say: 'two' }, { say: 'three' }], {
    caller: { hangupAtStep: 3 },
    settings: { maxTimelineEvents: 2 },
  });
  assert.equal(hungUp.hangupBy, 'caller');
});

test('a loop of Call APIs is not mistaken for an idle engine: virtual time does not jump to the call limit', async () => {
  const http = new FakeHttp(() => ({ kind: 'response', status: 200, contentType: 'text/plain', body: 'ok' }));
  const run = await runScript(
    [
      {
        'for-each': 'i',
        in: Array.from({ length: 90 }, (_, i) => String(i)).join(','),
        do: [{ request: 'http://crm.test/x', options: { method: 'GET' } }],
      },
    ],
    { http, settings: { maxTimelineEvents: 5, maxLoopIterations: 1000 } },
  );
  assert.equal(run.hangupCause, 'BYE');
  assert.equal(http.requests.length, 90);
});
