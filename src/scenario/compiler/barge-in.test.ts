/**
 * Barge-in chains (SCENARIO-LANGUAGE.md section 6.3): a Say, Play, Play From
 * Recording or Pause is interruptible when its static successors reach a
 * Collect or Capture through such prompts only; options.bargeIn overrides.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileOk, interruptible, scriptOf } from './assert-compile.js';

const collect = { collectInto: 'choice' };
const capture = { capture: 'intent', timeout: 5, speechOptions: { language: 'en-US' } };

test('a Say right before a Collect is interruptible', () => {
  const { scenario } = compileOk(scriptOf({ say: 'Press 1' }, collect));

  assert.deepEqual(interruptible(scenario), { 'script[0]': true });
});

test('a Say right before a Capture is interruptible', () => {
  const { scenario } = compileOk(scriptOf({ say: 'Say yes or no' }, capture));

  assert.deepEqual(interruptible(scenario), { 'script[0]': true });
});

test('three Plays before a Collect are all interruptible (10.3)', () => {
  const { scenario } = compileOk(
    scriptOf({ playFromUrl: 'media:11' }, { playFromUrl: 'media:12' }, { playFromUrl: 'media:13' }, collect),
  );

  assert.deepEqual(interruptible(scenario), { 'script[0]': true, 'script[1]': true, 'script[2]': true });
});

test('a Say followed by a Call API then a Collect is not interruptible', () => {
  const { scenario } = compileOk(
    scriptOf({ say: 'One moment' }, { request: 'https://a.example', options: { method: 'GET' } }, collect),
  );

  assert.deepEqual(interruptible(scenario), { 'script[0]': false });
});

test('a Say with no input after it is not interruptible', () => {
  const { scenario } = compileOk(scriptOf({ say: 'Goodbye' }, 'hangup'));

  assert.deepEqual(interruptible(scenario), { 'script[0]': false });
});

test('a Say at the end of a then-branch whose If is followed by a Collect is interruptible', () => {
  const { scenario } = compileOk(scriptOf({ if: '${to}', then: [{ say: 'Press 1' }] }, collect));

  assert.deepEqual(interruptible(scenario), { 'script[0].then[0]': true });
});

test('prompts ending else and case blocks continue after the If or Switch, at any nesting', () => {
  const { scenario } = compileOk(
    scriptOf(
      {
        switch: 'to',
        case: {
          a: [{ if: '${from}', then: ['hangup'], else: [{ say: 'deep' }] }],
          __default: [{ pause: 1 }],
        },
      },
      collect,
    ),
  );

  assert.deepEqual(interruptible(scenario), {
    'script[0].case.a[0].else[0]': true,
    'script[0].case.__default[0]': true,
  });
});

test('a prompt in a branch followed by a non-prompt in the same branch is not interruptible', () => {
  const { scenario } = compileOk(
    scriptOf({ if: '${to}', then: [{ say: 'x' }, { setVariable: 'a', value: '1' }] }, collect),
  );

  assert.deepEqual(interruptible(scenario), { 'script[0].then[0]': false });
});

test('a Say at the end of a While body is not interruptible, even with a Collect after the loop', () => {
  const { scenario } = compileOk(
    scriptOf(
      { setVariable: 'n', value: '0' },
      { while: '${n} < 3', do: [{ setVariable: 'n', value: '${n + 1}' }, { say: 'again' }] },
      collect,
    ),
  );

  assert.deepEqual(interruptible(scenario), { 'script[1].do[1]': false });
});

test('options.bargeIn false makes a prompt before a Collect uninterruptible', () => {
  const { scenario } = compileOk(scriptOf({ say: 'Legal notice', options: { bargeIn: false } }, collect));

  assert.deepEqual(interruptible(scenario), { 'script[0]': false });
});

test('options.bargeIn true makes a prompt with no input after it interruptible', () => {
  const { scenario } = compileOk(
    scriptOf({ playFromUrl: 'media:1', options: { bargeIn: true } }, { playFromRecording: null }, 'hangup'),
  );

  assert.deepEqual(interruptible(scenario), { 'script[0]': true, 'script[1]': false });
});

test('an overridden prompt still passes the chain on to the prompts before it', () => {
  const { scenario } = compileOk(scriptOf({ say: 'a' }, { say: 'b', options: { bargeIn: false } }, collect));

  assert.deepEqual(interruptible(scenario), { 'script[0]': true, 'script[1]': false });
});

test('Pause and Play From Recording take part in the chain', () => {
  const { scenario } = compileOk(
    scriptOf({ say: 'Listen' }, { playFromRecording: 1 }, { pause: 1.5 }, collect),
  );

  assert.deepEqual(interruptible(scenario), { 'script[0]': true, 'script[1]': true, 'script[2]': true });
});

test('a Say and a Pause before a Call API reach no input: neither is interruptible', () => {
  const { scenario } = compileOk(
    scriptOf(
      { say: 'a' },
      { pause: 1 },
      { request: 'https://a.example', options: { method: 'GET' } },
      collect,
    ),
  );

  assert.deepEqual(interruptible(scenario), { 'script[0]': false, 'script[1]': false });
});
