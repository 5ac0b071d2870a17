/**
 * Every refusal of section 1.1 with its code and its path into the YAML (section 7 style), and the
 * rule that every error is collected, not only the first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codesAndPaths, inbound, translateErrors, withBranches, yamlOf } from './assert-translate.js';

const ERR = 'VG_ERR_SCENARIO_';
const say = { action: 'say@v2', params: { what: 'Hi' } };
const dialTo = (answerOnBranch: string) => ({
  action: 'dial@v1',
  params: { targets: [{ number: '+15559820800' }], answerOnBranch },
});

function only(source: string, options: { start?: 'inbound' | 'api' } = {}): [string, string] {
  const errors = translateErrors(source, options);
  assert.equal(errors.length, 1, JSON.stringify(errors, null, 2));
  const [first] = codesAndPaths(errors);
  assert.ok(first !== undefined);
  return first;
}

test('an unknown action (log, route) is A10_UNKNOWN_ACTION at its action field', () => {
  assert.deepEqual(only(inbound(say, { action: 'log@v1', params: { message: 'x' } })), [
    `${ERR}A10_UNKNOWN_ACTION`,
    'branches["inbound-call"].actions[1].action',
  ]);
  assert.deepEqual(only(inbound({ action: 'route@v1' })), [
    `${ERR}A10_UNKNOWN_ACTION`,
    'branches["inbound-call"].actions[0].action',
  ]);
});

test('an unlisted version, or none, is A10_UNSUPPORTED_VERSION', () => {
  const path = 'branches["inbound-call"].actions[0].action';
  assert.deepEqual(only(inbound({ action: 'say@v3', params: { what: 'x' } })), [
    `${ERR}A10_UNSUPPORTED_VERSION`,
    path,
  ]);
  assert.deepEqual(only(inbound({ action: 'gather@v2' })), [`${ERR}A10_UNSUPPORTED_VERSION`, path]);
  assert.deepEqual(only(inbound({ action: 'say', params: { what: 'x' } })), [
    `${ERR}A10_UNSUPPORTED_VERSION`,
    path,
  ]);
});

test('an inbound-sms branch is A10_UNSUPPORTED_BRANCH', () => {
  assert.deepEqual(only(withBranches({ 'inbound-call': [say], 'inbound-sms': [say] })), [
    `${ERR}A10_UNSUPPORTED_BRANCH`,
    'branches["inbound-sms"]',
  ]);
});

test('a goto to a missing branch is A10_UNKNOWN_BRANCH at goto.branch', () => {
  assert.deepEqual(only(inbound(say, { if: '$x', goto: { branch: 'sales' } })), [
    `${ERR}A10_UNKNOWN_BRANCH`,
    'branches["inbound-call"].actions[1].goto.branch',
  ]);
});

test('the hangup branch is not a goto target', () => {
  assert.deepEqual(only(withBranches({ 'inbound-call': [{ goto: { branch: 'hangup' } }], hangup: [] })), [
    `${ERR}A10_UNKNOWN_BRANCH`,
    'branches["inbound-call"].actions[0].goto.branch',
  ]);
});

test('an answerOnBranch naming a missing branch is A10_UNKNOWN_BRANCH at the parameter', () => {
  assert.deepEqual(only(inbound(dialTo('agent'))), [
    `${ERR}A10_UNKNOWN_BRANCH`,
    'branches["inbound-call"].actions[0].params.answerOnBranch',
  ]);
});

test('no entry branch for the start is A10_NO_ENTRY_BRANCH at branches', () => {
  const path = 'branches';
  assert.deepEqual(only(withBranches({ support: [say] })), [`${ERR}A10_NO_ENTRY_BRANCH`, path]);
  assert.deepEqual(only(withBranches({ 'inbound-call': [say] }), { start: 'api' }), [
    `${ERR}A10_NO_ENTRY_BRANCH`,
    path,
  ]);
  assert.deepEqual(only(yamlOf({ description: 'empty' })), [`${ERR}A10_NO_ENTRY_BRANCH`, path]);
});

test('bridge@v1 outside an answerOnBranch branch is A10_BRIDGE_CONTEXT', () => {
  assert.deepEqual(only(inbound(say, { action: 'bridge@v1' })), [
    `${ERR}A10_BRIDGE_CONTEXT`,
    'branches["inbound-call"].actions[1]',
  ]);
});

test('bridge@v1 before the end of an answerOnBranch branch is A10_BRIDGE_CONTEXT', () => {
  const source = withBranches({ 'inbound-call': [dialTo('agent')], agent: [{ action: 'bridge@v1' }, say] });

  assert.deepEqual(only(source), [`${ERR}A10_BRIDGE_CONTEXT`, 'branches.agent.actions[0]']);
});

test('an unknown parameter is UNKNOWN_FIELD at its path', () => {
  assert.deepEqual(only(inbound({ action: 'say@v2', params: { what: 'Hi', colour: 'blue' } })), [
    `${ERR}UNKNOWN_FIELD`,
    'branches["inbound-call"].actions[0].params.colour',
  ]);
});

test('an unknown field of a dial target is UNKNOWN_FIELD inside targets', () => {
  const source = withBranches({
    'inbound-call': [{ goto: { branch: 'support' } }],
    support: [{ action: 'dial@v1', params: { targets: [{ number: '+15559820800', ringTimeout: 20 }] } }],
  });

  assert.deepEqual(only(source), [
    `${ERR}UNKNOWN_FIELD`,
    'branches.support.actions[0].params.targets[0].ringTimeout',
  ]);
});

test('unknown keys of an item, a branch and the document are UNKNOWN_FIELD', () => {
  const source = yamlOf({
    version: 2,
    branches: { 'inbound-call': { actions: [{ ...say, label: 'x' }], timeout: 3 } },
  });

  assert.deepEqual(codesAndPaths(translateErrors(source)), [
    [`${ERR}UNKNOWN_FIELD`, 'branches["inbound-call"].actions[0].label'],
    [`${ERR}UNKNOWN_FIELD`, 'branches["inbound-call"].timeout'],
    [`${ERR}UNKNOWN_FIELD`, 'version'],
  ]);
});

test('JavaScript beyond section 4 is A10_EXPRESSION_UNSUPPORTED at the if or the string', () => {
  assert.deepEqual(only(inbound({ if: '$name.startsWith("A")', action: 'hangup@v1' })), [
    `${ERR}A10_EXPRESSION_UNSUPPORTED`,
    'branches["inbound-call"].actions[0].if',
  ]);
  assert.deepEqual(
    only(inbound({ action: 'say@v2', params: { what: 'Call ${{ JSON.stringify(call, null, 2) }}' } })),
    [`${ERR}A10_EXPRESSION_UNSUPPORTED`, 'branches["inbound-call"].actions[0].params.what'],
  );
});

test('startRecording@v1 outside an answerOnBranch branch is A10_RECORDING_CONTEXT', () => {
  assert.deepEqual(only(inbound({ action: 'startRecording@v1' })), [
    `${ERR}A10_RECORDING_CONTEXT`,
    'branches["inbound-call"].actions[0]',
  ]);
});

test('a goto inside the hangup branch or an answerOnBranch branch is GOTO_OUT_OF_SCOPE', () => {
  const hook = withBranches({ 'inbound-call': [say], hangup: [{ goto: { branch: 'inbound-call' } }] });
  assert.deepEqual(only(hook), [`${ERR}GOTO_OUT_OF_SCOPE`, 'branches.hangup.actions[0].goto.branch']);
  const answer = withBranches({
    'inbound-call': [dialTo('agent')],
    agent: [{ goto: { branch: 'inbound-call' } }],
  });
  assert.deepEqual(only(answer), [`${ERR}GOTO_OUT_OF_SCOPE`, 'branches.agent.actions[0].goto.branch']);
});

test('a dial in an answerOnBranch branch is NOT_ALLOWED_IN_ON_ANSWER, even a branch naming itself', () => {
  const source = withBranches({ 'inbound-call': [dialTo('loop')], loop: [dialTo('loop')] });

  assert.deepEqual(only(source), [`${ERR}NOT_ALLOWED_IN_ON_ANSWER`, 'branches.loop.actions[0]']);
});

test('an item with both action and goto is AMBIGUOUS_ACTION; with neither, REQUIRED_FIELD', () => {
  assert.deepEqual(only(inbound({ ...say, goto: { branch: 'x' } })), [
    `${ERR}AMBIGUOUS_ACTION`,
    'branches["inbound-call"].actions[0]',
  ]);
  assert.deepEqual(only(inbound({ if: '$x' })), [
    `${ERR}REQUIRED_FIELD`,
    'branches["inbound-call"].actions[0].action',
  ]);
});

test('missing required parameters are REQUIRED_FIELD', () => {
  assert.deepEqual(only(inbound({ action: 'say@v1' })), [
    `${ERR}REQUIRED_FIELD`,
    'branches["inbound-call"].actions[0].params.what',
  ]);
  assert.deepEqual(only(inbound({ action: 'fetch@v1', params: { method: 'GET' } })), [
    `${ERR}REQUIRED_FIELD`,
    'branches["inbound-call"].actions[0].params.url',
  ]);
  assert.deepEqual(only(inbound({ action: 'dial@v1' })), [
    `${ERR}REQUIRED_FIELD`,
    'branches["inbound-call"].actions[0].params.targets',
  ]);
});

test('an unquoted phone number (a YAML integer) is TYPE, since it may have lost its + or leading zeros', () => {
  assert.deepEqual(only(inbound({ action: 'dial@v1', params: { targets: [{ number: 15559820800 }] } })), [
    `${ERR}TYPE`,
    'branches["inbound-call"].actions[0].params.targets[0].number',
  ]);
});

test('gather maxDigits 0 is OUT_OF_RANGE: ACTIONS10 allows 1..255', () => {
  assert.deepEqual(only(inbound({ action: 'gather@v1', params: { maxDigits: 0 } })), [
    `${ERR}OUT_OF_RANGE`,
    'branches["inbound-call"].actions[0].params.maxDigits',
  ]);
});

test("variable names must start with $, follow section 3, and not be the engine's", () => {
  const source = yamlOf({
    variables: { support: '1', $__branch: 'x', $to: '2', $ok: { nested: true } },
    branches: { 'inbound-call': { actions: [say] } },
  });

  assert.deepEqual(codesAndPaths(translateErrors(source)), [
    [`${ERR}INVALID_VARIABLE_NAME`, 'variables.$__branch'],
    [`${ERR}TYPE`, 'variables.$ok'],
    [`${ERR}RESERVED_VARIABLE`, 'variables.$to'],
    [`${ERR}INVALID_VARIABLE_NAME`, 'variables.support'],
  ]);
});

test('every error is collected, across branches, sorted by path', () => {
  const source = withBranches({
    'inbound-call': [{ action: 'log@v1' }, { goto: { branch: 'support' } }, { action: 'say@v3' }],
    support: [
      { action: 'say@v2', params: { what: 'x', speed: 2 } },
      { if: '$a === 1', action: 'hangup@v1' },
    ],
    'inbound-sms': [],
  });

  assert.deepEqual(codesAndPaths(translateErrors(source)), [
    [`${ERR}A10_UNKNOWN_ACTION`, 'branches["inbound-call"].actions[0].action'],
    [`${ERR}A10_UNSUPPORTED_VERSION`, 'branches["inbound-call"].actions[2].action'],
    [`${ERR}A10_UNSUPPORTED_BRANCH`, 'branches["inbound-sms"]'],
    [`${ERR}UNKNOWN_FIELD`, 'branches.support.actions[0].params.speed'],
    [`${ERR}A10_EXPRESSION_UNSUPPORTED`, 'branches.support.actions[1].if'],
  ]);
});

test('a branch both reached by goto and used as answerOnBranch reports its defects once', () => {
  const source = withBranches({
    'inbound-call': [dialTo('agent'), { goto: { branch: 'agent' } }],
    agent: [{ action: 'say@v2', params: { what: 'x', pitch: 1 } }, { action: 'bridge@v1' }],
  });

  assert.deepEqual(codesAndPaths(translateErrors(source)), [
    [`${ERR}UNKNOWN_FIELD`, 'branches.agent.actions[0].params.pitch'],
    [`${ERR}A10_BRIDGE_CONTEXT`, 'branches.agent.actions[1]'],
  ]);
});
