/**
 * Every ACTIONS10 action and parameter of section 1.1, with its defaults, as canonical JSON:
 * say@v1|v2, gather@v1, dial@v1 (one or several targets, cli, answerOnBranch with bridge@v1 and
 * startRecording@v1), fetch@v1|v2, hangup@v1, and `if:` on an item.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codesAndPaths, inbound, scriptOf, translateOk, withBranches } from './assert-translate.js';

const dial = (params: Record<string, unknown>) => ({ action: 'dial@v1', params });

test('say@v1 and say@v2 are a Say of `what`', () => {
  assert.deepEqual(scriptOf(inbound({ action: 'say@v1', params: { what: 'One' } })), [{ say: 'One' }]);
  assert.deepEqual(scriptOf(inbound({ action: 'say@v2', params: { what: 'Two' } })), [{ say: 'Two' }]);
});

test('say interpolates ${{ }} in `what`', () => {
  const script = scriptOf(
    inbound({ action: 'say@v2', params: { what: 'Hello ${{ $name }}, from ${{ call.fromNumber }}' } }),
  );

  assert.deepEqual(script, [{ say: 'Hello ${name}, from ${from}' }]);
});

test('say voice and language become options.voice.name and a lower-case options.language', () => {
  const script = scriptOf(
    inbound({ action: 'say@v2', params: { what: 'Hi', voice: 'Joanna', language: 'en-GB' } }),
  );

  assert.deepEqual(script, [{ say: 'Hi', options: { language: 'en-gb', voice: { name: 'Joanna' } } }]);
});

test('a seed-04 voice code names both the voice and its language', () => {
  const script = scriptOf(inbound({ action: 'say@v2', params: { what: 'Hi', voice: 'TTS_EN-GB_SERENA' } }));

  assert.deepEqual(script, [{ say: 'Hi', options: { language: 'en-gb', voice: { name: 'SERENA' } } }]);
});

test('a language the Say enum lacks falls back to its base language', () => {
  const script = scriptOf(inbound({ action: 'say@v2', params: { what: 'Salut', language: 'fr-FR' } }));

  assert.deepEqual(script, [{ say: 'Salut', options: { language: 'fr' } }]);
});

test('gather@v1 without params collects 1 digit with a 5 s timeout into __gather', () => {
  assert.deepEqual(scriptOf(inbound({ action: 'gather@v1' })), [
    { collectInto: '__gather', options: { maxInputLength: 1, timeout: 5 } },
  ]);
});

test('gather@v1 says its prompt, then collects maxDigits with its timeout', () => {
  const script = scriptOf(
    inbound({ action: 'gather@v1', params: { prompt: 'Your PIN?', maxDigits: 4, timeout: 10 } }),
  );

  assert.deepEqual(script, [
    { say: 'Your PIN?' },
    { collectInto: '__gather', options: { maxInputLength: 4, timeout: 10 } },
  ]);
});

test('dial@v1 with one target is a Dial with ringTimeout', () => {
  const script = scriptOf(inbound(dial({ targets: [{ number: '+15559820800', timeout: 25 }] })));

  assert.deepEqual(script, [{ dial: '+15559820800', options: { ringTimeout: 25 } }]);
});

test('dial@v1 without a timeout or cli writes no options', () => {
  assert.deepEqual(scriptOf(inbound(dial({ targets: [{ number: '+15559820800' }] }))), [
    { dial: '+15559820800' },
  ]);
});

test('dial@v1 cli becomes senderId', () => {
  const script = scriptOf(inbound(dial({ targets: [{ number: '+15559820800' }], cli: '+15559820000' })));

  assert.deepEqual(script, [{ dial: '+15559820800', options: { senderId: '+15559820000' } }]);
});

test('dial@v1 with several targets is a sequential Dial To Many with a ringTimeout per entry', () => {
  const script = scriptOf(
    inbound(
      dial({
        targets: [{ number: '+15559820801', timeout: 15 }, { number: '${{ $backup }}' }],
        cli: '+15559820000',
      }),
    ),
  );

  assert.deepEqual(script, [
    {
      dialToMany: [{ number: '+15559820801', ringTimeout: 15 }, { number: '${backup}' }],
      options: { senderId: '+15559820000' },
    },
  ]);
});

test('answerOnBranch ending in bridge@v1 becomes onAnswer, and the branch is not written elsewhere', () => {
  const source = withBranches({
    'inbound-call': [dial({ targets: [{ number: '+15559820800' }], answerOnBranch: 'whisper' })],
    whisper: [{ action: 'say@v2', params: { what: 'A customer call' } }, { action: 'bridge@v1' }],
  });

  const result = translateOk(source);

  assert.deepEqual(result.document.script, [
    { dial: '+15559820800', options: { onAnswer: [{ say: 'A customer call' }] } },
  ]);
  assert.deepEqual(result.warnings, []);
});

test('an answerOnBranch branch that is only bridge@v1 leaves no onAnswer', () => {
  const source = withBranches({
    'inbound-call': [dial({ targets: [{ number: '+15559820800' }], answerOnBranch: 'connect' })],
    connect: [{ action: 'bridge@v1' }],
  });

  assert.deepEqual(scriptOf(source), [{ dial: '+15559820800' }]);
});

test('an answerOnBranch branch without bridge@v1 releases the callee with "hangup"', () => {
  const source = withBranches({
    'inbound-call': [dial({ targets: [{ number: '+15559820800' }], answerOnBranch: 'notice' })],
    notice: [{ action: 'say@v2', params: { what: 'Reminder: meeting at 3' } }],
  });

  assert.deepEqual(scriptOf(source), [
    { dial: '+15559820800', options: { onAnswer: [{ say: 'Reminder: meeting at 3' }, 'hangup'] } },
  ]);
});

test('a conditional bridge@v1 releases the callee when its condition is false', () => {
  const source = withBranches({
    'inbound-call': [dial({ targets: [{ number: '+15559820800' }], answerOnBranch: 'screen' })],
    screen: [
      { action: 'gather@v1', params: { prompt: 'Press 1 to accept' } },
      { if: "$gather.digits == '1'", action: 'bridge@v1' },
    ],
  });

  assert.deepEqual(scriptOf(source), [
    {
      dial: '+15559820800',
      options: {
        onAnswer: [
          { say: 'Press 1 to accept' },
          { collectInto: '__gather', options: { maxInputLength: 1, timeout: 5 } },
          { if: "${!(__gather == '1')}", then: ['hangup'] },
        ],
      },
    },
  ]);
});

test('startRecording@v1 in an answerOnBranch branch records the bridge; events.ready moves to onHangup', () => {
  const source = withBranches({
    'inbound-call': [dial({ targets: [{ number: '+15559820800' }], answerOnBranch: 'record' })],
    record: [
      {
        action: 'startRecording@v1',
        params: { transcription: { language: 'en-US' } },
        events: {
          ready: [{ action: 'fetch@v1', params: { url: 'https://example.com/ready', method: 'POST' } }],
        },
      },
      { action: 'bridge@v1' },
    ],
  });

  const result = translateOk(source);

  assert.deepEqual(result.document.script, [{ dial: '+15559820800', options: { record: true } }]);
  assert.deepEqual(result.document.onHangup, [
    {
      if: "${recordingId != ''}",
      then: [{ request: 'https://example.com/ready', options: { method: 'POST' } }],
    },
  ]);
  assert.deepEqual(codesAndPaths(result.warnings), [
    ['VG_WARN_SCENARIO_A10_PARAM_IGNORED', 'branches.record.actions[0].params.transcription.language'],
  ]);
});

test('events.ready may also be written as a branch is, { actions: [...] }, after the hangup branch', () => {
  const source = withBranches({
    'inbound-call': [dial({ targets: [{ number: '+15559820800' }], answerOnBranch: 'record' })],
    record: [
      {
        action: 'startRecording@v1',
        events: {
          ready: { actions: [{ action: 'fetch@v2', params: { url: 'https://example.com/ready' } }] },
        },
      },
      { action: 'bridge@v1' },
    ],
    hangup: [{ action: 'fetch@v2', params: { url: 'https://example.com/end' } }],
  });

  const result = translateOk(source);

  assert.deepEqual(result.document.onHangup, [
    { request: 'https://example.com/end', options: { method: 'GET' } },
    {
      if: "${recordingId != ''}",
      then: [{ request: 'https://example.com/ready', options: { method: 'GET' } }],
    },
  ]);
});

test('fetch@v1 defaults to GET; fetch@v2 upper-cases its method', () => {
  assert.deepEqual(scriptOf(inbound({ action: 'fetch@v1', params: { url: 'https://example.com/a' } })), [
    { request: 'https://example.com/a', options: { method: 'GET' } },
  ]);
  assert.deepEqual(
    scriptOf(inbound({ action: 'fetch@v2', params: { url: 'https://example.com/a', method: 'post' } })),
    [{ request: 'https://example.com/a', options: { method: 'POST' } }],
  );
});

test('fetch headers and a mapping body are interpolated; scalars in them keep their meaning', () => {
  const script = scriptOf(
    inbound({
      action: 'fetch@v2',
      params: {
        url: 'https://example.com/calls/${{ call.id }}',
        method: 'PUT',
        headers: { Authorization: 'Bearer ${{ $token }}', 'X-Attempt': 2 },
        body: { from: '${{ call.fromNumber }}', digits: '${{ $gather.digits }}', count: 1, done: true },
      },
    }),
  );

  assert.deepEqual(script, [
    {
      request: 'https://example.com/calls/${callId}',
      options: {
        method: 'PUT',
        headers: { Authorization: 'Bearer ${token}', 'X-Attempt': '2' },
        body: { from: '${from}', digits: '${__gather}', count: 1, done: true },
      },
    },
  ]);
});

test('hangup@v1 is "hangup"', () => {
  assert.deepEqual(scriptOf(inbound({ action: 'hangup@v1' })), ['hangup']);
});

test('an item with if: is wrapped in an If holding everything the action writes', () => {
  const script = scriptOf(
    inbound({
      if: '$vip && call.direction == "inbound"',
      action: 'gather@v1',
      params: { prompt: 'VIP menu' },
    }),
  );

  assert.deepEqual(script, [
    {
      if: '${vip && direction == "inbound"}',
      then: [{ say: 'VIP menu' }, { collectInto: '__gather', options: { maxInputLength: 1, timeout: 5 } }],
    },
  ]);
});

test('an if: written as ${{ }} is the same condition', () => {
  const script = scriptOf(inbound({ if: '${{ $fetch.ok }}', action: 'hangup@v1' }));

  assert.deepEqual(script, [{ if: "${(callApiOutcome == 'SUCCESS')}", then: ['hangup'] }]);
});
