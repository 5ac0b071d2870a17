/**
 * A Call: one inbound leg, its dialog and its media, as the scenario engine
 * drives it through the CallPort (DESIGN.md). Prompts come from the prompt
 * source as ready frames and go out on the media clock; digits and the far
 * end's hang-up come back through the delegate.
 *
 * What a leg cannot do yet over SIP (Dial, Record, speech capture, machine
 * detection) answers as the scenario language says an unavailable feature
 * does (docs/telephony.md), never as a success.
 */
import type {
  CallInfo,
  CallPort,
  CallPortDelegate,
  CaptureRequest,
  CaptureResult,
  DialRequest,
  DialResult,
  MachineDetectionResult,
  PlayRequest,
  PromptEnd,
  RecordRequest,
  RecordResult,
  SayRequest,
} from '../scenario/call-port.js';
import type { LegEnd, LegMedia, LegSignaling, PromptLookup, LegPrompts } from './call-leg.js';

export const CallState = { Ringing: 'Ringing', Answered: 'Answered', Ended: 'Ended' } as const;
export type CallState = (typeof CallState)[keyof typeof CallState];

export interface CallDelegate {
  /** The 200 went out: the call is answered from now (epoch ms). */
  onAnswered?(at: number): void;
  /** The call ended, whoever ended it; `answeredAt` is null when it never was. */
  onEnded?(end: LegEnd, answeredAt: number | null): void;
  /** A prompt could not be had (TTS failed, media not found): the reason, for the log. */
  onPromptFailed?(reason: string): void;
}

export interface CallOptions {
  readonly info: CallInfo;
  readonly signaling: LegSignaling;
  readonly media: LegMedia;
  readonly prompts: LegPrompts;
  readonly now?: () => number;
  readonly delegate?: CallDelegate;
}

/** Our own hang-up, for the CDR: normal clearing by the platform. */
const HANGUP_BY_US: LegEnd = { cause: 16, source: 'GATEWAY', reason: 'BYE' };

export class Call implements CallPort {
  readonly info: CallInfo;
  readonly #signaling: LegSignaling;
  readonly #media: LegMedia;
  readonly #prompts: LegPrompts;
  readonly #now: () => number;
  readonly #delegate: CallDelegate;
  #state: CallState = CallState.Ringing;
  #engine: CallPortDelegate | null = null;
  #answeredAt: number | null = null;
  #end: LegEnd | null = null;

