/**
 * Hostile scripts at run time (sections 3, 4, 6.4 and 8): each is stopped by
 * its budget with its code, as an outcome, and the process stays healthy.
 * Budgets are observed through the timeline, the outcome, and `lastError`
 * copied by onHangup (which has a budget of its own).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScript } from './test-support/run-script.js';

/** Copies the last run-time error where the test can read it, whatever ended the call. */
const REPORT_ERROR = [{ setVariable: 'finalError', value: '${lastError}' }];

test('an infinite While ("true") stops after 100 passes with loop.limit and VG_RT_LOOP_LIMIT; the script goes on', async () => {
  const run = await runScript([
    { while: 'true', do: [{ setVariable: 'spins', value: '${spins + 1}' }] },
    { setVariable: 'after', value: '${lastError}' },
  ]);

  assert.ok(run.warnings.includes('LOOP_NO_EXIT@script[0]'), 'the lint warns but the script compiles');
  assert.equal(run.variables['spins'], '100');
  assert.deepEqual(run.one('loop.limit').data, { count: 100 });
  assert.equal(run.one('error').data['code'], 'VG_RT_LOOP_LIMIT');
  assert.equal(run.variables['after'], 'VG_RT_LOOP_LIMIT');
  assert.equal(run.hangupBy, 'scenario');
});

test('Repeat While and For Each are bounded by the same per-entry loop limit', async () => {
  const items = Array.from({ length: 150 }, (_, i) => String(i + 1)).join(',');
  const run = await runScript(
    [
      { repeat: [{ setVariable: 'r', value: '${r + 1}' }], while: 'true' },
      { 'for-each': 'item', in: '${items}', do: [{ setVariable: 'f', value: '${item}' }] },
    ],
    { parameters: { items } },
  );

  assert.equal(run.variables['r'], '100');
  assert.equal(run.variables['f'], '100');
  assert.equal(run.ofType('loop.limit').length, 2);
});

test('a Go To cycle stops at its goToLimit and falls through', async () => {
  const run = await runScript([
    { setVariable: 'spins', value: '${spins + 1}', actionId: 1 },
    { goTo: 1, options: { goToLimit: 100 } },
    { setVariable: 'after', value: 'reached' },
  ]);

  assert.equal(run.variables['spins'], '101');
  assert.equal(run.variables['after'], 'reached');
  assert.equal(run.ofType('goto.jump').length, 100);
  assert.deepEqual(run.one('goto.limit').data, { target: 1, count: 101 });
});

test('Go To cycles stop at the 1,000-jumps-per-call budget (VG_RT_GOTO_LIMIT)', async () => {
  // Eleven Go Tos back to the same action, each allowed 100 jumps: the first ten use the 1,000 jumps.
  const run = await runScript(
    [
      { setVariable: 'spins', value: '${spins + 1}', actionId: 1 },
      ...Array.from({ length: 11 }, () => ({ goTo: 1, options: { goToLimit: 100 } })),
      { setVariable: 'after', value: 'reached' },
    ],
    { settings: { maxTimelineEvents: 100_000 } },
  );

  assert.equal(run.ofType('goto.jump').length, 1000);
  assert.equal(run.variables['after'], 'reached', 'the last Go To falls through');
  // With the budget spent, every Go To passed afterwards falls through with VG_RT_GOTO_LIMIT,
  // the eleventh on its very first pass.
  const limits = run.ofType('goto.limit').slice(-11);
  assert.deepEqual(
    limits.map((e) => e.path),
    Array.from({ length: 11 }, (_, i) => `script[${i + 1}]`),
  );
  assert.deepEqual(limits.at(-1)?.data, { target: 1, count: 1 });
  const errors = run.ofType('error').map((e) => e.data['code']);
  assert.deepEqual(errors, Array<string>(11).fill('VG_RT_GOTO_LIMIT'));
});

test('the jump budget holds with the default timeline too (the simulator keeps running once the timeline is full)', async () => {
  const run = await runScript({
    script: [
      { setVariable: 'spins', value: '${spins + 1}', actionId: 1 },
      ...Array.from({ length: 11 }, () => ({ goTo: 1, options: { goToLimit: 100 } })),
      { setVariable: 'after', value: 'reached' },
    ],
    onHangup: REPORT_ERROR,
  });

  assert.equal(run.variables['after'], 'reached');
  assert.equal(run.variables['finalError'], 'VG_RT_GOTO_LIMIT');
  assert.equal(run.hangupBy, 'scenario');
  assert.equal(run.elapsedMs, 0);
});

