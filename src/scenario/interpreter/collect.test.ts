/**
 * Collect (section 5.3): defaults, mappedValues and _Meaning, and
 * sendToReports masking in the timeline.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScript } from './test-support/run-script.js';

const prompt = { say: 'For sales press 1, for support press 2.' };

test('Collect defaults: no length limit (255), 5 s first-digit and inter-digit timeouts', async () => {
  const run = await runScript([prompt, { collectInto: 'digits' }], {
    caller: { keys: ['1234567890'], keyDelayMs: 0 },
  });

  const saidEnd = run.msOf(run.one('prompt.said'));
  const input = run.one('input.collected');
  assert.equal(input.data['value'], '1234567890');
  // Last key at +2.7 s, then 5 s of inter-digit timeout.
  assert.equal(run.msOf(input), saidEnd + 2700 + 5000);
});

test('Collect with mappedValues sets <var>_Meaning (interpolated), "" when unmapped', async () => {
  const script = [
    prompt,
    {
      collectInto: 'menu',
      options: { maxInputLength: 1, mappedValues: { '1': 'sales', '2': 'support-${to}' } },
    },
  ];
  const sales = await runScript(script, { caller: { keys: ['1'] } });
  const support = await runScript(script, { caller: { keys: ['2'] }, to: '+41793026700' });
  const other = await runScript(script, { caller: { keys: ['9'] } });

  assert.equal(sales.variables['menu_Meaning'], 'sales');
  assert.deepEqual(sales.one('input.collected').data, {
    variable: 'menu',
    value: '1',
    meaning: 'sales',
    status: 'OK',
  });
  assert.equal(support.variables['menu_Meaning'], 'support-+41793026700');
  assert.equal(other.variables['menu'], '9');
  assert.equal(other.variables['menu_Meaning'], '');
});

test('Collect without mappedValues sets no _Meaning variable', async () => {
  const run = await runScript([prompt, { collectInto: 'menu', options: { maxInputLength: 1 } }], {
    caller: { keys: ['1'] },
  });

  assert.equal(run.variables['menu'], '1');
  assert.equal('menu_Meaning' in run.variables, false);
});

test('Collect MASKED: the variable holds the digits, the timeline shows xxxx', async () => {
  const run = await runScript(
    [prompt, { collectInto: 'pin', options: { maxInputLength: 4, sendToReports: 'MASKED' } }],
    { caller: { keys: ['4321'] } },
  );

  assert.equal(run.variables['pin'], '4321');
  assert.equal(run.one('input.collected').data['value'], 'xxxx');
  assert.deepEqual(run.one('variable.set', 'script[1]').data, { name: 'pin', value: 'xxxx' });
  const serialised = JSON.stringify(run.events.filter((e) => e.type !== 'dtmf.received'));
  assert.equal(serialised.includes('4321'), false, 'no event outside the keypresses shows the PIN');
});

test('Collect NEVER: no input.collected event and the value is masked in variable.set', async () => {
  const run = await runScript(
    [prompt, { collectInto: 'pin', options: { maxInputLength: 4, sendToReports: 'NEVER' } }],
    { caller: { keys: ['4321'] } },
  );

  assert.equal(run.variables['pin'], '4321');
  assert.equal(run.ofType('input.collected').length, 0);
  assert.equal(run.one('variable.set', 'script[1]').data['value'], 'xxxx');
});

test('the worked example 10.1: a wrong key replays the menu twice, then Goodbye', async () => {
  const run = await runScript(
    [
      { say: 'Welcome to Acme. For sales press 1. For support press 2.', actionId: 1 },
      {
        collectInto: 'menu',
        options: { maxInputLength: 1, timeout: 5, mappedValues: { '1': 'sales', '2': 'support' } },
      },
      {
        switch: 'menu',
        case: {
          '1': [{ dial: '41793026727', options: { ringTimeout: 25 } }, { say: 'Sales is busy.' }],
          '2': [{ say: 'Connecting you to support.' }],
          __default: [
            { say: 'Sorry, I did not get that.' },
            { goTo: 1, options: { goToLimit: 2, countVariable: 'menuTries' } },
            { say: 'Goodbye.' },
          ],
        },
      },
      'hangup',
    ],
    { caller: { keys: ['7', '8', '9'] } },
  );

  assert.equal(run.variables['menuTries'], '3');
  assert.equal(run.ofType('input.collected').length, 3);
  assert.equal(run.ofType('prompt.said').at(-1)?.data['text'], 'Goodbye.');
  assert.equal(run.hangupBy, 'scenario');
});
