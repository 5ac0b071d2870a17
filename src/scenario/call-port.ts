/**
 * The port the scenario engine drives (DESIGN.md): one call leg, as the
 * engine needs to see it. `telephony/call.ts` implements it over SIP and RTP;
 * the simulator over a scripted caller. It imports nothing, so neither side
 * depends on the other.
 *
 * Every method that waits takes an AbortSignal: the engine aborts a prompt
 * when a digit barges in, and everything when the caller hangs up.
 */

export interface CallInfo {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  /** E.164 calling number, `""` when withheld. */
  readonly from: string;
  /** E.164 called number. */
  readonly to: string;
  readonly callerName: string;
}

/** How a prompt ended. `aborted` covers barge-in and hang-up: the engine knows which. */
export type PromptEnd = 'completed' | 'aborted' | 'failed';

export interface SayRequest {
  readonly text: string;
  readonly ssml: boolean;
  readonly language: string;
  readonly voiceName: string | null;
  readonly voiceGender: 'male' | 'female' | null;
  readonly speechRate: number;
}

export interface PlayRequest {
  /** An http(s) URL or `media:<id>`. */
  readonly url: string;
}

export type DialStatus = 'ANSWER' | 'BUSY' | 'NOANSWER' | 'CANCEL' | 'CONGESTION' | 'CHANUNAVAIL' | 'NODIAL';

/**
 * Runs a Dial's onAnswer block on the callee's leg once the callee answers, before the bridge
 * (section 5.4 step 4); resolves `bridge` to go on, or `release` to let the callee go (NOANSWER).
 */
export type OnAnswerHook = (callee: CallPort, signal: AbortSignal) => Promise<'bridge' | 'release'>;

/**
 * Dials and bridges. When the caller's leg is not answered yet, the port forwards transparently:
 * the caller hears the callee's early media and is answered only when the callee answers.
 */
export interface DialRequest {
  /** Numbers to ring: in order (sequential) or all at once (parallel). */
  readonly targets: readonly { readonly number: string; readonly ringTimeoutS: number }[];
  readonly parallel: boolean;
  readonly senderId: string | null;
  readonly maxCallDurationS: number | null;
  readonly record: boolean;
  readonly onAnswer: OnAnswerHook | null;
}

export interface DialResult {
  readonly status: DialStatus;
  readonly answeredNumber: string;
  /** Seconds bridged. */
  readonly durationS: number;
  /** Who ended the bridge, when there was one. */
  readonly hangupBy: 'caller' | 'callee' | 'system' | null;
  /** The bridge's recording, when `record` was asked and the callee answered. */
  readonly recording?: { readonly recordingId: string; readonly durationS: number } | null;
}

export type MachineDetectionResult = 'HUMAN' | 'MACHINE' | 'NOTSURE' | 'UNAVAILABLE';

export interface RecordRequest {
  readonly maxDurationS: number;
  readonly escapeDigits: string;
  readonly beep: boolean;
  readonly maxSilenceS: number | null;
}

export interface RecordResult {
  readonly status: 'MAX_DURATION' | 'SILENCE' | 'ESCAPED' | 'HANGUP' | 'EMPTY' | 'FAILED';
  readonly recordingId: string;
  readonly durationS: number;
  /** The escape digit that ended it, consumed. */
  readonly escapeDigit: string | null;
}

export interface CaptureRequest {
  readonly language: string;
  readonly timeoutMs: number;
  readonly maxSilenceMs: number;
}

export interface CaptureResult {
  /** What the recogniser heard; `null` when nothing was said before the timeout. */
  readonly transcript: string | null;
  readonly status: 'OK' | 'TIMEOUT' | 'UNAVAILABLE';
}

/** Receives what the far end does while the engine runs. */
export interface CallPortDelegate {
  /** One keypress (RFC 4733 or in-band), `0-9 * # A-D`. */
  onDigit(digit: string): void;
  /** The caller hung up. */
  onHangup(): void;
  /**
   * The platform hung the call up from outside the scenario (an API request, a node draining): the
   * script stops as for a hang-up, and the call's end is recorded as the system's, not the caller's.
   */
  onReleased?(): void;
}

export interface CallPort {
  readonly info: CallInfo;
  /** Registers the engine's delegate; digits and hang-up are delivered from then on. */
  attach(delegate: CallPortDelegate): void;
  answer(signal: AbortSignal): Promise<void>;
  say(request: SayRequest, signal: AbortSignal): Promise<PromptEnd>;
  play(request: PlayRequest, signal: AbortSignal): Promise<PromptEnd>;
  /** Plays silence (Pause). */
  silence(durationMs: number, signal: AbortSignal): Promise<PromptEnd>;
  /** Recognises speech; a digit pressed meanwhile is delivered through onDigit and the engine aborts. */
  capture(request: CaptureRequest, signal: AbortSignal): Promise<CaptureResult>;
  record(request: RecordRequest, signal: AbortSignal): Promise<RecordResult>;
  dial(request: DialRequest, signal: AbortSignal): Promise<DialResult>;
  detectMachine(analysisMs: number, signal: AbortSignal): Promise<MachineDetectionResult>;
  /**
   * After a MACHINE result: waits for the end of the answering machine's greeting — a beep, or
   * `silenceMs` of silence — for at most `maxMs` (section 5.12).
   */
  awaitGreetingEnd(
    options: { silenceMs: number; maxMs: number },
    signal: AbortSignal,
  ): Promise<'beep' | 'silence' | 'timeout'>;
  /**
   * Sends keys to the far end (RFC 4733 on a SIP leg), `durationMs` each with `gapMs` between
   * them: `sent`, `unavailable` (the far end takes no key events), or `aborted`. Absent on a port
   * that cannot send keys.
   */
  sendDigits?(
    keys: string,
    timing: { readonly durationMs: number; readonly gapMs: number },
    signal: AbortSignal,
  ): Promise<'sent' | 'unavailable' | 'aborted'>;
  /** Ends the call from our side (BYE, or 603 before answer). */
  hangup(): Promise<void>;
}