test('the 10,000-step budget stops nested loops: VG_RT_STEP_BUDGET, hangupBy system, onHangup still runs', async () => {
  const run = await runScript({
    script: [
      { while: 'true', do: [{ while: 'true', do: [{ setVariable: 'x', value: '${x + 1}' }] }] },
      { setVariable: 'after', value: 'reached' },
    ],
    onHangup: REPORT_ERROR,
  });

  assert.equal(run.hangupBy, 'system');
  assert.equal(run.hangupCause, 'STEP_BUDGET');
  assert.equal(run.variables['finalError'], 'VG_RT_STEP_BUDGET');
  assert.equal(run.variables['after'], undefined);
  // Steps: the outer While (1); per outer pass its test (1), the inner While (1) and 100 inner passes
  // of test + Set Variable (200) plus the test that meets the loop limit (1) = 203. After 49 passes,
  // 9,948 steps; the 50th pass spends 2 more and 25 inner passes (50) reach 10,000 exactly.
  assert.equal(run.variables['x'], String(49 * 100 + 25));
  assert.equal(run.elapsedMs, 0, 'no virtual time passes: the engine never waited');
});

test('each action, loop test and For Each iteration is one step (a lowered maxSteps stops exactly there)', async () => {
  const run = await runScript(
    {
      script: [
        { setVariable: 'a', value: '1' },
        { 'for-each': 'i', in: '1,2,3', do: [{ setVariable: 'b', value: '${i}' }] },
        { setVariable: 'c', value: '1' },
      ],
      onHangup: REPORT_ERROR,
    },
    // a (1), For Each (1), 3 x (iteration + Set Variable) (6): 8 steps; c would be the 9th.
    { settings: { maxSteps: 8 } },
  );

  assert.equal(run.variables['b'], '3');
  assert.equal(run.variables['c'], undefined);
  assert.equal(run.variables['finalError'], 'VG_RT_STEP_BUDGET');
});

test('onHangup has its own budget of 500 steps', async () => {
  const run = await runScript({
    script: [{ setVariable: 'a', value: '1' }],
    onHangup: [
      { while: 'true', do: [{ while: 'true', do: [{ setVariable: 'h', value: '${h + 1}' }] }] },
      { setVariable: 'afterHook', value: 'reached' },
    ],
  });

  assert.equal(run.variables['afterHook'], undefined);
  // Outer While (1), then per outer pass: test (1), inner While (1), 100 inner passes of test + Set
  // Variable (200), the test meeting the loop limit (1). Two passes: 1 + 2 x 203 = 407 steps; the third
  // spends 2, then 45 inner passes reach 499, the 46th's test is step 500 and its Set Variable is refused.
  assert.equal(run.variables['h'], String(100 + 100 + 45));
  assert.equal(run.ofType('hook.finished').length, 1);
});

test('a 10 MB launch parameter is cut to 4,096 characters (VG_RT_VALUE_TRUNCATED)', async () => {
  const huge = 'A'.repeat(10 * 1024 * 1024);
  const run = await runScript(
    { variables: { huge: '' }, script: [{ setVariable: 'length', value: 'ok' }] },
    { parameters: { huge } },
  );

  assert.equal(run.variables['huge']?.length, 4096);
  assert.deepEqual(
    run.ofType('error').map((e) => e.data['code']),
    ['VG_RT_VALUE_TRUNCATED'],
  );
});

test('a Set Variable that keeps doubling a value is truncated at 4,096 characters each time', async () => {
  const run = await runScript([
    { setVariable: 's', value: 'xxxxxxxxxxxxxxxx' },
    { while: 'true', do: [{ setVariable: 's', value: '${s}${s}' }] },
  ]);

  assert.equal(run.variables['s']?.length, 4096);
  const codes = run.ofType('error').map((e) => e.data['code']);
  assert.equal(codes.at(-1), 'VG_RT_LOOP_LIMIT');
  assert.ok(codes.filter((code) => code === 'VG_RT_VALUE_TRUNCATED').length >= 90);
  const cut = run.ofType('variable.set').at(-1);
  assert.equal(String(cut?.data['value']).length, 256, 'the timeline shows at most 256 characters');
});

