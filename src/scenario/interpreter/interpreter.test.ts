/**
 * runScenario itself (section 6.1 and 6.4), driven directly: it yields the
 * event loop during long runs of actions that never wait, streams the
 * timeline as it goes, and turns an unexpected exception into a released call.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PromptEnd, SayRequest } from '../call-port.js';
import { SimulatedCall } from '../simulator/simulated-call.js';
import { VirtualClock } from '../simulator/virtual-clock.js';
import { runScenario } from './interpreter.js';
import type { TimelineEvent } from './timeline.js';
import {
  CALLER,
  DID,
  FakeHttp,
  FakeSms,
  START_MS,
  compileOrFail,
  runScript,
} from './test-support/run-script.js';

function callOn(clock: VirtualClock): SimulatedCall {
  return new SimulatedCall(
    { callId: 'call-1', direction: 'inbound', from: CALLER, to: DID, callerName: '' },
    clock,
    {},
  );
}

test('a long run of actions that never wait yields the event loop at least every 100 actions', async () => {
  const { scenario } = compileOrFail([
    {
      while: 'true',
      do: [
        { setVariable: 'a', value: '${a + 1}' },
        { setVariable: 'b', value: '${a}' },
      ],
    },
  ]);
  const clock = new VirtualClock(START_MS);
  let actionsStarted = 0;
  let seenByOtherWork = -1;
  setImmediate(() => {
    seenByOtherWork = actionsStarted;
  });

  const outcome = await runScenario({
    scenario,
    call: callOn(clock),
    services: { clock, http: new FakeHttp(), sms: new FakeSms() },
    identity: { scenarioId: 'S', scenarioName: 'N' },
    onEvent(event) {
      if (event.type === 'action.started') actionsStarted += 1;
    },
  });

  assert.ok(actionsStarted > 200);
  assert.ok(
    seenByOtherWork >= 0 && seenByOtherWork <= 100,
    `other work ran after ${seenByOtherWork} actions`,
  );
  assert.equal(outcome.hangupBy, 'scenario');
});

test('onEvent streams exactly the events of the timeline, in order', async () => {
  const { scenario } = compileOrFail([
    { setVariable: 'a', value: '1' },
    { sendSms: { text: 'x', to: '${from}' } },
  ]);
  const clock = new VirtualClock(START_MS);
  const streamed: TimelineEvent[] = [];

  const outcome = await runScenario({
    scenario,
    call: callOn(clock),
    services: { clock, http: new FakeHttp(), sms: new FakeSms() },
    identity: { scenarioId: 'S', scenarioName: 'N' },
    onEvent: (event) => streamed.push(event),
  });

  assert.deepEqual(streamed, outcome.timeline);
});

/** A call whose text-to-speech throws: a bug in a port, not an outcome. */
class BrokenTtsCall extends SimulatedCall {
  override say(_request: SayRequest, _signal: AbortSignal): Promise<PromptEnd> {
    throw new Error('tts engine exploded');
  }
}

test('an unexpected exception is VG_RT_INTERNAL: the call is released (system) and onHangup runs', async () => {
  const { scenario } = compileOrFail({
    script: [{ say: 'Hello' }, { setVariable: 'after', value: 'ran' }],
    onHangup: [{ setVariable: 'hook', value: '${hangupBy}:${lastError}' }],
  });
  const clock = new VirtualClock(START_MS);

  const outcome = await runScenario({
    scenario,
    call: new BrokenTtsCall(
      { callId: 'call-1', direction: 'inbound', from: CALLER, to: DID, callerName: '' },
      clock,
      {},
    ),
    services: { clock, http: new FakeHttp(), sms: new FakeSms() },
    identity: { scenarioId: 'S', scenarioName: 'N' },
  });

  assert.equal(outcome.hangupBy, 'system');
  assert.equal(outcome.variables['after'], undefined);
  assert.equal(outcome.variables['hook'], 'system:VG_RT_INTERNAL');
  const error = outcome.timeline.find((e) => e.type === 'error');
  assert.deepEqual(error?.data, { code: 'VG_RT_INTERNAL', message: 'tts engine exploded' });
});

test('built-ins: answerTime, callDuration, localTime and weekday read live from the virtual clock', async () => {
  const run = await runScript([
    { setVariable: 'before', value: '[${answerTime}][${callDuration}]' },
    { pause: 2.5 },
    { setVariable: 'after', value: '${answerTime} ${callDuration} ${localTime} ${weekday} ${startTime}' },
    { setVariable: 'ids', value: '${scenarioId}/${scenarioName}/${attempt}/${callerName}/${bulkId}' },
  ]);

  assert.equal(run.variables['before'], '[][0]');
  assert.equal(
    run.variables['after'],
    '2023-09-14T15:13:36.735+0000 2 15:13 thursday 2023-09-14T15:13:36.735+0000',
  );
  assert.equal(run.variables['ids'], 'E83E787CF2613450157ADA3476171E3F/Test scenario/1//');
});

test('lastError holds the last run-time error code and stays until another error', async () => {
  const run = await runScript([
    { setVariable: 'none', value: '[${lastError}]' },
    { dial: '${bad}' },
    { setVariable: 'afterDial', value: '${lastError}' },
    { setVariable: 'fine', value: 'ok' },
    { setVariable: 'still', value: '${lastError}' },
  ]);

  assert.equal(run.variables['none'], '[]');
  assert.equal(run.variables['afterDial'], 'VG_RT_DIAL_FAILED');
  assert.equal(run.variables['still'], 'VG_RT_DIAL_FAILED');
});
