import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PromptEnd } from '../scenario/call-port.js';
import { Call } from './call.js';
import type { LegEnd, LegMedia, LegSignaling, PromptLookup, LegPrompts, ReadyPrompt } from './call-leg.js';

const INFO = {
  callId: 'c1',
  direction: 'inbound',
  from: '+33612345678',
  to: '+33170000000',
  callerName: 'Ann',
} as const;

/** A leg's SIP side that records what the call asked of it. */
class RecordingSignaling implements LegSignaling {
  readonly asked: string[] = [];
  answerResult: 'answered' | 'ended' = 'answered';
  #listener: ((end: LegEnd) => void) | null = null;
  ring(): void {
    this.asked.push('ring');
  }
  async answer(): Promise<'answered' | 'ended'> {
    this.asked.push('answer');
    return this.answerResult;
  }
  async hangup(): Promise<void> {
    this.asked.push('hangup');
  }
  onEnded(listener: (end: LegEnd) => void): void {
    this.#listener = listener;
  }
  farEndLeaves(end: LegEnd): void {
    this.#listener?.(end);
  }
}

/** Media that "plays" by counting frames, and lets a test press keys. */
class CountingMedia implements LegMedia {
  framesPlayed = 0;
  closed = false;
  #digit: ((digit: string) => void) | null = null;
  async play(prompt: ReadyPrompt, signal: AbortSignal): Promise<PromptEnd> {
    if (signal.aborted) return 'aborted';
    this.framesPlayed += prompt.frameCount;
    return 'completed';
  }
  async silence(_durationMs: number, signal: AbortSignal): Promise<PromptEnd> {
    return signal.aborted ? 'aborted' : 'completed';
  }
  onDigit(listener: (digit: string) => void): void {
    this.#digit = listener;
  }
  close(): void {
    this.closed = true;
  }
  press(digit: string): void {
    this.#digit?.(digit);
  }
}

const PROMPT: ReadyPrompt = { bytes: Buffer.alloc(320), frameCount: 2 };

const prompts = (speak: PromptLookup, fetched: PromptLookup = speak): LegPrompts => ({
  speak: async () => speak,
  fetch: async () => fetched,
});

function makeCall(source: LegPrompts = prompts({ ok: true, prompt: PROMPT })) {
  const signaling = new RecordingSignaling();
  const media = new CountingMedia();
  const ended: { end: LegEnd; answeredAt: number | null }[] = [];
  const failures: string[] = [];
  let now = 1000;
  const call = new Call({
    info: INFO,
    signaling,
    media,
    prompts: source,
    now: () => now++,
    delegate: {
      onEnded: (end, answeredAt) => ended.push({ end, answeredAt }),
      onPromptFailed: (reason) => failures.push(reason),
    },
  });
  const heard = { digits: [] as string[], hangups: 0 };
  call.attach({ onDigit: (d) => heard.digits.push(d), onHangup: () => (heard.hangups += 1) });
  return { call, signaling, media, ended, failures, heard };
}

const SAY = { text: 'hi', ssml: false, language: 'en-GB', voiceName: null, voiceGender: null, speechRate: 1 };

test('answering sends the 200 through the signaling and records the moment', async () => {
  const { call, signaling } = makeCall();
  await call.answer(new AbortController().signal);
  assert.equal(call.state, 'Answered');
  assert.deepEqual(signaling.asked, ['answer']);
  assert.equal(call.answeredAt, 1000);
});

test('a call whose INVITE ended while answering stays unanswered', async () => {
  const { call, signaling } = makeCall();
  signaling.answerResult = 'ended';
  await call.answer(new AbortController().signal);
  assert.equal(call.state, 'Ringing');
  assert.equal(call.answeredAt, null);
});

test('Say plays the frames the prompt source made', async () => {
  const { call, media } = makeCall();
  await call.answer(new AbortController().signal);
  assert.equal(await call.say(SAY, new AbortController().signal), 'completed');
  assert.equal(media.framesPlayed, 2);
});

