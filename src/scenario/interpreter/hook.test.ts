/**
 * The end of a call (section 6.2): a caller hang-up aborts the running action
 * at once, and onHangup runs exactly once, after the main script, with
 * hangupBy and hangupCause set, whatever ended the call.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeHttp, runScript } from './test-support/run-script.js';

const HOOK_REPORT = {
  request: 'https://crm.example.com/calls/${callId}',
  options: { method: 'POST', body: { by: '${hangupBy}', cause: '${hangupCause}', menu: '${menu}' } },
};

test('hangupAtStep: the caller hangs up as that action starts; it is aborted at once and nothing after it plays', async () => {
  const http = new FakeHttp();
  const run = await runScript(
    {
      script: [
        { say: 'Welcome to Acme.' },
        { playFromUrl: 'https://cdn.example.com/long.wav' },
        { say: 'never' },
        { setVariable: 'after', value: 'ran' },
      ],
      onHangup: [HOOK_REPORT],
    },
    { http, caller: { hangupAtStep: 2, mediaDurationsMs: { 'https://cdn.example.com/long.wav': 60_000 } } },
  );

  const started = run.ofType('action.started').filter((e) => e.path?.startsWith('script'));
  assert.deepEqual(
    started.map((e) => e.path),
    ['script[0]', 'script[1]'],
  );
  const abortedAt = run.msOf(started[1]!);
  assert.equal(run.elapsedMs, abortedAt, 'no time passes after the hang-up: the Play never ran');
  assert.equal(run.ofType('prompt.played').length, 0);
  assert.equal(run.ofType('prompt.said').length, 1);
  assert.equal(run.variables['after'], undefined);
  assert.equal(run.hangupBy, 'caller');
  assert.equal(run.hangupCause, 'BYE');
});

test('onHangup runs once after a caller hang-up, with hangupBy caller; its Call API runs after the hang-up', async () => {
  const http = new FakeHttp();
  const run = await runScript(
    {
      script: [
        { say: 'Press 1 for sales.' },
        { collectInto: 'menu', options: { maxInputLength: 1, timeout: 10 } },
        { say: 'never' },
      ],
      onHangup: [HOOK_REPORT, { setVariable: 'hookRuns', value: '${hookRuns + 1}' }],
    },
    { http, callId: 'call-99', caller: { events: [{ at: 3000, hangup: true }] } },
  );

  assert.equal(run.hangupBy, 'caller');
  assert.equal(run.variables['hookRuns'], '1');
  assert.equal(run.ofType('hook.started').length, 1);
  assert.equal(http.requests.length, 1);
  assert.equal(http.requests[0]?.url, 'https://crm.example.com/calls/call-99');
  assert.deepEqual(JSON.parse(http.requests[0]?.body ?? ''), { by: 'caller', cause: 'BYE', menu: '' });
  assert.equal(http.requests[0]?.signal.aborted, false, 'the hook has a fresh signal');
  assert.equal(run.variables['callApiOutcome'], 'SUCCESS');
  const types = run.events.map((e) => e.type);
  assert.ok(types.indexOf('hook.started') < types.indexOf('http.exchange'));
  assert.ok(types.indexOf('http.exchange') < types.indexOf('hook.finished'));
  assert.equal(types.at(-1), 'call.ended');
  assert.equal(run.msOf(run.one('hook.started')), 3000);
});

test('a caller hang-up during a prompt stops it at that virtual millisecond', async () => {
  const run = await runScript(
    {
      script: [{ playFromUrl: 'media:5' }, { say: 'never' }],
      onHangup: [{ setVariable: 'h', value: 'ran' }],
    },
    { caller: { mediaDurationsMs: { 'media:5': 20_000 }, events: [{ at: 4321, hangup: true }] } },
  );

  assert.equal(run.elapsedMs, 4321);
  assert.equal(run.ofType('prompt.played').length, 0);
  assert.equal(run.variables['mediaStatus'], undefined, 'an aborted prompt sets no status');
  assert.equal(run.variables['h'], 'ran');
  assert.equal(run.one('call.ended').data['durationS'], 4);
});

test('onHangup runs once after the scenario hangs up, and once after the end of the script', async () => {
  const hook = [{ setVariable: 'runs', value: '${runs + 1}:${hangupBy}' }];
  const hungUp = await runScript({ script: ['hangup'], onHangup: hook });
  const ended = await runScript({ script: [{ setVariable: 'a', value: '1' }], onHangup: hook });

  assert.equal(hungUp.variables['runs'], '1:scenario');
  assert.equal(ended.variables['runs'], '1:scenario');
});

test('a Hang-up inside onHangup ends the hook only', async () => {
  const run = await runScript({
    script: [{ setVariable: 'a', value: '1' }],
    onHangup: [{ setVariable: 'h', value: '1' }, 'hangup', { setVariable: 'h', value: '2' }],
  });

  assert.equal(run.variables['h'], '1');
  assert.equal(run.ofType('hook.finished').length, 1);
  assert.equal(run.hangupBy, 'scenario');
});

test('onHangup Go To loops stay inside the hook and its budgets', async () => {
  const run = await runScript({
    script: [{ say: 'Bye' }],
    onHangup: [
      { setVariable: 'n', value: '${n + 1}', actionId: 1 },
      { goTo: 1, options: { goToLimit: 5 } },
    ],
  });

  assert.equal(run.variables['n'], '6');
});

test('without onHangup there are no hook events', async () => {
  const run = await runScript([{ say: 'Hi' }]);

  assert.equal(run.ofType('hook.started').length, 0);
  assert.equal(run.events.at(-1)?.type, 'call.ended');
});

test('hangupBy and hangupCause read "" during the call', async () => {
  const run = await runScript({
    script: [{ setVariable: 'during', value: '[${hangupBy}][${hangupCause}]' }],
    onHangup: [{ setVariable: 'afterwards', value: '[${hangupBy}][${hangupCause}]' }],
  });

  assert.equal(run.variables['during'], '[][]');
  assert.equal(run.variables['afterwards'], '[scenario][BYE]');
});
