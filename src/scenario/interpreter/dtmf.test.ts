/**
 * The DTMF input model (SCENARIO-LANGUAGE.md section 6.3 and Collect, 5.3),
 * row by row on the simulator: values, statuses and the virtual millisecond
 * at which each prompt and input ended.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallerScript } from '../simulator/caller-script.js';
import { runScript, type ScriptRun } from './test-support/run-script.js';

/** A 4 s menu prompt. */
const MENU = 'https://cdn.example.com/menu.wav';
const NEXT_PROMPT = 'https://cdn.example.com/next.wav';
const media = { [MENU]: 4000, [NEXT_PROMPT]: 2000 };

function caller(events: NonNullable<CallerScript['events']>): CallerScript {
  return { mediaDurationsMs: media, events };
}

type Stamped = Readonly<Record<string, unknown>> & { readonly atMs: number };

/** The input.collected event of the action at `path`, with its virtual time. */
function collected(run: ScriptRun, path: string): Stamped {
  const event = run.one('input.collected', path);
  return { ...event.data, atMs: run.msOf(event) };
}

function promptEnd(run: ScriptRun, path: string): Stamped {
  const event = run.one('prompt.played', path);
  return { ...event.data, atMs: run.msOf(event) };
}

test('6.3 row 1: a key 0.5 s into a 4 s prompt stops it at once and a max-1 Collect returns OK at once', async () => {
  const run = await runScript(
    [{ playFromUrl: MENU }, { collectInto: 'menu', options: { maxInputLength: 1, timeout: 5 } }],
    { caller: caller([{ at: 500, press: '1' }]) },
  );

  const prompt = promptEnd(run, 'script[0]');
  assert.equal(prompt['interrupted'], true);
  assert.ok(prompt.atMs >= 500 && prompt.atMs <= 520, `prompt stopped at ${prompt.atMs} ms`);
  assert.equal(prompt['durationMs'], 500);
  assert.deepEqual(collected(run, 'script[1]'), {
    variable: 'menu',
    value: '1',
    meaning: null,
    status: 'OK',
    atMs: 500,
  });
  assert.equal(run.variables['menu'], '1');
  assert.equal(run.variables['collectStatus'], 'OK');
  assert.equal(run.variables['mediaStatus'], 'INTERRUPTED');
});

test('6.3 row 2: no key gives "" TIMEOUT exactly `timeout` after the prompt ends (timers never run during the prompt)', async () => {
  const run = await runScript(
    [{ playFromUrl: MENU }, { collectInto: 'menu', options: { maxInputLength: 1, timeout: 5 } }],
    { caller: caller([]) },
  );

  assert.equal(promptEnd(run, 'script[0]').atMs, 4000);
  assert.equal(run.variables['mediaStatus'], 'PLAYED');
  const input = collected(run, 'script[1]');
  assert.equal(input['value'], '');
  assert.equal(input['status'], 'TIMEOUT');
  assert.equal(input.atMs, 4000 + 5000);
  assert.equal(run.variables['collectStatus'], 'TIMEOUT');
});

test('6.3 row 3: 1 and 2 held when the Collect starts give 12 OK at T0 + timeout (max 4)', async () => {
  const run = await runScript(
    [{ playFromUrl: MENU }, { collectInto: 'pin', options: { maxInputLength: 4, timeout: 5 } }],
    {
      caller: caller([
        { at: 500, press: '1' },
        { at: 500, press: '2' },
      ]),
    },
  );

  const prompt = promptEnd(run, 'script[0]');
  assert.equal(prompt['interrupted'], true);
  assert.equal(prompt.atMs, 500, 'the prompt stops at the 1');
  const t0 = run.msOf(run.ofType('action.started').find((e) => e.path === 'script[1]')!);
  assert.equal(t0, 500);
  const input = collected(run, 'script[1]');
  assert.equal(input['value'], '12');
  assert.equal(input['status'], 'OK');
  assert.equal(input.atMs, t0 + 5000);
});

test('5.3 step 3: a digit pressed during the Collect re-arms the timer from that keypress', async () => {
  // "12" is pressed 300 ms apart: the 1 stops the prompt at 500 ms, the 2 arrives at 800 ms.
  const run = await runScript(
    [{ playFromUrl: MENU }, { collectInto: 'pin', options: { maxInputLength: 4, timeout: 5 } }],
    { caller: caller([{ at: 500, press: '12' }]) },
  );

  const input = collected(run, 'script[1]');
  assert.equal(input['value'], '12');
  assert.equal(input.atMs, 800 + 5000);
});