test('a prompt that cannot be had ends failed and its reason is reported', async () => {
  const { call, media, failures } = makeCall(prompts({ ok: false, reason: 'espeak-ng exited 1' }));
  await call.answer(new AbortController().signal);
  assert.equal(await call.play({ url: 'media:1' }, new AbortController().signal), 'failed');
  assert.deepEqual(failures, ['espeak-ng exited 1']);
  assert.equal(media.framesPlayed, 0);
});

test('keys pressed before the answer are not passed to the engine', async () => {
  const { call, media, heard } = makeCall();
  media.press('1');
  await call.answer(new AbortController().signal);
  media.press('2');
  assert.deepEqual(heard.digits, ['2']);
});

test('the far end hanging up stops media, tells the engine once and reports who left', async () => {
  const { call, signaling, media, heard, ended } = makeCall();
  await call.answer(new AbortController().signal);
  const bye: LegEnd = { cause: 16, source: 'CALLER', reason: 'BYE' };
  signaling.farEndLeaves(bye);
  signaling.farEndLeaves(bye);
  assert.equal(call.state, 'Ended');
  assert.equal(media.closed, true);
  assert.equal(heard.hangups, 1);
  assert.deepEqual(ended, [{ end: bye, answeredAt: 1000 }]);
  assert.equal(await call.say(SAY, new AbortController().signal), 'aborted');
});

test('our hang-up sends BYE once and is recorded as the platform clearing normally', async () => {
  const { call, signaling, heard, ended } = makeCall();
  await call.answer(new AbortController().signal);
  await call.hangup();
  await call.hangup();
  assert.deepEqual(signaling.asked, ['answer', 'hangup']);
  assert.equal(heard.hangups, 0);
  assert.deepEqual(ended[0]?.end, { cause: 16, source: 'GATEWAY', reason: 'BYE' });
});

test('a release by the platform sends BYE once and stops the engine, recorded as the platform clearing', async () => {
  const { call, signaling, heard, ended } = makeCall();
  await call.answer(new AbortController().signal);
  await call.release();
  await call.release();
  await call.hangup();
  assert.deepEqual(signaling.asked, ['answer', 'hangup']);
  assert.equal(heard.hangups, 1);
  assert.deepEqual(ended, [{ end: { cause: 16, source: 'GATEWAY', reason: 'BYE' }, answeredAt: 1000 }]);
});

test('a leg that ended before the engine attached tells the engine as it attaches', () => {
  const signaling = new RecordingSignaling();
  const call = new Call({
    info: INFO,
    signaling,
    media: new CountingMedia(),
    prompts: prompts({ ok: true, prompt: PROMPT }),
  });
  signaling.farEndLeaves({ cause: 16, source: 'CALLER', reason: 'CANCEL' });
  let hangups = 0;

  call.attach({ onDigit: () => undefined, onHangup: () => (hangups += 1) });

  assert.equal(hangups, 1);
  assert.equal(call.state, 'Ended');
});

test('features the SIP leg does not have yet answer as unavailable, never as success', async () => {
  const { call } = makeCall();
  const signal = new AbortController().signal;
  assert.equal(
    (
      await call.dial(
        {
          targets: [],
          parallel: false,
          senderId: null,
          maxCallDurationS: null,
          record: false,
          onAnswer: null,
        },
        signal,
      )
    ).status,
    'CHANUNAVAIL',
  );
  assert.equal(
    (await call.record({ maxDurationS: 5, escapeDigits: '', beep: false, maxSilenceS: null }, signal)).status,
    'FAILED',
  );
  assert.equal(
    (await call.capture({ language: 'en', timeoutMs: 1, maxSilenceMs: 1 }, signal)).status,
    'UNAVAILABLE',
  );
  assert.equal(await call.detectMachine(100, signal), 'UNAVAILABLE');
});
