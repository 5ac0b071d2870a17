/**
 * The real-time commands (CALLR-METHODS.md 4.2) carried out on the call's CallPort, each ending as
 * the `command_result` / `command_error` pair the next RT.Request reports. What the port cannot do
 * yet (it answers Record FAILED and Dial CHANUNAVAIL over SIP, and has no way to send DTMF) is
 * reported, never faked. `hangup` is the runner's: it ends the exchange.
 */
import type { CallPort, PromptEnd } from '../../scenario/call-port.js';
import type { DigitBuffer } from '../../scenario/interpreter/digit-buffer.js';
import type { ScenarioClock } from '../../scenario/interpreter/scenario-clock.js';
import type { Timeline } from '../../scenario/interpreter/timeline.js';
import {
  checkCommandParams,
  isSupportedCommand,
  RtCommandError,
  type CommandParams,
  type SupportedCommand,
} from './rt-messages.js';

export interface CommandContext {
  readonly port: CallPort;
  readonly clock: ScenarioClock;
  /** Keys pressed and not read yet: a key pressed during a play is read by the next read. */
  readonly digits: DigitBuffer;
  /** Aborted when the call ends. */
  readonly signal: AbortSignal;
  readonly timeline: Timeline;
  /** Answers the call if it rings still; a no-op afterwards. */
  answer(): Promise<void>;
  /** Recordings this call's `record` commands made: what `play_record` may play. */
  readonly recordings: Set<string>;
}

export interface CommandOutcome {
  readonly result: string;
  readonly error: '' | RtCommandError;
}

const DONE: CommandOutcome = Object.freeze({ result: '', error: '' });
const failed = (error: RtCommandError): CommandOutcome => ({ result: '', error });

/** Record with `max_duration` 0 ("none") still ends: after an hour. */
const UNBOUNDED_RECORD_S = 3600;

/** A seed voice id names its language: `TTS_EN-GB_SERENA` speaks `en-gb`. */
function languageOfVoice(voice: string): string {
  const match = /^TTS_([A-Z]{2}-[A-Z]{2})_/i.exec(voice);
  return match?.[1]?.toLowerCase() ?? 'en';
}

export type MediaEnd = PromptEnd | 'not-found';

/**
 * Plays an `rt_media`: `TTS|<voice>|<text>` is spoken, an http(s) URL fetched and played. A library
 * media id names nothing yet (the media library comes with the platform issue): not found.
 */
export async function playMedia(
  ctx: CommandContext,
  media: number | string,
  signal: AbortSignal,
): Promise<MediaEnd> {
  let end: PromptEnd;
  if (typeof media === 'string' && media.startsWith('TTS|')) {
    const [, voice = '', ...words] = media.split('|');
    const text = words.join('|');
    if (text === '') return 'not-found';
    end = await ctx.port.say(
      {
        text,
        ssml: false,
        language: languageOfVoice(voice),
        voiceName: voice === '' ? null : voice,
        voiceGender: null,
        speechRate: 1,
      },
      signal,
    );
  } else if (typeof media === 'string' && /^https?:\/\//i.test(media)) {
    end = await ctx.port.play({ url: media }, signal);
  } else {
    return 'not-found';
  }
  return end === 'failed' ? 'not-found' : end;
}

/** A prompt a keypress interrupts: the key stays buffered for the read. */
async function interruptiblePrompt(ctx: CommandContext, media: number | string): Promise<MediaEnd> {
  const byKey = new AbortController();
  ctx.digits.abortOnKey(byKey);
  try {
    return await playMedia(ctx, media, AbortSignal.any([ctx.signal, byKey.signal]));
  } finally {
    ctx.digits.abortOnKey(null);
  }
}

/**
 * `read`: per attempt, the prompt (unless keys are already waiting), then keys until `max_digits`,
 * `#` or `timeout_ms` without a key; an attempt with no key plays the prompt again.
 */