test('6.3 row 4: 1 2 # during the prompt give 12 OK at once (max 4), the # consumed', async () => {
  const run = await runScript(
    [
      { playFromUrl: MENU },
      { collectInto: 'pin', options: { maxInputLength: 4, timeout: 5 } },
      { collectInto: 'after', options: { timeout: 1 } },
    ],
    {
      caller: caller([
        { at: 500, press: '1' },
        { at: 500, press: '2' },
        { at: 500, press: '#' },
      ]),
    },
  );

  assert.equal(promptEnd(run, 'script[0]').atMs, 500);
  const input = collected(run, 'script[1]');
  assert.equal(input['value'], '12');
  assert.equal(input['status'], 'OK');
  assert.equal(input.atMs, 500);
  // The # was consumed: the next Collect holds nothing and times out.
  assert.equal(collected(run, 'script[2]')['status'], 'TIMEOUT');
});

test('6.3 row 4 (typed): 12# keyed 300 ms apart ends the input at the # keypress', async () => {
  const run = await runScript(
    [{ playFromUrl: MENU }, { collectInto: 'pin', options: { maxInputLength: 4, timeout: 5 } }],
    { caller: caller([{ at: 500, press: '12#' }]) },
  );

  const input = collected(run, 'script[1]');
  assert.equal(input['value'], '12');
  assert.equal(input.atMs, 1100);
});

test('6.3 row 5: maxInputLength 1 takes the 1 and leaves the 2 buffered for the next Collect', async () => {
  const run = await runScript(
    [
      { playFromUrl: MENU, options: { bargeIn: false } },
      { collectInto: 'first', options: { maxInputLength: 1, timeout: 5 } },
      { collectInto: 'second', options: { maxInputLength: 1, timeout: 5 } },
    ],
    { caller: caller([{ at: 500, press: '12' }]) },
  );

  const dtmf = run.ofType('dtmf.received');
  assert.deepEqual(
    dtmf.map((e) => e.data),
    [
      { digit: '1', buffered: true },
      { digit: '2', buffered: true },
    ],
  );
  const first = collected(run, 'script[1]');
  assert.deepEqual([first['value'], first['status'], first.atMs], ['1', 'OK', 4000]);
  const second = collected(run, 'script[2]');
  assert.deepEqual([second['value'], second['status'], second.atMs], ['2', 'OK', 4000]);
});

test('6.3 row 6: # pressed first gives "" EMPTY at the keypress', async () => {
  const run = await runScript(
    [{ playFromUrl: MENU }, { collectInto: 'menu', options: { maxInputLength: 4, timeout: 5 } }],
    { caller: caller([{ at: 1000, press: '#' }]) },
  );

  const input = collected(run, 'script[1]');
  assert.deepEqual([input['value'], input['status'], input.atMs], ['', 'EMPTY', 1000]);
  assert.equal(run.variables['collectStatus'], 'EMPTY');
  assert.equal(run.variables['menu'], '');
});

test('6.3 row 7: 1, then 2 after 4 s, with timeout 5 and interDigitTimeout 3 gives 1 OK 3 s after the 1', async () => {
  const run = await runScript(
    [
      { playFromUrl: MENU },
      { collectInto: 'code', options: { maxInputLength: 4, timeout: 5, interDigitTimeout: 3 } },
      { collectInto: 'later', options: { maxInputLength: 1, timeout: 5 } },
    ],
    // The prompt ends at 4 s (T0); 1 at T0 + 0.5 s, 2 at T0 + 4.5 s.
    {
      caller: caller([
        { at: 4500, press: '1' },
        { at: 8500, press: '2' },
      ]),
    },
  );

  const input = collected(run, 'script[1]');
  assert.deepEqual([input['value'], input['status'], input.atMs], ['1', 'OK', 4500 + 3000]);
  // The late 2 is read by the next input, when it is pressed.
  const later = collected(run, 'script[2]');
  assert.deepEqual([later['value'], later.atMs], ['2', 8500]);
});

test('the first-digit timeout applies until a digit arrives, the inter-digit timeout after it', async () => {
  const run = await runScript(
    [
      { playFromUrl: MENU },
      { collectInto: 'code', options: { maxInputLength: 4, timeout: 10, interDigitTimeout: 2 } },
    ],
    // T0 = 4 s; the 1 comes 9 s later (inside the 10 s first-digit timeout).
    { caller: caller([{ at: 13_000, press: '1' }]) },
  );

  const input = collected(run, 'script[1]');
  assert.deepEqual([input['value'], input.atMs], ['1', 13_000 + 2000]);
});

test('type-ahead: digits pressed during a prompt that is not interruptible are read by the next Collect at once', async () => {
  const run = await runScript(
    [
      { say: 'Welcome to Acme.' },
      { setVariable: 'step', value: 'menu' },
      { collectInto: 'menu', options: { maxInputLength: 2, timeout: 5 } },
    ],
    { caller: { events: [{ at: 100, press: '42' }] } },
  );

  const said = run.one('prompt.said');
  assert.equal(said.data['interrupted'], false, 'a Say not followed by an input plays to the end');
  const saidAt = run.msOf(said);
  const input = collected(run, 'script[2]');
  assert.deepEqual([input['value'], input['status'], input.atMs], ['42', 'OK', saidAt]);
});

