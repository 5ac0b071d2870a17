import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActionKind, detectActionKind } from './action-kinds.js';

function assertKind(value: unknown, kind: ActionKind): void {
  assert.deepEqual(detectActionKind(value), { ok: true, kind }, JSON.stringify(value));
}

function assertError(
  value: unknown,
  code: 'VG_ERR_SCENARIO_UNKNOWN_ACTION' | 'VG_ERR_SCENARIO_AMBIGUOUS_ACTION',
): void {
  const result = detectActionKind(value);
  assert.equal(result.ok, false, JSON.stringify(value));
  if (!result.ok) {
    assert.equal(result.code, code);
    assert.ok(result.message.length > 0);
  }
}

test('ActionKind lists the 23 actions', () => assert.equal(Object.keys(ActionKind).length, 23));

test('every single distinctive key of the section 2 table names its action', () => {
  const rows: [Record<string, unknown>, ActionKind][] = [
    [{ request: 'https://a.example', options: { method: 'GET' } }, 'callApi'],
    [{ capture: 'x', timeout: 5 }, 'capture'],
    [{ collectInto: 'x' }, 'collect'],
    [{ dial: '1' }, 'dial'],
    [{ dialToMany: [] }, 'dialToMany'],
    [{ dialToWebRTC: 'ana' }, 'dialToWebRTC'],
    [{ dialToConversations: {} }, 'dialToConversations'],
    [{ 'for-each': 'i', in: '', do: [] }, 'forEach'],
    [{ goTo: 1 }, 'goTo'],
    [{ if: 'x', then: [] }, 'if'],
    [{ pause: 1 }, 'pause'],
    [{ playFromUrl: 'media:1' }, 'play'],
    [{ playFromRecording: null }, 'playFromRecording'],
    [{ record: 30 }, 'record'],
    [{ say: 'hi' }, 'say'],
    [{ sendSms: {} }, 'sendSms'],
    [{ setVariable: 'x', value: '1' }, 'setVariable'],
    [{ switch: 'x', case: {} }, 'switch'],
  ];
  for (const [value, kind] of rows) assertKind(value, kind);
});

test('the bare strings "hangup" and "machineDetection" are actions', () => {
  assertKind('hangup', 'hangup');
  assertKind('machineDetection', 'machineDetection');
});

test('repeat with until is Repeat Until, repeat with while is Repeat While, while alone is While Do', () => {
  assertKind({ repeat: [], until: 'x' }, 'repeatUntil');
  assertKind({ repeat: [], while: 'x' }, 'repeatWhile');
  assertKind({ while: 'x', do: [] }, 'whileDo');
});

test('an object of only options holding method, with or without actionId, is Call API', () => {
  assertKind({ options: { method: 'POST' } }, 'callApi');
  assertKind({ options: { method: 'GET', body: 'x' }, actionId: 4 }, 'callApi');
});

test('options without method, or beside another key, does not make a Call API', () => {
  assertError({ options: { headers: {} } }, 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
  assertError({ options: null }, 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
  assertError({ options: [{ method: 'GET' }] }, 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
  assertError({ options: { method: 'GET' }, url: 'https://a.example' }, 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
  assertKind({ say: 'hi', options: { method: 'GET' } }, 'say');
});

test('null, numbers, booleans, arrays and unknown bare strings are unknown actions', () => {
  for (const value of [null, 0, 12.5, true, [], [{ say: 'hi' }], 'Hangup', 'hang-up', '', undefined]) {
    assertError(value, 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
  }
});

test('an object without a distinctive key is an unknown action', () => {
  for (const value of [
    {},
    { actionId: 1 },
    { Say: 'hi' },
    { hangup: true },
    { repeat: [] },
    { until: 'x' },
  ]) {
    assertError(value, 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
  }
});

test('keys are case-sensitive', () => {
  assertError({ SAY: 'hi' }, 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
  assertError({ collectinto: 'x' }, 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
  assertError({ forEach: 'x', in: '', do: [] }, 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
  assertError('MachineDetection', 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
});

test('an inherited key is not a distinctive key', () => {
  assertError(Object.create({ say: 'hi' }) as object, 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
  assertError(JSON.parse('{"__proto__": {"say": "hi"}}'), 'VG_ERR_SCENARIO_UNKNOWN_ACTION');
});

test('two distinctive keys make an ambiguous action', () => {
  assertError({ say: 'hi', playFromUrl: 'media:1' }, 'VG_ERR_SCENARIO_AMBIGUOUS_ACTION');
  assertError(
    { request: 'https://a.example', dial: '1', options: { method: 'GET' } },
    'VG_ERR_SCENARIO_AMBIGUOUS_ACTION',
  );
  assertError({ repeat: [], until: 'x', while: 'y' }, 'VG_ERR_SCENARIO_AMBIGUOUS_ACTION');
  assertError({ while: 'x', do: [], if: 'y' }, 'VG_ERR_SCENARIO_AMBIGUOUS_ACTION');
});

test('the message of an ambiguous action names both actions', () => {
  const result = detectActionKind({ say: 'hi', collectInto: 'x' });
  assert.ok(!result.ok && /say/.test(result.message) && /collect/.test(result.message));
});
