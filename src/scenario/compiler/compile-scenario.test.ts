/**
 * compileScenario against SCENARIO-LANGUAGE.md: the worked examples of section
 * 10, the seed-02 samples, how errors are reported (all at once, sorted by
 * path), and hostile inputs that must never make it throw. The errors
 * themselves are in errors.test.ts, goto.test.ts and limits.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileErrors, compileOk, nodeAt, scriptOf } from './assert-compile.js';
import { compileScenario, type ScenarioDocument } from './index.js';

// Section 10.1, verbatim.
const MAIN_MENU = [
  {
    say: 'Welcome to Acme. For sales press 1. For support press 2.',
    options: { language: 'en' },
    actionId: 1,
  },
  {
    collectInto: 'menu',
    options: { maxInputLength: 1, timeout: 5, mappedValues: { '1': 'sales', '2': 'support' } },
  },
  {
    switch: 'menu',
    case: {
      '1': [
        { dial: '41793026727', options: { ringTimeout: 25 } },
        { say: 'Sales is busy. Please call later.' },
      ],
      '2': [
        { say: 'Connecting you to support.' },
        { dialToConversations: { options: { tagIdentifierType: 'NAME', tags: ['support'] } } },
      ],
      __default: [
        { say: 'Sorry, I did not get that.' },
        { goTo: 1, options: { goToLimit: 2, countVariable: 'menuTries' } },
        { say: 'Goodbye.' },
      ],
    },
  },
  'hangup',
];

// Section 10.2, verbatim.
const CALL_API_LOOKUP = [
  { say: 'Please enter your customer number, then press hash.', actionId: 1 },
  { collectInto: 'customer', options: { maxInputLength: 10, timeout: 7, interDigitTimeout: 3 } },
  {
    request: 'https://crm.example.com/lookup?customer=${customer}&caller=${from}',
    options: {
      method: 'GET',
      headers: { authorization: 'Bearer ${crmToken}' },
      collectResponse: true,
      timeout: 3,
    },
  },
  {
    if: "${callApiOutcome == 'SUCCESS' && balance > 0}",
    then: [{ say: 'Hello ${customerName}. Your balance is ${balance} euros.' }],
    else: [
      {
        if: '${callApiStatus} == 404',
        then: [{ say: 'We could not find that number.' }, { goTo: 1, options: { goToLimit: 2 } }],
        else: [{ say: 'Our system is unavailable. Please try again later.' }],
      },
    ],
  },
  'hangup',
];

// Section 10.3, verbatim.
const RSVP = [
  { playFromUrl: 'media:11' },
  { playFromUrl: 'media:12' },
  { playFromUrl: 'media:13', actionId: 1 },
  {
    collectInto: '__rsvpKey',
    options: { maxInputLength: 1, timeout: 5, mappedValues: { '5': 'accept', '9': 'decline' } },
  },
  {
    switch: '__rsvpKey_Meaning',
    case: {
      accept: [{ setVariable: 'rsvpReply', value: 'accept' }, { playFromUrl: 'media:14' }],
      decline: [{ setVariable: 'rsvpReply', value: 'decline' }],
      __default: [{ goTo: 1, options: { goToLimit: 2 } }],
    },
  },
  { playFromUrl: 'media:15' },
  'hangup',
];

const say = (text = 'Hello') => ({ say: text });

test('10.1 main menu compiles with exactly one MEDIA_AFTER_DIAL, at script[2].case["1"][1]', () => {
  const { warnings } = compileOk({ script: MAIN_MENU });

  assert.deepEqual(warnings, ['MEDIA_AFTER_DIAL@script[2].case["1"][1]']);
});

test('10.2 Go To from inside a nested else-branch resolves to actionId 1 at the top of the script', () => {
  const { scenario, warnings } = compileOk({ script: CALL_API_LOOKUP, variables: { crmToken: 't' } });

  const goTo = nodeAt(scenario, 'script[3].else[0].then[1]', 'goTo');
  assert.equal(goTo.targetBlockId, scenario.script.id);
  assert.equal(goTo.targetIndex, 0);
  assert.equal(goTo.goToLimit, 2);
  assert.deepEqual(warnings, []);
});

test('10.3 RSVP compiles with internalNames, since it writes __rsvpKey', () => {
  const document = { script: RSVP, variables: { rsvpReply: 'noReply' } };

  const { scenario, warnings } = compileOk(document, { internalNames: true });

  assert.deepEqual(warnings, []);
  assert.equal(scenario.variables.get('rsvpReply'), 'noReply');
});

test('10.3 RSVP without internalNames is refused: __rsvpKey is INVALID_VARIABLE_NAME', () => {
  const errors = compileErrors({ script: RSVP, variables: { rsvpReply: 'noReply' } });

  assert.deepEqual(errors, ['INVALID_VARIABLE_NAME@script[3].collectInto']);
});

test('seed 02: a Call API with only options compiles with CALLAPI_NO_URL', () => {
  const document = scriptOf({
    options: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: { payload: '${to} finished the IVR.' },
    },
  });

  const { scenario, warnings } = compileOk(document);

  assert.deepEqual(warnings, ['CALLAPI_NO_URL@script[0]']);
  const node = nodeAt(scenario, 'script[0]', 'callApi');
  assert.equal(node.url, null);
  assert.equal(node.method, 'POST');
  assert.equal(node.body.kind, 'json');
});

test('seed 02: the Send SMS sample compiles without warnings', () => {
  const { warnings } = compileOk(scriptOf({ sendSms: { text: 'Hello', to: '${to}' } }));

  assert.deepEqual(warnings, []);
});

test('all errors are reported at once: three independent errors give three errors', () => {
  const errors = compileErrors(scriptOf({ say: 5 }, { collectInto: 'to' }, { pause: 9 }));

  assert.deepEqual(errors, [
    'TYPE@script[0].say',
    'RESERVED_VARIABLE@script[1].collectInto',
    'OUT_OF_RANGE@script[2].pause',
  ]);
});

test('errors are sorted by path as a reader walks the document: script[2] before script[10]', () => {
  const actions: unknown[] = Array.from({ length: 12 }, () => say());
  actions[10] = { say: 5 };
  actions[2] = { pause: 'long' };

  const errors = compileErrors({ script: actions });

  assert.deepEqual(errors, ['TYPE@script[2].pause', 'TYPE@script[10].say']);
});

// Hostile inputs: a seeded generator (mulberry32, no library) of random nested scripts.

const FUZZ_SEED = Number(process.env.VOXGATE_FUZZ_SEED ?? 20240917);

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// prettier-ignore
const VOCABULARY = [
  'request', 'options', 'capture', 'timeout', 'speechOptions', 'dtmfOptions', 'sendToReports', 'collectInto',
  'dial', 'dialToMany', 'dialToWebRTC', 'dialToConversations', 'for-each', 'in', 'delimiter', 'do', 'goTo',
  'if', 'then', 'else', 'pause', 'playFromUrl', 'playFromRecording', 'record', 'say', 'sendSms', 'setVariable',
  'value', 'switch', 'case', '__default', 'repeat', 'until', 'while', 'actionId', 'method', 'headers', 'body',
  'collectResponse', 'maxInputLength', 'interDigitTimeout', 'mappedValues', 'language', 'speechRate', 'voice',
  'bargeIn', 'senderId', 'ringTimeout', 'maxCallDuration', 'onAnswer', 'tags', 'number', 'numbers', 'parallel',
  'goToLimit', 'countVariable', 'identifier', 'text', 'to', 'from', 'keyPhrases', '__proto__', 'constructor',
];

// prettier-ignore
const STRINGS = [
  '', 'hangup', 'machineDetection', 'menu', '${', '${a', '${a}', '${a +}', '$${', '${a == 1 && b}',
  'https://a.example/${x}', 'media:1', '41793026727', 'sip:ana', '<speak>', '<speak>hi</speak>', '123', 'GET',
  'POST', 'en', 'en-US', 'ALWAYS', 'to', '__x', 'true', '1abc', '\ud800', 'é😀', 'x'.repeat(300),
];

// prettier-ignore
const NUMBERS = [0, 1, 2, -1, 1.5, 5, 30, 256, 2147483648, 1e21, -0];

function randomScript(random: () => number): Record<string, unknown> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const object = (entries: [string, unknown][]): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    // defineProperty: a "__proto__" key stays an own key, as JSON.parse leaves it.
    for (const [key, value] of entries) {
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return result;
  };
  const value = (depth: number): unknown => {
    const roll = random();
    if (depth > 6 || roll < 0.2) return pick([null, true, false, ...NUMBERS]);
    if (roll < 0.45) return pick(STRINGS);
    if (roll < 0.65) return block(depth + 1);
    if (roll < 0.8) return action(depth + 1);
    return object(
      Array.from({ length: Math.floor(random() * 4) }, () => [pick(VOCABULARY), value(depth + 1)]),
    );
  };
  const action = (depth: number): unknown => {
    const roll = random();
    if (roll < 0.08) return pick(['hangup', 'machineDetection', 'bye']);
    if (roll < 0.1) return pick([null, 3, [], {}]);
    return object(
      Array.from({ length: 1 + Math.floor(random() * 4) }, () => [pick(VOCABULARY), value(depth)]),
    );
  };
  const block = (depth: number): unknown[] =>
    Array.from({ length: Math.floor(random() * 4) }, () => action(depth));
  const document: Record<string, unknown> = { script: random() < 0.95 ? block(0) : value(0) };
  if (random() < 0.2) document['onHangup'] = block(0);
  if (random() < 0.1) document['variables'] = value(4);
  if (random() < 0.05) document['record'] = value(6);
  return document;
}

test('hostile inputs never throw: 3,000 random nested scripts each give a result object', () => {
  const random = createRandom(FUZZ_SEED);

  for (let i = 0; i < 3000; i += 1) {
    const document = randomScript(random);
    let result: ReturnType<typeof compileScenario> | undefined;
    try {
      result = compileScenario(document as unknown as ScenarioDocument, {
        internalNames: random() < 0.5,
        ...(random() < 0.3 ? { addons: [] } : {}),
      });
    } catch (error) {
      assert.fail(
        `seed ${FUZZ_SEED}, script ${i} threw ${String(error)}: ${JSON.stringify(document).slice(0, 500)}`,
      );
    }

    assert.equal(typeof result.ok, 'boolean');
    assert.ok(Array.isArray(result.warnings));
    if (!result.ok) assert.ok(result.errors.length >= 1 && result.errors.length <= 101);
  }
});

// prettier-ignore
const WILD_VALUES: unknown[] = [
  null, true, 0, -1, 1.5, '', '${', '${a}', 'x'.repeat(5000), [], {}, ['hangup'], [{ goTo: 1 }], [null], [[]],
  { method: 'GET' }, { say: 1 }, 'hangup',
];

/** A copy of `value` with random fields dropped, replaced by hostile values, or added. */
function mutate(value: unknown, random: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  if (random() < 0.08) return structuredClone(pick(WILD_VALUES));
  if (Array.isArray(value)) {
    const items = value.filter(() => random() > 0.1).map((item) => mutate(item, random));
    if (random() < 0.1) items.push(structuredClone(pick(MAIN_MENU)));
    return items;
  }
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (random() > 0.05) result[key] = mutate(item, random);
  if (random() < 0.05) result[pick(VOCABULARY)] = structuredClone(pick(WILD_VALUES));
  return result;
}

test('hostile inputs never throw: 1,500 mutations of the worked examples each give a result object', () => {
  const random = createRandom(FUZZ_SEED + 1);
  const examples = [MAIN_MENU, CALL_API_LOOKUP, RSVP];

  for (let i = 0; i < 1500; i += 1) {
    const document = { script: mutate(examples[i % examples.length], random), onHangup: mutate([], random) };
    let result: ReturnType<typeof compileScenario> | undefined;
    try {
      result = compileScenario(document, { internalNames: random() < 0.5 });
    } catch (error) {
      assert.fail(
        `seed ${FUZZ_SEED + 1}, script ${i} threw ${String(error)}: ${JSON.stringify(document).slice(0, 500)}`,
      );
    }

    assert.equal(typeof result.ok, 'boolean');
  }
});