test('barge-in off: the prompt plays to its end while digits buffer, then the Collect reads them at T0', async () => {
  const run = await runScript(
    [
      { playFromUrl: MENU, options: { bargeIn: false } },
      { collectInto: 'menu', options: { maxInputLength: 1, timeout: 5 } },
    ],
    { caller: caller([{ at: 500, press: '3' }]) },
  );

  const prompt = promptEnd(run, 'script[0]');
  assert.equal(prompt['interrupted'], false);
  assert.equal(prompt['durationMs'], 4000);
  assert.equal(prompt.atMs, 4000);
  assert.equal(run.variables['mediaStatus'], 'PLAYED');
  const input = collected(run, 'script[1]');
  assert.deepEqual([input['value'], input['status'], input.atMs], ['3', 'OK', 4000]);
});

test('barge-in on: a prompt not leading to an input becomes interruptible with options.bargeIn true', async () => {
  const run = await runScript([{ playFromUrl: MENU, options: { bargeIn: true } }, 'hangup'], {
    caller: caller([{ at: 700, press: '9' }]),
  });

  const prompt = promptEnd(run, 'script[0]');
  assert.equal(prompt['interrupted'], true);
  assert.equal(prompt.atMs, 700);
});

test('an interruptible prompt is SKIPPED when a digit is already buffered, and the digit stays for the Collect', async () => {
  const run = await runScript(
    [
      { playFromUrl: MENU, options: { bargeIn: false } },
      { playFromUrl: NEXT_PROMPT },
      { collectInto: 'menu', options: { maxInputLength: 1, timeout: 5 } },
    ],
    { caller: caller([{ at: 1000, press: '7' }]) },
  );

  const skipped = run.one('action.skipped', 'script[1]');
  assert.deepEqual(skipped.data, { reason: 'bargeIn' });
  assert.equal(run.msOf(skipped), 4000);
  assert.equal(run.ofType('prompt.played').length, 1, 'the skipped prompt never played');
  assert.equal(run.variables['mediaStatus'], 'SKIPPED');
  const input = collected(run, 'script[2]');
  assert.deepEqual([input['value'], input.atMs], ['7', 4000]);
});

test('a chain of prompts before a Collect: a key in the first stops it and skips the rest', async () => {
  const run = await runScript(
    [
      { playFromUrl: 'media:11' },
      { playFromUrl: 'media:12' },
      { playFromUrl: 'media:13' },
      { collectInto: 'reply', options: { maxInputLength: 1, timeout: 5 } },
    ],
    { caller: { events: [{ at: 1200, press: '5' }] } },
  );

  assert.equal(run.one('prompt.played', 'script[0]').data['interrupted'], true);
  assert.equal(run.ofType('action.skipped').length, 2);
  const input = collected(run, 'script[3]');
  assert.deepEqual([input['value'], input.atMs], ['5', 1200]);
});

test('a digit pressed while a Collect waits is read directly, not buffered', async () => {
  const run = await runScript(
    [{ say: 'Enter your code' }, { collectInto: 'code', options: { maxInputLength: 1, timeout: 5 } }],
    { caller: { events: [{ at: 3000, press: '8' }] } },
  );

  assert.deepEqual(run.one('dtmf.received').data, { digit: '8', buffered: false });
  assert.equal(run.variables['code'], '8');
});

test('the type-ahead buffer holds 64 digits and drops the oldest on overflow', async () => {
  const digits = '0123456789'.repeat(7); // 70 keys, 300 ms apart: 21 s
  const run = await runScript(
    [
      { playFromUrl: MENU, options: { bargeIn: false } },
      { collectInto: 'all', options: { maxInputLength: 0, timeout: 1 } },
    ],
    {
      caller: {
        mediaDurationsMs: { [MENU]: 30_000 },
        events: [
          { at: 0, press: digits.slice(0, 35) },
          { at: 10_500, press: digits.slice(35) },
        ],
      },
    },
  );

  assert.equal(run.variables['all'], digits.slice(-64));
  assert.equal(run.variables['all']?.length, 64);
});

test('input characters are 0-9 * A-D; # only terminates', async () => {
  const run = await runScript(
    [{ say: 'Enter' }, { collectInto: 'keys', options: { maxInputLength: 10, timeout: 2 } }],
    { caller: { keys: ['*A9D#'] } },
  );

  assert.equal(run.variables['keys'], '*A9D');
  assert.equal(run.variables['collectStatus'], 'OK');
});
