/**
 * Say (5.19), Play (5.14), Pause (5.13) and Play From Recording (5.15): what
 * they play, for how long in virtual time, and the mediaStatus they set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { speechDurationMs } from '../simulator/simulated-call.js';
import { FakeRecordings, runScript } from './test-support/run-script.js';

const HUNDRED_CHARACTERS = 'x'.repeat(100);

test('Say speaks the interpolated text, sets mediaStatus PLAYED and reports text, voice and rate', async () => {
  const run = await runScript(
    [
      { say: 'Hello ${name}, you called ${to}.', options: { language: 'en-gb' } },
      { say: 'Bye', options: { voice: { name: 'Joanna', gender: 'female' }, speechRate: 1.2 } },
    ],
    { parameters: { name: 'Ana' }, to: '+41793026700' },
  );

  const said = run.ofType('prompt.said');
  assert.deepEqual(
    said.map((e) => e.data),
    [
      { text: 'Hello Ana, you called +41793026700.', voice: 'en-gb', rate: 1, interrupted: false },
      { text: 'Bye', voice: 'Joanna', rate: 1.2, interrupted: false },
    ],
  );
  assert.equal(run.variables['mediaStatus'], 'PLAYED');
});

test('Say: speechRate changes how long the prompt takes (2 is twice as fast, 0.5 twice as slow)', async () => {
  const durations: number[] = [];
  for (const speechRate of [0.5, 1, 2]) {
    const run = await runScript([{ say: HUNDRED_CHARACTERS, options: { speechRate } }]);
    durations.push(Number(run.one('action.finished').data['durationMs']));
  }

  assert.deepEqual(durations, [12_000, 6000, 3000]);
  assert.equal(durations[1], speechDurationMs(HUNDRED_CHARACTERS, 1));
});

test('Say with SSML: interpolated values are XML-escaped, the markup itself is kept', async () => {
  const run = await runScript([{ say: '<speak>Hello <emphasis>${name}</emphasis></speak>' }], {
    parameters: { name: `<break time="9s"/> & 'Bob' "B"` },
  });

  assert.equal(
    run.one('prompt.said').data['text'],
    '<speak>Hello <emphasis>&lt;break time=&quot;9s&quot;/&gt; &amp; &apos;Bob&apos; &quot;B&quot;</emphasis></speak>',
  );
});

test('Say without SSML inserts values as they are', async () => {
  const run = await runScript([{ say: 'Hello ${name}' }], { parameters: { name: 'A & <B>' } });

  assert.equal(run.one('prompt.said').data['text'], 'Hello A & <B>');
});

test('Say: rendered text over 1,400 characters is FAILED with VG_RT_TTS_FAILED and plays nothing', async () => {
  const run = await runScript([{ say: 'Dear ${name}' }, { setVariable: 'after', value: '${mediaStatus}' }], {
    parameters: { name: 'y'.repeat(1400) },
  });

  assert.equal(run.variables['mediaStatus'], 'FAILED');
  assert.equal(run.variables['after'], 'FAILED');
  assert.equal(run.ofType('prompt.said').length, 0);
  assert.equal(run.one('error').data['code'], 'VG_RT_TTS_FAILED');
  assert.equal(run.one('action.finished', 'script[0]').data['durationMs'], 0);
});

test('Say: exactly 1,400 rendered characters still plays', async () => {
  const run = await runScript([{ say: '${text}' }], { parameters: { text: 'z'.repeat(1400) } });

  assert.equal(run.variables['mediaStatus'], 'PLAYED');
});

test('Play: the duration comes from mediaDurationsMs (default 3 s) and the timeline URL drops the query', async () => {
  const url = 'https://cdn.example.com/welcome.mp3?token=secret';
  const run = await runScript([{ playFromUrl: url }, { playFromUrl: 'media:12' }], {
    caller: { mediaDurationsMs: { [url]: 7250 } },
  });

  const played = run.ofType('prompt.played');
  assert.deepEqual(
    played.map((e) => e.data),
    [
      { url: 'https://cdn.example.com/welcome.mp3', durationMs: 7250, interrupted: false },
      { url: 'media:12', durationMs: 3000, interrupted: false },
    ],
  );
  assert.equal(run.msOf(played[1]!), 7250 + 3000);
  assert.equal(run.variables['mediaStatus'], 'PLAYED');
});

test('Play: an interpolated URL is rendered before it is fetched', async () => {
  const run = await runScript([{ playFromUrl: 'https://cdn.example.com/${lang}/hello.wav' }], {
    parameters: { lang: 'fr' },
    caller: { mediaDurationsMs: { 'https://cdn.example.com/fr/hello.wav': 1234 } },
  });

  assert.deepEqual(run.one('prompt.played').data, {
    url: 'https://cdn.example.com/fr/hello.wav',
    durationMs: 1234,
    interrupted: false,
  });
});

test('Pause plays silence for its duration and sets no mediaStatus of its own', async () => {
  const run = await runScript([{ pause: 1.5 }, { pause: 0.25 }]);

  assert.equal(run.elapsedMs, 1750);
  assert.equal(run.variables['mediaStatus'], undefined);
});

test('Pause before a Collect is interruptible like any prompt in the chain', async () => {
  const run = await runScript(
    [{ pause: 5 }, { collectInto: 'key', options: { maxInputLength: 1, timeout: 5 } }],
    { caller: { events: [{ at: 2000, press: '4' }] } },
  );

  assert.equal(run.one('action.finished', 'script[0]').data['durationMs'], 2000);
  assert.equal(run.variables['key'], '4');
});

test('Play From Recording: null is the last Record recording, N (or "N") the Nth, in order of completion', async () => {
  const run = await runScript([
    { record: 2 },
    { record: 3 },
    { playFromRecording: null },
    { playFromRecording: 1 },
    { playFromRecording: '2' },
  ]);

  assert.deepEqual(
    run.ofType('prompt.played').map((e) => e.data['url']),
    ['recording:sim-rec-2', 'recording:sim-rec-1', 'recording:sim-rec-2'],
  );
  assert.equal(run.variables['mediaStatus'], 'PLAYED');
});

test('Play From Recording: nothing recorded, or an index past the last, is NOT_FOUND and plays nothing', async () => {
  const run = await runScript([
    { playFromRecording: null },
    { setVariable: 'first', value: '${mediaStatus}' },
    { record: 2 },
    { playFromRecording: 2 },
  ]);

  assert.equal(run.variables['first'], 'NOT_FOUND');
  assert.equal(run.variables['mediaStatus'], 'NOT_FOUND');
  assert.equal(run.ofType('prompt.played').length, 0);
});

test("Play From Recording: an identifier plays the tenant's newest recording with it, or NOT_FOUND", async () => {
  const recordings = new FakeRecordings({ 'greeting-+41793026700': 'rec-77' });
  const found = await runScript([{ playFromRecording: 'greeting-${to}' }], {
    recordings,
    to: '+41793026700',
  });
  const missing = await runScript([{ playFromRecording: 'greeting-${to}' }], {
    recordings,
    to: '+41790000000',
  });

  assert.equal(found.one('prompt.played').data['url'], 'recording:rec-77');
  assert.equal(found.variables['mediaStatus'], 'PLAYED');
  assert.equal(missing.variables['mediaStatus'], 'NOT_FOUND');
});

test('Play From Recording reports the played duration like Play (section 6.5)', async () => {
  const run = await runScript([{ record: 2 }, { playFromRecording: null }], {
    caller: { mediaDurationsMs: { 'recording:sim-rec-1': 2000 } },
  });

  assert.deepEqual(run.one('prompt.played').data, {
    url: 'recording:sim-rec-1',
    durationMs: 2000,
    interrupted: false,
  });
});

test('the first media action answers an inbound call; a Call API or Set Variable before it does not', async () => {
  const run = await runScript([
    { setVariable: 'a', value: '1' },
    { request: 'https://crm.example.com/hook', options: { method: 'GET' } },
    { say: 'Hello' },
  ]);

  const types = run.events.map((e) => `${e.type}${e.path === undefined ? '' : `@${e.path}`}`);
  const answeredAt = types.indexOf('call.answered');
  assert.ok(answeredAt > types.indexOf('http.exchange@script[1]'));
  assert.ok(answeredAt < types.indexOf('action.started@script[2]'));
});

test('an outbound call is answered from the start: no call.answered event, the script runs at once', async () => {
  const run = await runScript([{ say: 'Hello' }], { direction: 'outbound' });

  assert.equal(run.ofType('call.answered').length, 0);
  assert.equal(run.one('call.started').data['direction'], 'outbound');
  assert.equal(run.variables['mediaStatus'], 'PLAYED');
});