  constructor(options: CallOptions) {
    this.info = options.info;
    this.#signaling = options.signaling;
    this.#media = options.media;
    this.#prompts = options.prompts;
    this.#now = options.now ?? Date.now;
    this.#delegate = options.delegate ?? {};
    this.#signaling.onEnded((end) => this.#ended(end));
    this.#media.onDigit((digit) => {
      if (this.#state === 'Answered') this.#engine?.onDigit(digit);
    });
  }

  get state(): CallState {
    return this.#state;
  }

  get answeredAt(): number | null {
    return this.#answeredAt;
  }

  /** How the call ended, once it has. */
  get end(): LegEnd | null {
    return this.#end;
  }

  attach(delegate: CallPortDelegate): void {
    this.#engine = delegate;
    // A leg that ended before the engine came (a CANCEL while the call was routed) is still news to it.
    if (this.#state === 'Ended') delegate.onHangup();
  }

  async answer(signal: AbortSignal): Promise<void> {
    if (this.#state !== 'Ringing' || signal.aborted) return;
    const result = await this.#signaling.answer();
    if (result === 'answered' && this.#state === 'Ringing') {
      this.#state = CallState.Answered;
      this.#answeredAt = this.#now();
      this.#delegate.onAnswered?.(this.#answeredAt);
    }
  }

  async say(request: SayRequest, signal: AbortSignal): Promise<PromptEnd> {
    return this.#playLookup(await this.#prompts.speak(request, signal), signal);
  }

  async play(request: PlayRequest, signal: AbortSignal): Promise<PromptEnd> {
    return this.#playLookup(await this.#prompts.fetch(request.url, signal), signal);
  }

  silence(durationMs: number, signal: AbortSignal): Promise<PromptEnd> {
    if (this.#state === 'Ended') return Promise.resolve('aborted');
    return this.#media.silence(durationMs, signal);
  }

  /** Keys as RFC 4733 events on the leg's RTP stream; `unavailable` when the peer agreed none. */
  async sendDigits(
    keys: string,
    timing: { readonly durationMs: number; readonly gapMs: number },
    signal: AbortSignal,
  ): Promise<'sent' | 'unavailable' | 'aborted'> {
    const over = (): boolean => this.#state === CallState.Ended || signal.aborted;
    if (over()) return 'aborted';
    if (this.#media.sendDigits === undefined) return 'unavailable';
    // The events go out on the media clock; a hang-up meanwhile closes the leg, which settles them.
    const sent = await this.#media.sendDigits(keys, timing.durationMs, timing.gapMs);
    if (over()) return 'aborted';
    return sent ? 'sent' : 'unavailable';
  }

  /** Speech recognition is not part of the SIP leg yet: the recogniser is unavailable. */
  async capture(_request: CaptureRequest, _signal: AbortSignal): Promise<CaptureResult> {
    return { transcript: null, status: 'UNAVAILABLE' };
  }

  /** Recording over SIP comes with the recordings issue; until then Record fails visibly. */
  async record(_request: RecordRequest, _signal: AbortSignal): Promise<RecordResult> {
    return { status: 'FAILED', recordingId: '', durationS: 0, escapeDigit: null };
  }

  /** Outbound legs come with the dialer: no channel to dial on yet. */
  async dial(_request: DialRequest, _signal: AbortSignal): Promise<DialResult> {
    return { status: 'CHANUNAVAIL', answeredNumber: '', durationS: 0, hangupBy: null };
  }

  async detectMachine(_analysisMs: number, _signal: AbortSignal): Promise<MachineDetectionResult> {
    return 'UNAVAILABLE';
  }

  async awaitGreetingEnd(
    _options: { silenceMs: number; maxMs: number },
    _signal: AbortSignal,
  ): Promise<'beep' | 'silence' | 'timeout'> {
    return 'timeout';
  }

  async hangup(): Promise<void> {
    if (this.#state === 'Ended') return;
    this.#finish(HANGUP_BY_US);
    await this.#signaling.hangup();
  }

  /**
   * Hangs up on the platform's behalf, from outside the scenario (the API's DELETE, a drain): the
   * same BYE as {@link hangup}, and the engine hears the call is over, so its script stops where it
   * is instead of running its remaining actions against a dead leg, and records the end as the
   * system's (onReleased), as the call record says GATEWAY.
   */
  async release(): Promise<void> {
    if (this.#state === 'Ended') return;
    this.#finish(HANGUP_BY_US);
    const engine = this.#engine;
    if (engine?.onReleased !== undefined) engine.onReleased();
    else engine?.onHangup();
    await this.#signaling.hangup();
  }

  #playLookup(lookup: PromptLookup, signal: AbortSignal): Promise<PromptEnd> {
    if (this.#state === 'Ended' || signal.aborted) return Promise.resolve('aborted');
    if (!lookup.ok) {
      this.#delegate.onPromptFailed?.(lookup.reason);
      return Promise.resolve('failed');
    }
    return this.#media.play(lookup.prompt, signal);
  }

  /** The far end left: media stops, the engine hears of it. */
  #ended(end: LegEnd): void {
    if (this.#state === 'Ended') return;
    this.#finish(end);
    this.#engine?.onHangup();
  }

  #finish(end: LegEnd): void {
    this.#state = CallState.Ended;
    this.#end = end;
    this.#media.close();
    this.#delegate.onEnded?.(end, this.#answeredAt);
  }
}
