/**
 * The dial family (5.4 to 5.7) and post-bridge mode (6.2) on the simulator.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScript } from './test-support/run-script.js';

const AGENT = '41793026728';

test('Dial answered: ANSWER, the answered number and the bridged seconds; the bridge ends the call (callee)', async () => {
  const run = await runScript(
    {
      script: [{ say: 'Connecting.' }, { dial: AGENT, options: { ringTimeout: 25 } }],
      onHangup: [{ setVariable: 'ended', value: '${hangupBy}' }],
    },
    { caller: { dials: [{ outcome: 'answer', ringMs: 2000, durationS: 42 }] } },
  );

  assert.equal(run.variables['dialStatus'], 'ANSWER');
  assert.equal(run.variables['dialAnsweredNumber'], AGENT);
  assert.equal(run.variables['dialDuration'], '42');
  assert.deepEqual(run.one('dial.attempt').data, { number: AGENT });
  assert.deepEqual(run.one('dial.result').data, {
    number: AGENT,
    status: 'ANSWER',
    durationS: 42,
    hangupBy: 'callee',
  });
  const saidEnd = run.msOf(run.one('prompt.said'));
  assert.equal(run.msOf(run.one('dial.result')), saidEnd + 2000 + 42_000);
  assert.equal(run.hangupBy, 'callee');
  assert.equal(run.variables['ended'], 'callee');
});

test('post-bridge mode: call actions are skipped (callEnded) without touching their variables; other actions run', async () => {
  const run = await runScript(
    [
      { playFromUrl: 'media:1' },
      { dial: AGENT },
      { say: 'Sales is busy.' },
      { collectInto: 'menu' },
      { pause: 1 },
      { setVariable: 'afterBridge', value: '${dialStatus}' },
      { sendSms: { text: 'Thanks for calling', to: '${from}' } },
      {
        request: 'https://crm.example.com/done',
        options: { method: 'POST', body: { status: '${dialStatus}' } },
      },
      { if: "${dialStatus} == 'ANSWER'", then: [{ setVariable: 'branch', value: 'answered' }] },
      'hangup',
      { setVariable: 'afterHangup', value: 'ran' },
    ],
    { caller: { dials: [{ outcome: 'answer' }] } },
  );

  assert.deepEqual(
    run.ofType('action.skipped').map((e) => [e.path, e.data['reason']]),
    [
      ['script[2]', 'callEnded'],
      ['script[3]', 'callEnded'],
      ['script[4]', 'callEnded'],
    ],
  );
  assert.equal(run.variables['mediaStatus'], 'PLAYED', 'the skipped Say left mediaStatus alone');
  assert.equal(run.variables['menu'], undefined);
  assert.equal(run.variables['collectStatus'], undefined);
  assert.equal(run.variables['afterBridge'], 'ANSWER');
  assert.equal(run.variables['smsStatus'], 'ACCEPTED');
  assert.equal(run.variables['callApiOutcome'], 'SUCCESS');
  assert.equal(run.variables['branch'], 'answered');
  assert.equal(run.variables['afterHangup'], undefined, 'Hang-up still ends the main script');
  assert.equal(run.hangupBy, 'callee', 'after a bridge Hang-up does not claim the hang-up');
});

test('Dial not answered: BUSY, NOANSWER (after ringTimeout), CONGESTION, CHANUNAVAIL; the script goes on', async () => {
  const outcomes = [
    ['busy', 'BUSY', 1000],
    ['noanswer', 'NOANSWER', 25_000],
    ['failed', 'CONGESTION', 1000],
    ['unavailable', 'CHANUNAVAIL', 1000],
  ] as const;
  for (const [outcome, status, ringMs] of outcomes) {
    const run = await runScript(
      [{ dial: AGENT, options: { ringTimeout: 25 } }, { say: 'Nobody is available.' }],
      { caller: { dials: [{ outcome }] } },
    );

    assert.equal(run.variables['dialStatus'], status, outcome);
    assert.equal(run.variables['dialAnsweredNumber'], '');
    assert.equal(run.variables['dialDuration'], '0');
    assert.equal(run.msOf(run.one('dial.result')), ringMs, outcome);
    assert.equal(run.variables['mediaStatus'], 'PLAYED', `${outcome}: the call goes on`);
    assert.equal(run.hangupBy, 'scenario');
  }
});

test('Dial: the default ring timeout is 30 s', async () => {
  const run = await runScript([{ dial: AGENT }]);

  assert.equal(run.variables['dialStatus'], 'NOANSWER');
  assert.equal(run.elapsedMs, 30_000);
});

test('Dial: an invalid interpolated number is NODIAL with VG_RT_DIAL_FAILED, nothing is dialled', async () => {
  const run = await runScript([{ dial: '${target}' }, { say: 'Sorry.' }], {
    parameters: { target: '12-not-a-number' },
    caller: { dials: [{ outcome: 'answer' }] },
  });

  assert.equal(run.variables['dialStatus'], 'NODIAL');
  assert.equal(run.ofType('dial.attempt').length, 0);
  assert.equal(run.one('error').data['code'], 'VG_RT_DIAL_FAILED');
  assert.equal(run.variables['mediaStatus'], 'PLAYED');
});

test('Dial: an interpolated valid number (+ optional) is dialled', async () => {
  const run = await runScript([{ dial: '${target}' }], {
    parameters: { target: ' +41793026728 ' },
    caller: { dials: [{ outcome: 'busy' }] },
  });

  assert.deepEqual(run.one('dial.attempt').data, { number: '+41793026728' });
  assert.equal(run.variables['dialStatus'], 'BUSY');
});

test('Dial: the caller hanging up during the bridge ends the bridge; the script goes on post-bridge (6.2)', async () => {
  const run = await runScript(
    {
      script: [{ dial: AGENT }, { say: 'skipped' }, { sendSms: { text: 'Thanks', to: '${from}' } }],
      onHangup: [{ setVariable: 'hook', value: '${hangupBy}/${dialStatus}' }],
    },
    // Rings 3 s, bridged from 3 s; the caller hangs up at 7 s.
    { caller: { dials: [{ outcome: 'answer', durationS: 60 }], events: [{ at: 7000, hangup: true }] } },
  );

  assert.equal(run.variables['dialStatus'], 'ANSWER');
  assert.equal(run.variables['dialDuration'], '4', 'seconds actually bridged');
  assert.equal(run.one('dial.result').data['hangupBy'], 'caller');
  assert.equal(run.msOf(run.one('dial.result')), 7000);
  assert.equal(run.one('action.skipped').path, 'script[1]');
  assert.equal(run.variables['smsStatus'], 'ACCEPTED');
  assert.equal(run.hangupBy, 'caller');
  assert.equal(run.variables['hook'], 'caller/ANSWER');
  assert.equal(run.elapsedMs, 7000);
});

test('Dial: a scripted bridge ended by the caller reports hangupBy caller', async () => {
  const run = await runScript([{ dial: AGENT }], {
    caller: { dials: [{ outcome: 'answer', durationS: 5, hangupBy: 'caller' }] },
  });

  assert.equal(run.hangupBy, 'caller');
  assert.equal(run.variables['dialDuration'], '5');
});

test('Dial: the caller hanging up while it rings is CANCEL; the main script stops and onHangup runs', async () => {
  const run = await runScript(
    {
      script: [{ dial: AGENT }, { setVariable: 'after', value: 'ran' }],
      onHangup: [{ setVariable: 'hook', value: '${hangupBy}/${dialStatus}' }],
    },
    { caller: { events: [{ at: 5000, hangup: true }] } },
  );

  assert.equal(run.variables['dialStatus'], 'CANCEL');
  assert.equal(run.variables['after'], undefined);
  assert.equal(run.variables['hook'], 'caller/CANCEL');
  assert.equal(run.elapsedMs, 5000);
});

test('Dial: maxCallDuration cuts the bridge (hangupBy system)', async () => {
  const run = await runScript([{ dial: AGENT, options: { maxCallDuration: 20 } }], {
    caller: { dials: [{ outcome: 'answer', ringMs: 1000, durationS: 600 }] },
  });

  assert.equal(run.variables['dialDuration'], '20');
  assert.equal(run.one('dial.result').data['hangupBy'], 'system');
  assert.equal(run.elapsedMs, 21_000);
});

test('Dial: a second Dial after a bridge is skipped', async () => {
  const run = await runScript([{ dial: AGENT }, { dial: '41793026729' }], {
    caller: { dials: [{ outcome: 'answer' }, { outcome: 'answer' }] },
  });

  assert.equal(run.ofType('dial.attempt').length, 1);
  assert.equal(run.one('action.skipped').data['reason'], 'callEnded');
});

test('Dial forwards an unanswered call transparently: the call is answered only when the callee answers (5.4 step 2)', async () => {
  const busy = await runScript([{ dial: AGENT }], { caller: { dials: [{ outcome: 'busy' }] } });

  assert.equal(busy.ofType('call.answered').length, 0);
});

test("Dial: options.onAnswer runs on the callee's leg once the callee answers, before the bridge (5.4 step 4)", async () => {
  const run = await runScript(
    [{ dial: AGENT, options: { onAnswer: [{ setVariable: 'screened', value: 'yes' }] } }],
    { caller: { dials: [{ outcome: 'answer' }] } },
  );

  assert.equal(run.variables['screened'], 'yes');
});

test('Dial with options.record sets recordStatus, recordingId and recordingDuration for the bridge (section 3)', async () => {
  const run = await runScript([{ dial: AGENT, options: { record: true } }], {
    caller: { dials: [{ outcome: 'answer', durationS: 12 }] },
  });

  assert.notEqual(run.variables['recordingId'] ?? '', '');
  assert.equal(run.variables['recordingDuration'], '12');
});

// ---------------------------------------------------------------- Dial To Many

test('Dial To Many sequential rings each number in turn (per-entry ringTimeout) until one answers', async () => {
  const run = await runScript(
    [
      {
        dialToMany: [{ number: '41793026727' }, { numbers: '41793026728,41793026729', ringTimeout: 15 }],
        options: { ringTimeout: 20 },
      },
    ],
    {
      caller: {
        dials: [
          { outcome: 'busy' },
          { outcome: 'noanswer' },
          { outcome: 'answer', ringMs: 2000, durationS: 30 },
        ],
      },
    },
  );

  assert.deepEqual(
    run.ofType('dial.attempt').map((e) => e.data['number']),
    ['41793026727', '41793026728', '41793026729'],
  );
  assert.equal(run.variables['dialStatus'], 'ANSWER');
  assert.equal(run.variables['dialAnsweredNumber'], '41793026729');
  // busy after 1 s, no answer for the entry's 15 s, then 2 s of ringing and 30 s bridged.
  assert.equal(run.elapsedMs, 1000 + 15_000 + 2000 + 30_000);
});

test("Dial To Many sequential with no answer reports the last number's status", async () => {
  const run = await runScript(
    [
      { dialToMany: [{ numbers: '41793026727,41793026728' }], options: { ringTimeout: 10 } },
      { say: 'Sorry' },
    ],
    { caller: { dials: [{ outcome: 'noanswer' }, { outcome: 'busy' }] } },
  );

  assert.equal(run.variables['dialStatus'], 'BUSY');
  assert.equal(run.msOf(run.one('dial.result')), 10_000 + 1000);
  assert.equal(run.variables['mediaStatus'], 'PLAYED');
});

test('Dial To Many parallel: every number rings at once and the first to answer wins', async () => {
  const run = await runScript(
    [
      {
        dialToMany: [{ numbers: '41793026727,41793026728,41793026729' }],
        options: { parallel: true, ringTimeout: 20 },
      },
    ],
    {
      caller: {
        dials: [
          { outcome: 'noanswer' },
          { outcome: 'answer', ringMs: 4000, durationS: 10 },
          { outcome: 'answer', ringMs: 1500, durationS: 10 },
        ],
      },
    },
  );

  assert.equal(run.variables['dialStatus'], 'ANSWER');
  assert.equal(run.variables['dialAnsweredNumber'], '41793026729');
  assert.equal(run.elapsedMs, 1500 + 10_000);
});

test('Dial To Many parallel with no answer reports the first of NOANSWER, BUSY, CONGESTION, CHANUNAVAIL reached', async () => {
  const numbers = '41793026727,41793026728,41793026729';
  const noAnswer = await runScript(
    [{ dialToMany: [{ numbers }], options: { parallel: true, ringTimeout: 20 } }],
    { caller: { dials: [{ outcome: 'unavailable' }, { outcome: 'noanswer' }, { outcome: 'busy' }] } },
  );
  const busy = await runScript([{ dialToMany: [{ numbers }], options: { parallel: true } }], {
    caller: { dials: [{ outcome: 'unavailable' }, { outcome: 'failed' }, { outcome: 'busy' }] },
  });

  assert.equal(noAnswer.variables['dialStatus'], 'NOANSWER');
  assert.equal(noAnswer.elapsedMs, 20_000, 'ringTimeout bounds the whole parallel attempt');
  assert.equal(busy.variables['dialStatus'], 'BUSY');
});

test('Dial To Many expansion trims items and drops empty ones and duplicates', async () => {
  const run = await runScript(
    [{ dialToMany: [{ numbers: '${list}' }, { number: ' 41793026728 ' }], options: { parallel: true } }],
    { parameters: { list: ' 41793026727 ,, 41793026728,41793026727 , ' } },
  );

  assert.deepEqual(
    run.ofType('dial.attempt').map((e) => e.data['number']),
    ['41793026727', '41793026728'],
  );
});

test('Dial To Many with no valid number after expansion is NODIAL', async () => {
  const run = await runScript([{ dialToMany: [{ numbers: '${list}' }] }], { parameters: { list: ' , ,' } });

  assert.equal(run.variables['dialStatus'], 'NODIAL');
  assert.equal(run.one('error').data['code'], 'VG_RT_DIAL_FAILED');
});

test('Dial To WebRTC rings the identity; Dial To Conversations queues with the tags', async () => {
  const run = await runScript(
    [
      { dialToWebRTC: 'agent-${who}' },
      { dialToConversations: { options: { tags: ['billing', 'fr'], queueTimeout: 60 } } },
    ],
    { parameters: { who: 'ana' }, caller: { dials: [{ outcome: 'unavailable' }, { outcome: 'noanswer' }] } },
  );

  assert.deepEqual(
    run.ofType('dial.attempt').map((e) => e.data['number']),
    ['webrtc:agent-ana', 'queue:NAME:billing,fr'],
  );
  assert.equal(run.variables['dialStatus'], 'NOANSWER');
  assert.equal(run.msOf(run.ofType('dial.result')[1]!) - run.msOf(run.ofType('dial.result')[0]!), 60_000);
});

test('Dial: a Hang-up in onAnswer releases the callee as NOANSWER, and the whisper is said to the callee', async () => {
  const run = await runScript(
    [
      {
        dial: AGENT,
        options: {
          onAnswer: [{ say: 'Call from the support line' }, { if: '${screen} == 1', then: ['hangup'] }],
        },
      },
      { say: 'Nobody could take your call.' },
    ],
    { caller: { dials: [{ outcome: 'answer' }] }, parameters: { screen: '1' } },
  );

  assert.equal(run.variables['dialStatus'], 'NOANSWER');
  const said = run.ofType('prompt.said').map((event) => event.data['text']);
  assert.deepEqual(said, ['Call from the support line', 'Nobody could take your call.']);
});