test('a call holds at most 256 variables; further new names are refused (VG_RT_VARIABLE_LIMIT)', async () => {
  const script = Array.from({ length: 260 }, (_, i) => ({ setVariable: `v${i}`, value: 'x' }));
  const run = await runScript([...script, { setVariable: 'v0', value: 'overwritten' }]);

  assert.equal(Object.keys(run.variables).length, 256);
  assert.equal(run.variables['v255'], 'x');
  assert.equal(run.variables['v256'], undefined);
  assert.equal(run.variables['v0'], 'overwritten', 'an existing variable can still change');
  assert.deepEqual(
    run.ofType('variable.skipped').map((e) => e.data),
    [256, 257, 258, 259].map((i) => ({ name: `v${i}`, reason: 'VG_RT_VARIABLE_LIMIT' })),
  );
  assert.equal(run.ofType('error').length, 4);
});

test('a call holds at most 64 KiB of variables; a write past it is refused (VG_RT_VARIABLE_LIMIT)', async () => {
  const script = Array.from({ length: 20 }, (_, i) => ({ setVariable: `big${i}`, value: '${chunk}' }));
  const run = await runScript([...script, { setVariable: 'small', value: 'still fits?' }], {
    parameters: { chunk: 'c'.repeat(4000) },
  });

  const bytes = Object.entries(run.variables).reduce(
    (sum, [name, value]) => sum + name.length + value.length,
    0,
  );
  assert.ok(bytes <= 64 * 1024, `${bytes} characters held`);
  assert.ok(run.variables['big14'] !== undefined);
  assert.equal(run.variables['big19'], undefined);
  assert.ok(run.ofType('variable.skipped').length >= 4);
  assert.equal(run.ofType('error').at(-1)?.data['code'], 'VG_RT_VARIABLE_LIMIT');
});

test('too many launch parameters are refused with VG_RT_VARIABLE_LIMIT, reported once the call starts', async () => {
  const parameters = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`p${i}`, 'v']));
  const run = await runScript([{ setVariable: 'after', value: 'x' }], { parameters });

  assert.equal(run.variables['p255'], 'v');
  assert.equal(run.variables['p256'], undefined);
  assert.equal(run.ofType('error').filter((e) => e.data['code'] === 'VG_RT_VARIABLE_LIMIT').length, 45);
  assert.ok(
    run.events.findIndex((e) => e.type === 'error') > run.events.findIndex((e) => e.type === 'call.started'),
  );
});

test('conditions reaching for constructor, __proto__ or process read "" (variables live in a Map)', async () => {
  const run = await runScript([
    { setVariable: 'probe', value: '[${constructor}][${__proto__}][${process}][${toString}]' },
    {
      if: "${constructor} != '' || __proto__ != '' || process != '' || hasOwnProperty != ''",
      then: [{ setVariable: 'leak', value: 'yes' }],
      else: [{ setVariable: 'leak', value: 'no' }],
    },
    { if: "${__proto__ == ''} && constructor == null", then: [{ setVariable: 'empty', value: 'yes' }] },
  ]);

  assert.equal(run.variables['probe'], '[][][][]');
  assert.equal(run.variables['leak'], 'no');
  assert.equal(run.variables['empty'], 'yes');
  assert.equal(run.ofType('expression.error').length, 0);
});

test('launch parameters named like Object.prototype members are plain variables', async () => {
  const run = await runScript([{ setVariable: 'echo', value: '${constructor}/${hasOwnProperty}' }], {
    parameters: { constructor: 'c', hasOwnProperty: 'h' },
  });

  assert.equal(run.variables['echo'], 'c/h');
  assert.equal(typeof Object.prototype.hasOwnProperty, 'function', 'nothing leaked into the prototype');
});

test('the maximum call duration (4 h) ends a call that waits forever: MAX_DURATION, no real time spent', async () => {
  const run = await runScript(
    {
      script: [{ while: 'true', do: [{ pause: 5 }] }],
      onHangup: REPORT_ERROR,
    },
    { settings: { maxLoopIterations: 1_000_000 } },
  );

  assert.equal(run.hangupBy, 'system');
  assert.equal(run.hangupCause, 'MAX_DURATION');
  assert.equal(run.variables['finalError'], 'VG_RT_CALL_DURATION');
  assert.equal(run.elapsedMs, 4 * 60 * 60 * 1000);
});

test('the maximum call duration interrupts a long wait in the middle (a Collect)', async () => {
  const run = await runScript([{ say: 'Enter' }, { collectInto: 'x', options: { timeout: 30 } }], {
    settings: { maxCallDurationMs: 10_000 },
  });

  assert.equal(run.hangupCause, 'MAX_DURATION');
  assert.equal(run.elapsedMs, 10_000);
  assert.equal(run.variables['x'], undefined, 'the aborted Collect set nothing');
});
