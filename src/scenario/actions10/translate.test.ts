/**
 * The shape of a translated document (SCENARIO-LANGUAGE.md sections 1.1 and 10.4): section 10.4
 * exactly, the dispatcher only when a goto needs it, the entry branch per start, `defaults`,
 * `variables`, and branches nothing reaches.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  codesAndPaths,
  inbound,
  scriptOf,
  translateErrors,
  translateOk,
  withBranches,
  yamlOf,
} from './assert-translate.js';
import { SUPPORT_LINE_JSON, SUPPORT_LINE_YAML } from './testdata/support-line.js';

const say = (what: string) => ({ action: 'say@v2', params: { what } });
const goto = (branch: string) => ({ goto: { branch } });

test('section 10.4: the document translates to exactly its canonical JSON', () => {
  const result = translateOk(SUPPORT_LINE_YAML);

  assert.deepEqual(result.document, SUPPORT_LINE_JSON);
  assert.equal(result.autoAnswer, false);
  assert.deepEqual(result.warnings, []);
});

test('without a goto the entry branch is the script itself, with no dispatcher and no hangup added', () => {
  const result = translateOk(inbound(say('Hello'), { action: 'hangup@v1' }));

  assert.deepEqual(result.document, { script: [{ say: 'Hello' }, 'hangup'] });
});

test('an empty entry branch hangs up', () => {
  assert.deepEqual(scriptOf(inbound()), ['hangup']);
});

test('defaults.autoAnswer is true unless the document says otherwise', () => {
  assert.equal(translateOk(inbound(say('Hi'))).autoAnswer, true);
  const off = yamlOf({
    defaults: { autoAnswer: false },
    branches: { 'inbound-call': { actions: [say('Hi')] } },
  });
  assert.equal(translateOk(off).autoAnswer, false);
});

test('start "api" runs the api-initiated branch, "inbound" (the default) the inbound-call branch', () => {
  const source = withBranches({ 'inbound-call': [say('Inbound')], 'api-initiated': [say('API')] });

  assert.deepEqual(scriptOf(source), [{ say: 'Inbound' }]);
  assert.deepEqual(scriptOf(source, { start: 'inbound' }), [{ say: 'Inbound' }]);
  assert.deepEqual(scriptOf(source, { start: 'api' }), [{ say: 'API' }]);
});

test('the entry branch of the other start is not written, and not reported as unreachable', () => {
  const result = translateOk(withBranches({ 'inbound-call': [say('In')], 'api-initiated': [say('API')] }));

  assert.deepEqual(result.warnings, []);
});

test('a goto from the API branch uses the dispatcher with api-initiated as the entry', () => {
  const source = withBranches({ 'api-initiated': [goto('menu')], menu: [say('Menu')] });

  const script = scriptOf(source, { start: 'api' });

  assert.deepEqual(script, [
    { setVariable: '__branch', value: 'api-initiated' },
    {
      switch: '__branch',
      actionId: 1,
      case: {
        'api-initiated': [
          { setVariable: '__branch', value: 'menu' },
          { goTo: 1, options: { goToLimit: 100 } },
          'hangup',
        ],
        menu: [{ say: 'Menu' }, 'hangup'],
      },
    },
  ]);
});

test('the dispatcher has a case for every branch goto reaches, transitively, and no other', () => {
  const source = withBranches({
    'inbound-call': [goto('a')],
    a: [goto('b')],
    b: [say('B')],
    orphan: [say('never')],
  });

  const result = translateOk(source);

  const dispatcher = (result.document.script as { case?: object }[])[1];
  assert.deepEqual(Object.keys(dispatcher?.case ?? {}), ['inbound-call', 'a', 'b']);
  assert.deepEqual(codesAndPaths(result.warnings), [['VG_WARN_SCENARIO_UNREACHABLE', 'branches.orphan']]);
});

test('a branch that already ends with hangup@v1 gets no second "hangup"', () => {
  const source = withBranches({ 'inbound-call': [goto('bye')], bye: [say('Bye'), { action: 'hangup@v1' }] });

  const dispatcher = (scriptOf(source) as { case: Record<string, unknown[]> }[])[1];

  assert.deepEqual(dispatcher?.case['bye'], [{ say: 'Bye' }, 'hangup']);
});

test('a goto back to the entry branch loops through the same case', () => {
  const source = withBranches({
    'inbound-call': [say('Menu'), { if: '$again', goto: { branch: 'inbound-call' } }],
  });

  const dispatcher = (scriptOf(source) as { case: Record<string, unknown[]> }[])[1];

  assert.deepEqual(dispatcher?.case['inbound-call'], [
    { say: 'Menu' },
    {
      if: '${again}',
      then: [
        { setVariable: '__branch', value: 'inbound-call' },
        { goTo: 1, options: { goToLimit: 100 } },
        'hangup',
      ],
    },
    'hangup',
  ]);
});

test('branch names that are not identifiers, even __proto__, are own case keys', () => {
  const source = [
    'branches:',
    '  inbound-call: { actions: [ { goto: { branch: __proto__ } } ] }',
    '  __proto__: { actions: [ { action: say@v1, params: { what: odd } } ] }',
  ].join('\n');

  const dispatcher = (scriptOf(source) as { case: Record<string, unknown[]> }[])[1];

  assert.ok(Object.hasOwn(dispatcher?.case ?? {}, '__proto__'));
  assert.equal(Object.getPrototypeOf(dispatcher?.case), Object.prototype);
});

test('variables drop their $ and keep their YAML value; null is the empty string', () => {
  const source = yamlOf({
    description: 'Numbers',
    variables: { $name: 'Ana', $count: 3, $vip: true, $empty: null },
    branches: { 'inbound-call': { actions: [say('Hi')] } },
  });

  const result = translateOk(source);

  assert.deepEqual(result.document.variables, { name: 'Ana', count: 3, vip: true, empty: '' });
});

test('the hangup branch becomes onHangup and is never a dispatcher case', () => {
  const source = withBranches({
    'inbound-call': [goto('x')],
    x: [say('X')],
    hangup: [{ action: 'fetch@v1', params: { url: 'https://example.com/end' } }],
  });

  const result = translateOk(source);

  assert.deepEqual(result.document.onHangup, [
    { request: 'https://example.com/end', options: { method: 'GET' } },
  ]);
  const dispatcher = (result.document.script as { case: object }[])[1];
  assert.deepEqual(Object.keys(dispatcher?.case ?? {}), ['inbound-call', 'x']);
});

test('a branch nothing reaches is still checked: its errors refuse the document', () => {
  const errors = translateErrors(
    withBranches({ 'inbound-call': [say('Hi')], orphan: [{ action: 'log@v1' }] }),
  );

  assert.deepEqual(codesAndPaths(errors), [
    ['VG_ERR_SCENARIO_A10_UNKNOWN_ACTION', 'branches.orphan.actions[0].action'],
  ]);
});

test('a branch reached only from the other start is not reported as unreachable', () => {
  const source = withBranches({
    'inbound-call': [say('In')],
    'api-initiated': [goto('reminder')],
    reminder: [say('R')],
  });

  assert.deepEqual(translateOk(source).warnings, []);
});
