/**
 * Go To targets (SCENARIO-LANGUAGE.md section 5.9): the target lies in a block
 * enclosing the Go To, at or before the Go To's own position in it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileErrors, compileOk, nodeAt, scriptOf } from './assert-compile.js';

const target = (actionId: number) => ({ say: 'Menu', actionId });

test('a Go To to an earlier action of its own block resolves to that block and index', () => {
  const { scenario } = compileOk(scriptOf({ say: 'Hi' }, target(4), { goTo: 4 }));

  const goTo = nodeAt(scenario, 'script[2]', 'goTo');
  assert.equal(goTo.target, 4);
  assert.equal(goTo.targetBlockId, scenario.script.id);
  assert.equal(goTo.targetIndex, 1);
});

test('a Go To deep in nested branches resolves to an earlier action of an enclosing block', () => {
  const { scenario } = compileOk(
    scriptOf(target(1), {
      if: '${to}',
      then: [{ switch: 'to', case: { a: [{ if: '${from}', else: [{ goTo: 1 }] }], __default: [] } }],
    }),
  );

  const goTo = nodeAt(scenario, 'script[1].then[0].case.a[0].else[0]', 'goTo');
  assert.equal(goTo.targetBlockId, scenario.script.id);
  assert.equal(goTo.targetIndex, 0);
});

test('a Go To to its enclosing Switch is allowed (section 5.9, as in 10.4)', () => {
  const { scenario } = compileOk(
    scriptOf({ switch: 'to', actionId: 1, case: { a: [{ goTo: 1 }], __default: ['hangup'] } }),
  );

  const goTo = nodeAt(scenario, 'script[0].case.a[0]', 'goTo');
  assert.equal(goTo.targetBlockId, scenario.script.id);
  assert.equal(goTo.targetIndex, 0);
});

test('a Go To to its enclosing loop is allowed', () => {
  compileOk(scriptOf({ while: '${to}', actionId: 2, do: [{ say: 'x' }, { goTo: 2 }] }));
});

test('GOTO_UNKNOWN_TARGET: no action has that actionId', () => {
  assert.deepEqual(compileErrors(scriptOf(target(1), { goTo: 7 })), ['GOTO_UNKNOWN_TARGET@script[1].goTo']);
});

test('GOTO_NOT_BACKWARD: a later target in the same block', () => {
  assert.deepEqual(compileErrors(scriptOf({ goTo: 2 }, target(2))), ['GOTO_NOT_BACKWARD@script[0].goTo']);
});

test('GOTO_NOT_BACKWARD: a target after the action enclosing the Go To', () => {
  const errors = compileErrors(scriptOf({ if: '${to}', then: [{ goTo: 5 }] }, target(5)));

  assert.deepEqual(errors, ['GOTO_NOT_BACKWARD@script[0].then[0].goTo']);
});

test('GOTO_NOT_BACKWARD: the Go To targeting itself', () => {
  assert.deepEqual(compileErrors(scriptOf({ say: 'a' }, { goTo: 5, actionId: 5 })), [
    'GOTO_NOT_BACKWARD@script[1].goTo',
  ]);
});

test('GOTO_OUT_OF_SCOPE: a target inside a sibling branch', () => {
  const errors = compileErrors(scriptOf({ if: '${to}', then: [target(1)], else: [{ goTo: 1 }] }));

  assert.deepEqual(errors, ['GOTO_OUT_OF_SCOPE@script[0].else[0].goTo']);
});

test('GOTO_OUT_OF_SCOPE: a target inside another case of the same Switch', () => {
  const errors = compileErrors(scriptOf({ switch: 'to', case: { a: [target(1)], b: [{ goTo: 1 }] } }));

  assert.deepEqual(errors, ['GOTO_OUT_OF_SCOPE@script[0].case.b[0].goTo']);
});

test('GOTO_OUT_OF_SCOPE: a target nested inside an earlier action, not enclosing the Go To', () => {
  const errors = compileErrors(scriptOf({ while: '${to}', do: [target(1)] }, { goTo: 1 }));

  assert.deepEqual(errors, ['GOTO_OUT_OF_SCOPE@script[1].goTo']);
});

test('GOTO_OUT_OF_SCOPE: from the script into onHangup, and from onHangup into the script', () => {
  const intoHook = compileErrors({
    script: [{ goTo: 1 }],
    onHangup: [{ setVariable: 'x', value: '1', actionId: 1 }],
  });
  const outOfHook = compileErrors({ script: [target(1)], onHangup: [{ goTo: 1 }] });

  assert.deepEqual(intoHook, ['GOTO_OUT_OF_SCOPE@script[0].goTo']);
  assert.deepEqual(outOfHook, ['GOTO_OUT_OF_SCOPE@onHangup[0].goTo']);
});

test('a Go To inside onHangup may target an earlier onHangup action', () => {
  const { scenario } = compileOk({
    script: ['hangup'],
    onHangup: [
      { request: 'https://a.example', options: { method: 'POST' }, actionId: 9 },
      { goTo: 9, options: { goToLimit: 2 } },
    ],
  });

  const goTo = nodeAt(scenario, 'onHangup[1]', 'goTo');
  assert.equal(goTo.targetBlockId, scenario.onHangup?.id);
  assert.equal(goTo.targetIndex, 0);
});

test('goToLimit is 1..100 and countVariable a writable name', () => {
  const errors = compileErrors(
    scriptOf(target(1), { goTo: 1, options: { goToLimit: 0 } }, { goTo: 1, options: { goToLimit: 101 } }),
  );

  assert.deepEqual(errors, [
    'OUT_OF_RANGE@script[1].options.goToLimit',
    'OUT_OF_RANGE@script[2].options.goToLimit',
  ]);
  assert.deepEqual(compileErrors(scriptOf(target(1), { goTo: 1, options: { countVariable: '9x' } })), [
    'INVALID_VARIABLE_NAME@script[1].options.countVariable',
  ]);
});
