/**
 * The compiled tree (src/scenario/ast/nodes.ts): section 5's defaults applied
 * into the nodes, timers in milliseconds, the submitted document untouched,
 * and the result frozen at every level.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileOk, nodeAt, reachableObjects, scriptOf } from './assert-compile.js';

const capture = { capture: 'intent', timeout: 5, speechOptions: { language: 'en-US' } };

test('Collect defaults: maxInputLength 0 means 255, timeout 5 s as 5000 ms, interDigitTimeout = timeout, ALWAYS', () => {
  const { scenario } = compileOk(scriptOf({ say: 'PIN' }, { collectInto: 'pin' }));

  const collect = nodeAt(scenario, 'script[1]', 'collect');
  assert.equal(collect.maxInputLength, 255);
  assert.equal(collect.timeoutMs, 5000);
  assert.equal(collect.interDigitTimeoutMs, 5000);
  assert.equal(collect.sendToReports, 'ALWAYS');
  assert.equal(collect.mappedValues, null);
});

test('Collect: an explicit maxInputLength 0 is 255; interDigitTimeout follows a given timeout', () => {
  const { scenario } = compileOk(
    scriptOf({ say: 'PIN' }, { collectInto: 'pin', options: { maxInputLength: 0, timeout: 7 } }),
  );

  const collect = nodeAt(scenario, 'script[1]', 'collect');
  assert.equal(collect.maxInputLength, 255);
  assert.equal(collect.timeoutMs, 7000);
  assert.equal(collect.interDigitTimeoutMs, 7000);
});

test('Collect: given values are kept, in milliseconds', () => {
  const { scenario } = compileOk(
    scriptOf(
      { say: 'Number' },
      {
        collectInto: 'n',
        options: { maxInputLength: 4, timeout: 10, interDigitTimeout: 3, sendToReports: 'MASKED' },
      },
    ),
  );

  const collect = nodeAt(scenario, 'script[1]', 'collect');
  assert.deepEqual(
    [collect.maxInputLength, collect.timeoutMs, collect.interDigitTimeoutMs, collect.sendToReports],
    [4, 10_000, 3000, 'MASKED'],
  );
});

test("Say defaults: language 'en', speechRate 1, no voice, plain text", () => {
  const { scenario } = compileOk(scriptOf({ say: 'Hello' }));

  const say = nodeAt(scenario, 'script[0]', 'say');
  assert.equal(say.language, 'en');
  assert.equal(say.speechRate, 1);
  assert.equal(say.voiceName, null);
  assert.equal(say.voiceGender, null);
  assert.equal(say.ssml, false);
});

test('Dial defaults: ringTimeout 30 s, no sender, no record, no onAnswer, no maxCallDuration', () => {
  const { scenario } = compileOk(scriptOf({ dial: '41793026727' }));

  const dial = nodeAt(scenario, 'script[0]', 'dial');
  assert.equal(dial.ringTimeoutS, 30);
  assert.equal(dial.senderId, null);
  assert.equal(dial.record, false);
  assert.equal(dial.onAnswer, null);
  assert.equal(dial.maxCallDurationS, null);
});

test('Dial: maxCallDuration is capped by the operator maximum (4 h)', () => {
  const { scenario } = compileOk(scriptOf({ dial: '41793026727', options: { maxCallDuration: 99_999 } }));

  assert.equal(nodeAt(scenario, 'script[0]', 'dial').maxCallDurationS, 14_400);
});

test('Dial To Many, Dial To WebRTC and Dial To Conversations defaults', () => {
  const { scenario } = compileOk(
    scriptOf(
      { dialToMany: [{ number: '41793026727' }] },
      { dialToWebRTC: 'ana' },
      { dialToConversations: { options: { tags: null } } },
    ),
  );

  const many = nodeAt(scenario, 'script[0]', 'dialToMany');
  const webRtc = nodeAt(scenario, 'script[1]', 'dialToWebRTC');
  const queue = nodeAt(scenario, 'script[2]', 'dialToConversations');
  assert.deepEqual([many.ringTimeoutS, many.parallel, many.entries[0]?.ringTimeoutS], [30, false, null]);
  assert.equal(webRtc.ringTimeoutS, 30);
  assert.deepEqual([queue.tagIdentifierType, queue.queueTimeoutS, queue.tags], ['NAME', 300, null]);
});

test('Go To default: goToLimit 100, no countVariable', () => {
  const { scenario } = compileOk(scriptOf({ say: 'a', actionId: 1 }, { goTo: 1 }));

  const goTo = nodeAt(scenario, 'script[1]', 'goTo');
  assert.equal(goTo.goToLimit, 100);
  assert.equal(goTo.countVariable, null);
});

test('Call API defaults: timeout 5000 ms, no headers, no body, collectResponse false', () => {
  const { scenario } = compileOk(scriptOf({ request: 'https://a.example', options: { method: 'GET' } }));

  const callApi = nodeAt(scenario, 'script[0]', 'callApi');
  assert.equal(callApi.timeoutMs, 5000);
  assert.deepEqual(callApi.headers, []);
  assert.deepEqual(callApi.body, { kind: 'none' });
  assert.equal(callApi.collectResponse, false);
});

test("For Each default: delimiter ','", () => {
  const { scenario } = compileOk(scriptOf({ 'for-each': 'i', in: 'a,b', do: [{ say: '${i}' }] }));

  assert.equal(nodeAt(scenario, 'script[0]', 'forEach').delimiter, ',');
});

test('Capture defaults: sendToReports ALWAYS, maxSilence 2 s, maxInputLength 255', () => {
  const { scenario } = compileOk(scriptOf({ say: 'Yes or no?' }, capture));

  const node = nodeAt(scenario, 'script[1]', 'capture');
  assert.deepEqual(
    [node.sendToReports, node.maxSilenceMs, node.maxInputLength, node.timeoutMs],
    ['ALWAYS', 2000, 255, 5000],
  );
});

test('Record and Pause: defaults of Record, Pause in milliseconds', () => {
  const { scenario } = compileOk(scriptOf({ pause: 1.5 }, { record: null }));

  assert.equal(nodeAt(scenario, 'script[0]', 'pause').durationMs, 1500);
  const record = nodeAt(scenario, 'script[1]', 'record');
  assert.deepEqual(
    [record.maxDurationS, record.escapeDigits, record.beep, record.maxSilenceS, record.identifier],
    [null, '', false, null, null],
  );
});

test('variables keep their initial values as strings; numbers and booleans in their string form', () => {
  const { scenario } = compileOk({ script: ['hangup'], variables: { name: 'Ana', count: 12.5, vip: true } });

  assert.deepEqual(
    [...scenario.variables],
    [
      ['name', 'Ana'],
      ['count', '12.5'],
      ['vip', 'true'],
    ],
  );
});

test('the submitted document is not mutated: deep-equal to a clone taken before', () => {
  const document = {
    script: [
      { say: 'Menu', actionId: 1 },
      { collectInto: 'menu', options: { mappedValues: { '1': 'a' } } },
      { capture: 'c', timeout: 5, speechOptions: { language: 'en-US', keyPhrases: ['yes', 'no'] } },
      { dialToConversations: { options: { tags: ['support'] } } },
      { request: 'https://a.example', options: { method: 'POST', body: { list: [1, 'x'] } } },
      { switch: 'menu', case: { '1': [{ goTo: 1 }], __default: [] } },
      'hangup',
    ],
    onHangup: [{ sendSms: { text: 'Bye', to: '${from}' } }],
    variables: { v: 1 },
  };
  const before = structuredClone(document);

  compileOk(document);

  assert.deepEqual(document, before);
});

test('the compiled tree shares no object with the document: nothing submitted gets frozen', () => {
  const document = {
    script: [
      { say: 'Yes or no?' },
      { capture: 'c', timeout: 5, speechOptions: { language: 'en-US', keyPhrases: ['yes', 'no'] } },
      { dialToConversations: { options: { tags: ['support'] } } },
    ],
  };

  compileOk(document);

  assert.deepEqual(reachableObjects(document).filter(Object.isFrozen), []);
});

test('the result tree is frozen at every level: nodes, blocks, arrays and Maps', () => {
  const { scenario } = compileOk({
    script: [
      { say: 'Menu', actionId: 1 },
      { collectInto: 'menu', options: { mappedValues: { '1': 'a' } } },
      { switch: 'menu', case: { '1': [{ goTo: 1 }], __default: [] } },
      { request: 'https://a.example', options: { method: 'POST', headers: { a: 'b' }, body: { l: [1] } } },
      { dial: '41793026727', options: { onAnswer: [{ say: 'whisper' }] } },
    ],
    onHangup: [{ setVariable: 'x', value: '1' }],
    variables: { x: '0' },
  });

  const objects = reachableObjects(scenario);

  assert.ok(objects.length > 50);
  assert.deepEqual(
    objects.filter((object) => !Object.isFrozen(object)),
    [],
  );
  assert.ok(Object.isFrozen(scenario.script.actions));
});

test('a Map in the tree refuses set, delete and clear', () => {
  const { scenario } = compileOk({
    script: [{ switch: 'to', case: { a: [], __default: [] } }],
    variables: { x: '0' },
  });
  const cases = nodeAt(scenario, 'script[0]', 'switch').cases as Map<string, unknown>;
  const variables = scenario.variables as Map<string, string>;

  assert.throws(() => cases.set('b', null), TypeError);
  assert.throws(() => cases.delete('a'), TypeError);
  assert.throws(() => variables.set('x', '1'), TypeError);
  assert.throws(() => variables.clear(), TypeError);
  assert.equal(cases.size, 1);
  assert.equal(variables.get('x'), '0');
});

test('a compiled node cannot be changed', () => {
  const { scenario } = compileOk(scriptOf({ say: 'Hello' }));
  const say = nodeAt(scenario, 'script[0]', 'say') as { language: string };

  assert.throws(() => {
    say.language = 'fr';
  }, TypeError);
});