async function read(ctx: CommandContext, params: CommandParams<'read'>): Promise<CommandOutcome> {
  const prompt = params.media_id ?? 0;
  const hasPrompt = prompt !== 0 && prompt !== '';
  for (let attempt = 1; attempt <= params.attempts; attempt += 1) {
    if (hasPrompt && ctx.digits.size === 0) {
      const end = await interruptiblePrompt(ctx, prompt);
      if (end === 'not-found') return failed(RtCommandError.mediaNotFound);
    }
    let digits = '';
    while (digits.length < params.max_digits) {
      const wait = await ctx.digits.next(params.timeout_ms, ctx.clock, ctx.signal);
      if (wait.kind === 'aborted') return { result: digits, error: '' };
      if (wait.kind === 'timeout' || wait.digit === '#') break;
      digits += wait.digit;
    }
    if (digits !== '') return { result: digits, error: '' };
  }
  return DONE;
}

async function run<C extends SupportedCommand>(
  ctx: CommandContext,
  command: C,
  params: CommandParams<C>,
): Promise<CommandOutcome> {
  // Narrowed by hand: TypeScript does not narrow a generic by a switch on it.
  const p = params as CommandParams<SupportedCommand>;
  switch (command) {
    case 'play': {
      await ctx.answer();
      const end = await playMedia(ctx, (p as CommandParams<'play'>).media_id, ctx.signal);
      return end === 'not-found' ? failed(RtCommandError.mediaNotFound) : DONE;
    }
    case 'read':
      await ctx.answer();
      return read(ctx, p as CommandParams<'read'>);
    case 'wait':
      await ctx.answer();
      await ctx.port.silence((p as CommandParams<'wait'>).seconds * 1000, ctx.signal);
      return DONE;
    case 'record': {
      await ctx.answer();
      const { max_duration: maxS, silence } = p as CommandParams<'record'>;
      const recorded = await ctx.port.record(
        {
          maxDurationS: maxS === 0 ? UNBOUNDED_RECORD_S : maxS,
          escapeDigits: '#',
          beep: true,
          maxSilenceS: silence === 0 ? null : silence,
        },
        ctx.signal,
      );
      if (recorded.status === 'FAILED' || recorded.recordingId === '')
        return failed(RtCommandError.unavailable);
      ctx.recordings.add(recorded.recordingId);
      return { result: recorded.recordingId, error: '' };
    }
    case 'play_record': {
      await ctx.answer();
      const file = (p as CommandParams<'play_record'>).media_file;
      if (!ctx.recordings.has(file)) return failed(RtCommandError.mediaNotFound);
      const end = await ctx.port.play({ url: `recording:${file}` }, ctx.signal);
      return end === 'failed' ? failed(RtCommandError.mediaNotFound) : DONE;
    }
    case 'send_dtmf': {
      const keys = p as CommandParams<'send_dtmf'>;
      if (ctx.port.sendDigits === undefined) return failed(RtCommandError.unavailable);
      await ctx.answer();
      const sent = await ctx.port.sendDigits(
        keys.digits,
        { durationMs: keys.duration_ms, gapMs: keys.timeout_ms },
        ctx.signal,
      );
      // The caller's side agreed no RFC 4733 events: keys cannot reach it. A hang-up meanwhile ends
      // the command as it ends a play: the HANGUP request tells the rest.
      return sent === 'unavailable' ? failed(RtCommandError.unavailable) : DONE;
    }
    case 'dialout': {
      const dial = p as CommandParams<'dialout'>;
      // Not answered first: the port forwards the callee's early media and answers when the callee does.
      const outcome = await ctx.port.dial(
        {
          targets: dial.targets.map((target) => ({ number: target.number, ringTimeoutS: target.timeout })),
          parallel: false,
          senderId: dial.cli === 'BLOCKED' ? null : dial.cli,
          maxCallDurationS: null,
          record: false,
          onAnswer: null,
        },
        ctx.signal,
      );
      return { result: outcome.status, error: '' };
    }
    case 'hangup':
      return DONE;
  }
  return failed(RtCommandError.unavailable);
}

/** Carries out `command` with `params`; params it cannot take are INVALID_PARAMS, unknown ones UNAVAILABLE. */
export async function runCommand(
  ctx: CommandContext,
  command: string,
  params: unknown,
): Promise<CommandOutcome> {
  if (!isSupportedCommand(command)) return failed(RtCommandError.unavailable);
  const checked = checkCommandParams(command, params);
  if (!checked.ok) {
    ctx.timeline.add('realtime.invalid_params', { command, reason: checked.reason });
    return failed(RtCommandError.invalidParams);
  }
  return run(ctx, command, checked.params);
}
