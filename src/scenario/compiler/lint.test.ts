/**
 * The lint of SCENARIO-LANGUAGE.md section 7: warnings, never errors. Every
 * case here compiles (compileOk) and returns its warnings as `CODE@path`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileOk, scriptOf } from './assert-compile.js';

const prompt = { say: 'Press a key' };
const dial = { dial: '41793026727' };

test('UNREACHABLE: the action after a Hang-up in the same block', () => {
  const { warnings } = compileOk(
    scriptOf({ say: 'Bye' }, 'hangup', { say: 'never' }, { say: 'never either' }),
  );

  assert.deepEqual(warnings, ['UNREACHABLE@script[2]']);
});

test('UNREACHABLE: after an If whose both branches end in Hang-up', () => {
  const { warnings } = compileOk(
    scriptOf({ if: '${to}', then: ['hangup'], else: [{ say: 'x' }, 'hangup'] }, { say: 'never' }),
  );

  assert.deepEqual(warnings, ['UNREACHABLE@script[1]']);
});

test('UNREACHABLE: after a Switch whose every case and __default end in Hang-up', () => {
  const { warnings } = compileOk(
    scriptOf({ switch: 'to', case: { a: ['hangup'], __default: ['hangup'] } }, { say: 'never' }),
  );

  assert.deepEqual(warnings, ['UNREACHABLE@script[1]']);
});

test('no UNREACHABLE after an If with one branch open, or a Switch without __default', () => {
  const { warnings } = compileOk(
    scriptOf(
      { if: '${to}', then: ['hangup'] },
      { switch: 'to', case: { a: ['hangup'], __default: [] } },
      { say: 'reached' },
    ),
  );

  assert.deepEqual(warnings, []);
});

test('VARIABLE_NOT_SET: a variable read and never set, at the first read', () => {
  const { warnings } = compileOk(scriptOf({ say: 'Hi ${name}' }, { if: '${name}', then: [prompt] }));

  assert.deepEqual(warnings, ['VARIABLE_NOT_SET@script[0].say']);
});

test('no VARIABLE_NOT_SET for a variable declared in variables', () => {
  const { warnings } = compileOk({ script: [{ say: 'Hi ${name}' }], variables: { name: 'Ana' } });

  assert.deepEqual(warnings, []);
});

test('no VARIABLE_NOT_SET for built-ins and status variables', () => {
  const { warnings } = compileOk(
    scriptOf({ say: '${from} ${to} ${callerName} ${localTime} ${dialStatus} ${collectStatus} ${lastError}' }),
  );

  assert.deepEqual(warnings, []);
});

test('no VARIABLE_NOT_SET for what actions set: Collect, its _Meaning, For Each _Index, countVariable', () => {
  const { warnings } = compileOk(
    scriptOf(
      { say: 'Menu', actionId: 1 },
      { collectInto: 'menu', options: { mappedValues: { '1': 'sales' } } },
      { 'for-each': 'item', in: 'a,b', do: [{ say: '${item_Index}: ${item} ${menu} ${menu_Meaning}' }] },
      { goTo: 1, options: { goToLimit: 2, countVariable: 'tries' } },
      { say: '${tries}' },
    ),
  );

  assert.deepEqual(warnings, []);
});

test('no VARIABLE_NOT_SET for response fields read after a collecting Call API (10.2); reads before it warn', () => {
  const { warnings } = compileOk(
    scriptOf(
      {
        request: 'https://crm.example.com/lookup',
        options: { method: 'GET', headers: { authorization: 'Bearer ${crmToken}' }, collectResponse: true },
      },
      { say: 'Hello ${customerName}, your balance is ${balance}' },
    ),
  );

  assert.deepEqual(warnings, ['VARIABLE_NOT_SET@script[0].options.headers.authorization']);
});

test('VARIABLE_NOT_SET: a variable set only by a later action outside loops (section 7)', () => {
  const { warnings } = compileOk(scriptOf({ say: 'Hi ${name}' }, { setVariable: 'name', value: 'Ana' }));

  assert.deepEqual(warnings, ['VARIABLE_NOT_SET@script[0].say']);
});

test('LOOP_NO_EXIT: a While on a variable the body never writes, with no Hang-up or Go To', () => {
  const { warnings } = compileOk(
    scriptOf({ setVariable: 'n', value: '0' }, { while: '${n} < 3', do: [{ say: 'Still here' }] }),
  );

  assert.deepEqual(warnings, ['LOOP_NO_EXIT@script[1]']);
});

test('LOOP_NO_EXIT: a constant condition, and a Repeat While on an unwritten variable', () => {
  const { warnings } = compileOk(
    scriptOf(
      { setVariable: 'n', value: '0' },
      { while: 'true', do: [{ say: 'a' }] },
      { repeat: [{ say: 'b' }], while: '${n} < 3' },
    ),
  );

  assert.deepEqual(warnings, ['LOOP_NO_EXIT@script[1]', 'LOOP_NO_EXIT@script[2]']);
});

test('no LOOP_NO_EXIT when the body writes the variable, collects into it, hangs up or reads a live built-in', () => {
  const { warnings } = compileOk(
    scriptOf(
      { setVariable: 'n', value: '0' },
      { while: '${n} < 3', do: [{ setVariable: 'n', value: '${n + 1}' }] },
      { while: "${key} != '1'", do: [prompt, { collectInto: 'key' }] },
      { while: '${n} < 3', do: [{ say: 'x' }, 'hangup'] },
      { while: '${callDuration} < 10', do: [{ pause: 1 }] },
    ),
  );

  assert.deepEqual(warnings, []);
});

test('SWITCH_NO_DEFAULT: a Switch without __default', () => {
  const { warnings } = compileOk(scriptOf({ switch: 'to', case: { a: ['hangup'] } }));

  assert.deepEqual(warnings, ['SWITCH_NO_DEFAULT@script[0]']);
});

test('MEDIA_AFTER_DIAL: call actions after a Dial in its block; Send SMS and Set Variable are fine', () => {
  const { warnings } = compileOk(
    scriptOf(
      dial,
      { setVariable: 'q', value: '1' },
      { sendSms: { text: 'Missed call', to: '${from}' } },
      { playFromUrl: 'media:1' },
      { pause: 1 },
    ),
  );

  assert.deepEqual(warnings, ['MEDIA_AFTER_DIAL@script[3]', 'MEDIA_AFTER_DIAL@script[4]']);
});

test('MEDIA_AFTER_DIAL: inside a branch after the Dial, and after a Switch one of whose cases dials', () => {
  const afterDial = compileOk(
    scriptOf(dial, { if: "${dialStatus} != 'ANSWER'", then: [{ say: 'Nobody is available' }] }),
  );
  const afterSwitch = compileOk(
    scriptOf({ switch: 'to', case: { a: [{ dialToWebRTC: 'ana' }], __default: [] } }, { say: 'Goodbye' }),
  );

  assert.deepEqual(afterDial.warnings, ['MEDIA_AFTER_DIAL@script[1].then[0]']);
  assert.deepEqual(afterSwitch.warnings, ['MEDIA_AFTER_DIAL@script[1]']);
});

test('MEDIA_AFTER_DIAL: a loop body that dials reaches its own earlier prompts again', () => {
  const { warnings } = compileOk(
    scriptOf({ 'for-each': 'n', in: '${numbers}', do: [{ say: 'Trying ${n}' }, { dial: '${n}' }] }),
  );

  assert.deepEqual(warnings, ['MEDIA_AFTER_DIAL@script[0].do[0]', 'VARIABLE_NOT_SET@script[0].in']);
});

test('no MEDIA_AFTER_DIAL for the whisper in onAnswer, nor before the Dial', () => {
  const { warnings } = compileOk(
    scriptOf(
      { say: 'Connecting' },
      { dial: '41793026727', options: { onAnswer: [{ say: 'Call from the IVR' }] } },
    ),
  );

  assert.deepEqual(warnings, []);
});

test('DEPRECATED_ACTION: every Repeat Until', () => {
  const { warnings } = compileOk(
    scriptOf(
      { setVariable: 'done', value: '' },
      { repeat: [{ setVariable: 'done', value: 'yes' }], until: "${done} == 'yes'" },
    ),
  );

  assert.deepEqual(warnings, ['DEPRECATED_ACTION@script[1]']);
});

test('AMD_RESULT_UNUSED: Machine Detection not followed by an If or Switch reading its result', () => {
  const unused = compileOk(scriptOf('machineDetection', { say: 'Hello' }));
  const last = compileOk(scriptOf('machineDetection'));
  const usedByIf = compileOk(scriptOf('machineDetection', { if: '${machineAnswered}', then: ['hangup'] }));
  const usedBySwitch = compileOk(
    scriptOf('machineDetection', {
      switch: 'machineDetectionResult',
      case: { MACHINE: ['hangup'], __default: [] },
    }),
  );

  assert.deepEqual(unused.warnings, ['AMD_RESULT_UNUSED@script[0]']);
  assert.deepEqual(last.warnings, ['AMD_RESULT_UNUSED@script[0]']);
  assert.deepEqual(usedByIf.warnings, []);
  assert.deepEqual(usedBySwitch.warnings, []);
});

test('CALLAPI_NO_URL: a Call API without request', () => {
  const { warnings } = compileOk(scriptOf({ options: { method: 'GET' }, actionId: 4 }));

  assert.deepEqual(warnings, ['CALLAPI_NO_URL@script[0]']);
});

test('COLLECT_WITHOUT_PROMPT: a Collect or Capture with no prompt in its barge-in chain', () => {
  const { warnings } = compileOk(
    scriptOf(
      { collectInto: 'a' },
      { say: 'x' },
      { request: 'https://a.example', options: { method: 'GET' } },
      { capture: 'b', timeout: 5, speechOptions: { language: 'en-US' } },
      { if: '${to}', then: [prompt] },
      { if: '${a}', then: [{ collectInto: 'c' }] },
    ),
  );

  assert.deepEqual(warnings, [
    'COLLECT_WITHOUT_PROMPT@script[0]',
    'COLLECT_WITHOUT_PROMPT@script[3]',
    'COLLECT_WITHOUT_PROMPT@script[5].then[0]',
  ]);
});

test('no COLLECT_WITHOUT_PROMPT when a prompt ends a branch of the If or Switch just before the input', () => {
  const { warnings } = compileOk(
    scriptOf(
      { if: '${to}', then: [{ say: 'Press 1' }] },
      { collectInto: 'a' },
      { switch: 'a', case: { '1': [{ playFromUrl: 'media:1' }], __default: [{ pause: 1 }] } },
      { collectInto: 'b' },
    ),
  );

  assert.deepEqual(warnings, []);
});

test('lint warnings never refuse a scenario: many at once still compile', () => {
  const { warnings } = compileOk(
    scriptOf(
      'machineDetection',
      { collectInto: 'a' },
      { options: { method: 'GET' } },
      { switch: 'zz', case: {} },
      { repeat: [{ say: 'x' }], until: 'true' },
      'hangup',
      { say: 'never' },
    ),
  );

  assert.deepEqual(warnings, [
    'AMD_RESULT_UNUSED@script[0]',
    'COLLECT_WITHOUT_PROMPT@script[1]',
    'CALLAPI_NO_URL@script[2]',
    'SWITCH_NO_DEFAULT@script[3]',
    'VARIABLE_NOT_SET@script[3].switch',
    'DEPRECATED_ACTION@script[4]',
    'LOOP_NO_EXIT@script[4]',
    'UNREACHABLE@script[6]',
  ]);
});
