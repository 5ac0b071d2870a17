/**
 * Record (5.16), Capture (5.2) and Machine Detection (5.12) on the simulator.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScript } from './test-support/run-script.js';

// ---------------------------------------------------------------- Record

test('Record: maxSilence after the caller stops speaking ends it as SILENCE, trailing silence trimmed', async () => {
  const run = await runScript([{ record: 30, options: { maxSilence: 3 } }], {
    caller: { recordingDurationS: 5 },
  });

  assert.equal(run.variables['recordStatus'], 'SILENCE');
  assert.equal(run.variables['recordingId'], 'sim-rec-1');
  assert.equal(run.variables['recordingUrl'], 'recording:sim-rec-1');
  assert.equal(run.variables['recordingDuration'], '5');
  assert.equal(run.elapsedMs, 8000, '5 s of voice, then 3 s of silence');
  assert.deepEqual(run.one('recording.saved').data, {
    recordingId: 'sim-rec-1',
    durationS: 5,
    status: 'SILENCE',
  });
});

test('Record: reaching the duration ends it as MAX_DURATION', async () => {
  const run = await runScript([{ record: 4 }], { caller: { recordingDurationS: 10 } });

  assert.equal(run.variables['recordStatus'], 'MAX_DURATION');
  assert.equal(run.variables['recordingDuration'], '4');
  assert.equal(run.elapsedMs, 4000);
});

test('Record null records up to the operator maximum (maxRecordS)', async () => {
  const run = await runScript([{ record: null }], {
    caller: { recordingDurationS: 100 },
    settings: { maxRecordS: 60 },
  });

  assert.equal(run.variables['recordStatus'], 'MAX_DURATION');
  assert.equal(run.elapsedMs, 60_000);
});

test('Record: an escape digit ends it as ESCAPED and is consumed; other digits are ignored', async () => {
  const run = await runScript(
    [
      { say: 'Leave a message after the beep.' },
      { record: 60, options: { escapeDigits: '#*', beep: true } },
      { collectInto: 'after', options: { timeout: 1 } },
    ],
    // The Say lasts 31 x 60 = 1,860 ms; 3 at 3 s is ignored, * at 4.5 s escapes.
    {
      caller: {
        events: [
          { at: 3000, press: '3' },
          { at: 4500, press: '*' },
        ],
      },
    },
  );

  assert.equal(run.variables['recordStatus'], 'ESCAPED');
  assert.equal(run.msOf(run.one('recording.saved')), 4500);
  assert.equal(run.variables['after'], '', 'neither the ignored 3 nor the escape * reach the buffer');
  assert.equal(run.variables['collectStatus'], 'TIMEOUT');
  assert.deepEqual(
    run.ofType('dtmf.received').map((e) => e.data),
    [
      { digit: '3', buffered: false },
      { digit: '*', buffered: false },
    ],
  );
});

test('Record clears the type-ahead buffer when it starts', async () => {
  const run = await runScript(
    [{ say: 'Leave a message.' }, { record: 2 }, { collectInto: 'after', options: { timeout: 1 } }],
    { caller: { events: [{ at: 100, press: '55' }] } },
  );

  assert.equal(
    run.ofType('dtmf.received').every((e) => e.data['buffered'] === true),
    true,
  );
  assert.equal(run.variables['after'], '');
  assert.equal(run.variables['collectStatus'], 'TIMEOUT');
});

test('Record: no voice at all is EMPTY, the file is discarded and not counted for Play From Recording', async () => {
  const run = await runScript([{ record: 5 }, { playFromRecording: null }], {
    caller: { recordingDurationS: 0 },
  });

  assert.equal(run.variables['recordStatus'], 'EMPTY');
  assert.equal(run.variables['recordingId'], '');
  assert.equal(run.variables['recordingDuration'], '0');
  assert.equal(run.variables['mediaStatus'], 'NOT_FOUND');
});

test('Record: recording ids are then usable by Play From Recording', async () => {
  const run = await runScript([
    { record: 3, options: { escapeDigits: '#' } },
    { playFromRecording: null },
    { playFromRecording: 1 },
  ]);

  const urls = run.ofType('prompt.played').map((e) => e.data['url']);
  assert.deepEqual(urls, [`recording:${run.variables['recordingId']}`, 'recording:sim-rec-1']);
});

test('Record: a caller hang-up keeps the file as HANGUP and stops the main script', async () => {
  const run = await runScript(
    {
      script: [{ record: 60 }, { say: 'never said' }],
      onHangup: [{ setVariable: 'saved', value: '${recordStatus}:${recordingId}' }],
    },
    { caller: { recordingDurationS: 30, events: [{ at: 7000, hangup: true }] } },
  );

  assert.equal(run.variables['saved'], 'HANGUP:sim-rec-1');
  assert.equal(run.one('recording.saved').data['durationS'], 7);
  assert.equal(run.ofType('prompt.said').length, 0);
  assert.equal(run.hangupBy, 'caller');
});

test('Record: a digits-only interpolated identifier keeps the file and records VG_RT_INVALID_IDENTIFIER', async () => {
  const run = await runScript([{ record: 2, options: { identifier: '${code}' } }], {
    parameters: { code: '12345' },
  });

  assert.equal(run.variables['recordStatus'], 'MAX_DURATION');
  assert.equal(run.variables['recordingId'], 'sim-rec-1');
  assert.equal(run.one('error').data['code'], 'VG_RT_INVALID_IDENTIFIER');
});

// ---------------------------------------------------------------- Capture

const capture = (extra: Record<string, unknown> = {}) => ({
  capture: 'intent',
  timeout: 10,
  speechOptions: { language: 'en-US', maxSilence: 2, keyPhrases: ['exit', 'discount'] },
  ...extra,
});

test('Capture: the first key phrase found in the transcript (whole words, case and punctuation ignored) is MATCHED', async () => {
  const words = 'I would like a DISCOUNT, please... or exit!';
  const run = await runScript([{ say: 'How can I help?' }, capture()], { caller: { speech: [words] } });

  assert.equal(run.variables['intent'], 'exit', 'list order wins, not position in the speech');
  assert.equal(run.variables['intent_Full'], words);
  assert.equal(run.variables['intent_Meaning'], '');
  assert.equal(run.variables['captureStatus'], 'MATCHED');
  assert.deepEqual(run.one('speech.recognized').data, {
    transcript: words,
    match: 'exit',
    status: 'MATCHED',
  });
});

test('Capture: the utterance ends maxSilence after the speech', async () => {
  const words = 'discount';
  const run = await runScript([capture()], { caller: { speech: [words] } });

  // 8 characters x 60 ms, at least 400 ms of speech, then 2 s of silence.
  assert.equal(run.elapsedMs, 480 + 2000);
});

test('Capture: no key phrase in the transcript is NO_MATCH with the transcript in _Full', async () => {
  const run = await runScript([capture()], { caller: { speech: ['discounted exits only'] } });

  assert.equal(run.variables['intent'], '');
  assert.equal(run.variables['intent_Full'], 'discounted exits only');
  assert.equal(run.variables['captureStatus'], 'NO_MATCH');
});

test('Capture without keyPhrases: the variable is the normalised transcript', async () => {
  const run = await runScript([{ capture: 'said', timeout: 10, speechOptions: { language: 'en-US' } }], {
    caller: { speech: ['  Hello,   World!  How ARE you?'] },
  });

  assert.equal(run.variables['said'], 'hello world how are you');
  assert.equal(run.variables['said_Full'], '  Hello,   World!  How ARE you?');
  assert.equal(run.variables['captureStatus'], 'MATCHED');
});

test('Capture: silence until the timeout is TIMEOUT, at the timeout', async () => {
  const run = await runScript([capture({ timeout: 6 })]);

  assert.equal(run.variables['intent'], '');
  assert.equal(run.variables['captureStatus'], 'TIMEOUT');
  assert.equal(run.elapsedMs, 6000);
});

test('Capture: a digit pressed before the utterance ends switches to DTMF mode (# ends, mappedValues apply)', async () => {
  const run = await runScript(
    [capture({ dtmfOptions: { maxInputLength: 4, mappedValues: { '12': 'discount' } } })],
    { caller: { keys: ['12#'], speech: ['exit'] } },
  );

  assert.equal(run.variables['intent'], '12');
  assert.equal(run.variables['intent_Full'], '12');
  assert.equal(run.variables['intent_Meaning'], 'discount');
  assert.equal(run.variables['captureStatus'], 'DTMF');
  // keys start 500 ms after the Capture starts, 300 ms apart: the # at 1.1 s ends it.
  assert.equal(run.elapsedMs, 1100);
});

test('Capture: digits already buffered mean DTMF mode at once; the timeout is the inter-digit timeout', async () => {
  const run = await runScript(
    [{ say: 'Say or type your choice.', options: { bargeIn: false } }, capture({ timeout: 3 })],
    { caller: { events: [{ at: 100, press: '7' }], speech: ['discount'] } },
  );

  const saidEnd = run.msOf(run.one('prompt.said'));
  assert.equal(run.variables['intent'], '7');
  assert.equal(run.variables['captureStatus'], 'DTMF');
  assert.equal(run.elapsedMs, saidEnd + 3000);
});

test('Capture MASKED hides the transcript and match in the timeline', async () => {
  const run = await runScript([capture({ sendToReports: 'MASKED' })], { caller: { speech: ['discount'] } });

  assert.equal(run.variables['intent'], 'discount');
  assert.deepEqual(run.one('speech.recognized').data, {
    transcript: 'xxxx',
    match: 'xxxx',
    status: 'MATCHED',
  });
});

// ---------------------------------------------------------------- Machine Detection

const amd = ['machineDetection', { if: '${machineAnswered}', then: [{ say: 'Message' }] }];

test('Machine Detection: a human is HUMAN after a short greeting (machineAnswered false)', async () => {
  const run = await runScript(amd, { caller: { machine: 'human' } });

  assert.equal(run.variables['machineDetectionResult'], 'HUMAN');
  assert.equal(run.variables['machineAnswered'], 'false');
  assert.deepEqual(run.one('machine.detected').data, { result: 'HUMAN' });
  assert.equal(run.msOf(run.one('machine.detected')), 1500);
  assert.equal(run.ofType('prompt.said').length, 0);
});

test('Machine Detection: a machine is MACHINE after the whole analysis (machineAnswered true)', async () => {
  const run = await runScript(amd, { caller: { machine: 'machine' } });

  assert.equal(run.variables['machineDetectionResult'], 'MACHINE');
  assert.equal(run.variables['machineAnswered'], 'true');
  assert.equal(run.msOf(run.one('machine.detected')), 4000);
  assert.equal(run.ofType('prompt.said').length, 1);
});

test('Machine Detection: an unsure case is NOTSURE (machineAnswered false)', async () => {
  const run = await runScript(amd, { caller: { machine: 'notsure' }, settings: { amdAnalysisMs: 2500 } });

  assert.equal(run.variables['machineDetectionResult'], 'NOTSURE');
  assert.equal(run.variables['machineAnswered'], 'false');
  assert.equal(run.msOf(run.one('machine.detected')), 2500);
});

test('Machine Detection: a digit during the analysis means HUMAN at once, and the digit stays buffered', async () => {
  const run = await runScript([...amd, { collectInto: 'key', options: { maxInputLength: 1, timeout: 1 } }], {
    caller: { machine: 'machine', events: [{ at: 800, press: '3' }] },
  });

  assert.equal(run.variables['machineDetectionResult'], 'HUMAN');
  assert.equal(run.variables['machineAnswered'], 'false');
  assert.equal(run.msOf(run.one('machine.detected')), 800);
  assert.equal(run.variables['key'], '3');
});

test('Machine Detection: after MACHINE the next Say waits for the end of the greeting (section 5.12)', async () => {
  const run = await runScript(amd, { caller: { machine: 'machine', machineGreetingMs: 7000 } });

  const detected = run.msOf(run.one('machine.detected'));
  assert.equal(run.one('machine.greeting.ended').data['by'], 'beep');
  const said = run.one('prompt.said');
  const spoken = said.data['text'] as string;
  // The prompt ends one greeting plus its own length after the detection.
  assert.equal(run.msOf(said) - detected, 7000 + Math.max(400, spoken.length * 60));
});

test('Machine Detection: a greeting longer than 30 s stops the wait at 30 s', async () => {
  const run = await runScript(amd, { caller: { machine: 'machine', machineGreetingMs: 90_000 } });

  assert.equal(run.one('machine.greeting.ended').data['by'], 'timeout');
  assert.equal(run.msOf(run.one('machine.greeting.ended')) - run.msOf(run.one('machine.detected')), 30_000);
});
