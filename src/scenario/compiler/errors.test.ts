/**
 * The errors of SCENARIO-LANGUAGE.md section 7 that the compiler reports for
 * the document, its actions, names, expressions, literals, add-ons and where
 * an action may stand, each with its exact path. Go To errors are in
 * goto.test.ts, limits in limits.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileErrors, compileOk, scriptOf } from './assert-compile.js';
import type { ScenarioDocument } from './index.js';

const say = (text = 'Hello') => ({ say: text });
const capture = { capture: 'intent', timeout: 5, speechOptions: { language: 'en-US' } };

test('SCRIPT_NOT_ARRAY: script missing, an object, a string, or no document object at all', () => {
  const documents: unknown[] = [{}, { script: {} }, { script: 'hangup' }, { script: null }, null, 42];

  for (const document of documents) {
    const errors = compileErrors(document as ScenarioDocument);

    assert.deepEqual(errors, ['SCRIPT_NOT_ARRAY@script'], JSON.stringify(document));
  }
});

test('EMPTY_SCRIPT: script is an empty array', () => {
  assert.deepEqual(compileErrors({ script: [] }), ['EMPTY_SCRIPT@script']);
});

test('UNKNOWN_ACTION: null, a number, an array, an unknown bare string, an object with no distinctive key', () => {
  const elements: unknown[] = [null, 7, ['hangup'], 'goodbye', 'Hangup', { text: 'hi' }, { repeat: [say()] }];

  for (const element of elements) {
    const errors = compileErrors(scriptOf(element));

    assert.deepEqual(errors, ['UNKNOWN_ACTION@script[0]'], JSON.stringify(element));
  }
});

test('AMBIGUOUS_ACTION: two distinctive keys, or repeat with both until and while', () => {
  const elements = [
    { say: 'a', playFromUrl: 'media:1' },
    { repeat: [say()], until: 'x', while: 'y' },
  ];

  for (const element of elements) {
    assert.deepEqual(compileErrors(scriptOf(element)), ['AMBIGUOUS_ACTION@script[0]']);
  }
});

test('UNKNOWN_FIELD: a field the action does not define, top level or in options', () => {
  const errors = compileErrors(scriptOf({ say: 'a', colour: 'red' }, { say: 'b', options: { lang: 'en' } }));

  assert.deepEqual(errors, ['UNKNOWN_FIELD@script[0].colour', 'UNKNOWN_FIELD@script[1].options.lang']);
});

test('REQUIRED_FIELD: the path names the missing field', () => {
  const errors = compileErrors(
    scriptOf({ sendSms: { text: 'x' } }, { dialToConversations: { options: {} } }, { setVariable: 'a' }),
  );

  assert.deepEqual(errors, [
    'REQUIRED_FIELD@script[0].sendSms.to',
    'REQUIRED_FIELD@script[1].dialToConversations.options.tags',
    'REQUIRED_FIELD@script[2].value',
  ]);
});

test('TYPE: a wrong JSON type, including a string where a number is due (no interpolation)', () => {
  const errors = compileErrors(
    scriptOf({ say: 5 }, { collectInto: 'a', options: { timeout: '5' } }, { if: 'x', then: 'hangup' }),
  );

  assert.deepEqual(errors, ['TYPE@script[0].say', 'TYPE@script[1].options.timeout', 'TYPE@script[2].then']);
});

test('TYPE: variables not an object, a variable value not a primitive, record not a boolean', () => {
  assert.deepEqual(compileErrors({ script: ['hangup'], variables: ['a'] }), ['TYPE@variables']);
  assert.deepEqual(compileErrors({ script: ['hangup'], variables: { a: { b: 1 } } }), ['TYPE@variables.a']);
  assert.deepEqual(compileErrors({ script: ['hangup'], record: 'yes' }), ['TYPE@record']);
});

test('OUT_OF_RANGE: a number outside its limits', () => {
  const errors = compileErrors(
    scriptOf({ collectInto: 'a', options: { maxInputLength: 256 } }, { pause: 0 }, { pause: 5.5 }),
  );

  assert.deepEqual(errors, [
    'OUT_OF_RANGE@script[0].options.maxInputLength',
    'OUT_OF_RANGE@script[1].pause',
    'OUT_OF_RANGE@script[2].pause',
  ]);
});

test('ENUM: a value outside its list', () => {
  const errors = compileErrors(
    scriptOf(
      { say: 'a', options: { language: 'xx' } },
      { request: 'https://a.example', options: { method: 'GET ' } },
    ),
  );

  assert.deepEqual(errors, ['ENUM@script[0].options.language', 'ENUM@script[1].options.method']);
});

test('STRING_TOO_LONG: over a field limit (Say 1,400) and over the 4,096 characters of any string', () => {
  assert.deepEqual(compileErrors(scriptOf({ say: 'a'.repeat(1401) })), ['STRING_TOO_LONG@script[0].say']);
  assert.deepEqual(compileErrors(scriptOf({ setVariable: 'a', value: 'a'.repeat(4097) })), [
    'STRING_TOO_LONG@script[0].value',
  ]);
});

test('INVALID_VARIABLE_NAME: 1abc, true, __x, and the same rules for variables keys', () => {
  for (const name of ['1abc', 'true', 'null', '__x']) {
    assert.deepEqual(compileErrors(scriptOf({ setVariable: name, value: 'x' })), [
      'INVALID_VARIABLE_NAME@script[0].setVariable',
    ]);
  }
  assert.deepEqual(compileErrors({ script: ['hangup'], variables: { '1abc': 'x', false: 'y', __z: 'q' } }), [
    'INVALID_VARIABLE_NAME@variables["1abc"]',
    'INVALID_VARIABLE_NAME@variables.__z',
    'INVALID_VARIABLE_NAME@variables.false',
  ]);
});

test('RESERVED_VARIABLE: built-ins and status names cannot be written or declared', () => {
  const errors = compileErrors({
    script: [
      { say: 'Hello', actionId: 1 },
      { collectInto: 'to' },
      { setVariable: 'dialStatus', value: 'x' },
      { 'for-each': 'from', in: 'a,b', do: [say()] },
      { goTo: 1, options: { countVariable: 'collectStatus' } },
    ],
    variables: { callId: 'x' },
  });

  assert.deepEqual(errors, [
    'RESERVED_VARIABLE@script[1].collectInto',
    'RESERVED_VARIABLE@script[2].setVariable',
    'RESERVED_VARIABLE@script[3]["for-each"]',
    'RESERVED_VARIABLE@script[4].options.countVariable',
    'RESERVED_VARIABLE@variables.callId',
  ]);
});

test('a derived name such as menu_Meaning is an ordinary variable', () => {
  compileOk(scriptOf({ setVariable: 'menu_Meaning', value: 'x' }));
});

test('INVALID_INTERPOLATION: an unterminated ${ in any interpolated string', () => {
  const errors = compileErrors(
    scriptOf(
      { say: 'Hello ${name' },
      { sendSms: { text: 'a ${', to: '${to}' } },
      { playFromRecording: '${' },
    ),
  );

  assert.deepEqual(errors, [
    'INVALID_INTERPOLATION@script[0].say',
    'INVALID_INTERPOLATION@script[1].sendSms.text',
    'INVALID_INTERPOLATION@script[2].playFromRecording',
  ]);
});

test('a literal $${ is not an interpolation', () => {
  compileOk(scriptOf({ say: 'Type $${ to start' }));
});

test('EXPRESSION_SYNTAX: in a condition, a Switch expression and a ${…} inside a string', () => {
  const errors = compileErrors(
    scriptOf(
      { if: '${a ==}', then: ['hangup'] },
      { while: 'a == == b', do: [say()] },
      { switch: '${a +}', case: { x: [] } },
      { say: 'Total ${a * }' },
    ),
  );

  assert.deepEqual(errors, [
    'EXPRESSION_SYNTAX@script[0].if',
    'EXPRESSION_SYNTAX@script[1].while',
    'EXPRESSION_SYNTAX@script[2].switch',
    'EXPRESSION_SYNTAX@script[3].say',
  ]);
});

test('EXPRESSION_TOO_COMPLEX: over 256 nodes, or over 1,024 characters', () => {
  const manyNodes = `\${${Array.from({ length: 300 }, () => 'a').join(' + ')}}`;
  const long = `a == '${'x'.repeat(1100)}'`;

  const errors = compileErrors(
    scriptOf({ if: manyNodes, then: ['hangup'] }, { until: long, repeat: [say()] }),
  );

  assert.deepEqual(errors, ['EXPRESSION_TOO_COMPLEX@script[0].if', 'EXPRESSION_TOO_COMPLEX@script[1].until']);
});

test('INVALID_ACTION_ID: an actionId that is not an integer 0..2147483647', () => {
  for (const actionId of [-1, 2147483648, 1.5, '1', null]) {
    const errors = compileErrors(
      scriptOf({ say: 'a', actionId }, { if: 'x', then: [{ say: 'b', actionId }] }),
    );

    assert.deepEqual(
      errors,
      ['INVALID_ACTION_ID@script[0].actionId', 'INVALID_ACTION_ID@script[1].then[0].actionId'],
      String(actionId),
    );
  }
});

test('DUPLICATE_ACTION_ID: within the script, nested, and across script and onHangup', () => {
  const inScript = compileErrors(
    scriptOf({ say: 'a', actionId: 3 }, { if: 'x', then: [{ say: 'b', actionId: 3 }] }),
  );
  const acrossHook = compileErrors({
    script: [{ say: 'a', actionId: 3 }],
    onHangup: [{ setVariable: 'x', value: '1', actionId: 3 }],
  });

  assert.deepEqual(inScript, ['DUPLICATE_ACTION_ID@script[1].then[0].actionId']);
  assert.deepEqual(acrossHook, ['DUPLICATE_ACTION_ID@onHangup[0].actionId']);
});

test('EMPTY_BRANCHES: an If with no then and no else, or both empty', () => {
  const errors = compileErrors(scriptOf({ if: 'x' }, { if: 'x', then: [], else: [] }));

  assert.deepEqual(errors, ['EMPTY_BRANCHES@script[0]', 'EMPTY_BRANCHES@script[1]']);
});

test('an If with only else, or an empty Switch case, is accepted', () => {
  compileOk(scriptOf({ if: '${to}', else: ['hangup'] }, { switch: 'to', case: { a: [], __default: [] } }));
});

test('EMPTY_BLOCK: an empty While do, Repeat (until and while) and For Each do', () => {
  const errors = compileErrors(
    scriptOf(
      { while: 'x', do: [] },
      { repeat: [], until: 'x' },
      { repeat: [], while: 'x' },
      { 'for-each': 'i', in: 'a', do: [] },
    ),
  );

  assert.deepEqual(errors, [
    'EMPTY_BLOCK@script[0].do',
    'EMPTY_BLOCK@script[1].repeat',
    'EMPTY_BLOCK@script[2].repeat',
    'EMPTY_BLOCK@script[3].do',
  ]);
});

test('INVALID_NUMBER: a literal dial number, Dial To Many number, senderId, sendSms.to and sendSms.from', () => {
  const errors = compileErrors(
    scriptOf(
      { dial: '12ab' },
      { dial: '41793026727', options: { senderId: 'abc' } },
      { dialToMany: [{ numbers: '41793026727, 0123' }] },
      { sendSms: { text: 'a', to: 'nope' } },
      { sendSms: { text: 'a', to: '41793026727', from: 'x' } },
    ),
  );

  assert.deepEqual(errors, [
    'INVALID_NUMBER@script[0].dial',
    'INVALID_NUMBER@script[1].options.senderId',
    'INVALID_NUMBER@script[2].dialToMany[0].numbers',
    'INVALID_NUMBER@script[3].sendSms.to',
    'INVALID_NUMBER@script[4].sendSms.from',
  ]);
});

test('INVALID_NUMBER is not checked on interpolated values; BLOCKED, + and sip: are accepted', () => {
  compileOk(
    scriptOf(
      { dial: '${x}', options: { senderId: '${y}' } },
      { dial: '+41793026727', options: { senderId: 'BLOCKED' } },
      { dial: 'sip:ana' },
      { sendSms: { text: 'a', to: '${z}', from: 'InfoSMS' } },
    ),
  );
});

test('INVALID_URL: a literal request or playFromUrl that is not http(s); media:12 is accepted', () => {
  const errors = compileErrors(
    scriptOf(
      { request: 'ftp://files.example.com/x', options: { method: 'GET' } },
      { request: 'not a url', options: { method: 'GET' } },
      { playFromUrl: 'file:///etc/passwd' },
    ),
  );

  assert.deepEqual(errors, [
    'INVALID_URL@script[0].request',
    'INVALID_URL@script[1].request',
    'INVALID_URL@script[2].playFromUrl',
  ]);
  compileOk(scriptOf({ playFromUrl: 'media:12' }, { request: '${url}', options: { method: 'GET' } }));
});

test('INVALID_SSML: an unbalanced literal <speak>; balanced or interpolated SSML is accepted', () => {
  assert.deepEqual(compileErrors(scriptOf({ say: '<speak>Hello' })), ['INVALID_SSML@script[0].say']);
  assert.deepEqual(compileErrors(scriptOf({ say: '<speak>Hi <b>there</speak>' })), [
    'INVALID_SSML@script[0].say',
  ]);
  compileOk(scriptOf({ say: '<speak>Hello <break time="1s"/> there</speak>' }, { say: '<speak>Hi ${x}' }));
});

test('INVALID_IDENTIFIER: a digits-only literal Record identifier; an interpolated one is not checked', () => {
  assert.deepEqual(compileErrors(scriptOf({ record: 10, options: { identifier: '123' } })), [
    'INVALID_IDENTIFIER@script[0].options.identifier',
  ]);
  compileOk(
    scriptOf({ record: 10, options: { identifier: '${n}' } }, { record: 10, options: { identifier: 'g-1' } }),
  );
});

test('ADDON_DISABLED: Capture without speech, Record and Dial record without recording, Machine Detection without amd', () => {
  const speechOff = compileErrors(scriptOf(say(), capture), { addons: ['amd', 'recording'] });
  const recordingOff = compileErrors(
    scriptOf({ record: 10 }, { dial: '41793026727', options: { record: true } }),
    { addons: ['amd', 'speech'] },
  );
  const amdOff = compileErrors(scriptOf('machineDetection', { if: '${machineAnswered}', then: ['hangup'] }), {
    addons: ['recording', 'speech'],
  });

  assert.deepEqual(speechOff, ['ADDON_DISABLED@script[1]']);
  assert.deepEqual(recordingOff, ['ADDON_DISABLED@script[0]', 'ADDON_DISABLED@script[1].options.record']);
  assert.deepEqual(amdOff, ['ADDON_DISABLED@script[0]']);
});

test('ADDON_DISABLED: scenario record: true without the recording add-on', () => {
  assert.deepEqual(compileErrors({ script: ['hangup'], record: true }, { addons: ['amd', 'speech'] }), [
    'ADDON_DISABLED@record',
  ]);
  assert.equal(compileOk({ script: ['hangup'], record: true }).scenario.record, true);
});

test('NOT_ALLOWED_IN_HOOK: a call action in onHangup; Send SMS and Call API are allowed', () => {
  const errors = compileErrors({
    script: ['hangup'],
    onHangup: [{ say: 'bye' }, { if: 'x', then: [{ pause: 1 }] }],
  });

  assert.deepEqual(errors, ['NOT_ALLOWED_IN_HOOK@onHangup[0]', 'NOT_ALLOWED_IN_HOOK@onHangup[1].then[0]']);
  compileOk({
    script: ['hangup'],
    onHangup: [
      { sendSms: { text: 'x', to: '${from}' } },
      { request: 'https://a.example', options: { method: 'POST' } },
    ],
  });
});

test('NOT_ALLOWED_IN_ON_ANSWER: Record or a Dial in a Dial options.onAnswer; a whisper Say is allowed', () => {
  const errors = compileErrors(
    scriptOf(
      { dial: '41793026727', options: { onAnswer: [{ record: 5 }] } },
      { dialToMany: [{ number: '41793026727' }], options: { onAnswer: [{ dial: '41793026728' }] } },
    ),
  );

  assert.deepEqual(errors, [
    'NOT_ALLOWED_IN_ON_ANSWER@script[0].options.onAnswer[0]',
    'NOT_ALLOWED_IN_ON_ANSWER@script[1].options.onAnswer[0]',
  ]);
  compileOk(scriptOf({ dial: '41793026727', options: { onAnswer: [{ say: 'Call from the IVR' }] } }));
});
