/**
 * A CallPort played by a scripted caller on a virtual clock: prompts take the
 * time they would take, keys and hang-up arrive when the script says, dials
 * and machine detection answer as scripted.
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
} from '../call-port.js';
import type { CallerScript, DialOutcome } from './caller-script.js';
import type { VirtualClock } from './virtual-clock.js';

/** Spoken text takes about 60 ms a character at rate 1, never under 400 ms. */
export function speechDurationMs(text: string, rate: number): number {
  return Math.max(400, Math.round((text.length * 60) / rate));
}

export const DEFAULT_MEDIA_MS = 3000;
const KEY_SPACING_MS = 300;

export class SimulatedCall implements CallPort {
  readonly info: CallInfo;
  readonly #clock: VirtualClock;
  readonly #script: CallerScript;
  #delegate: CallPortDelegate | null = null;
  #hungUp = false;
  #keyIndex = 0;
  #speechIndex = 0;
  #dialIndex = 0;
  #recordings = 0;

  constructor(info: CallInfo, clock: VirtualClock, script: CallerScript) {
    this.info = info;
    this.#clock = clock;
    this.#script = script;
  }

  attach(delegate: CallPortDelegate): void {
    this.#delegate = delegate;
    for (const event of this.#script.events ?? []) {
      this.#clock.schedule(event.at, () => {
        if (event.press !== undefined) this.press(event.press);
        if (event.hangup === true) this.hangUpByCaller();
      });
    }
  }

  /** Presses keys one after another, as a caller's finger would. */
  press(keys: string): void {
    [...keys].forEach((key, index) =>
      this.#clock.schedule(index * KEY_SPACING_MS, () => {
        if (!this.#hungUp) this.#delegate?.onDigit(key);
      }),
    );
  }

  /** An input started waiting: the next `keys` entry is pressed after keyDelayMs. */
  inputStarted(): void {
    const keys = this.#script.keys?.[this.#keyIndex];
    if (keys === undefined) return;
    this.#keyIndex += 1;
    this.#clock.schedule(this.#script.keyDelayMs ?? 500, () => this.press(keys));
  }

  hangUpByCaller(): void {
    if (this.#hungUp) return;
    this.#hungUp = true;
    this.#delegate?.onHangup();
  }

  get hungUp(): boolean {
    return this.#hungUp;
  }

  async answer(): Promise<void> {}

  async #hold(durationMs: number, signal: AbortSignal): Promise<PromptEnd> {
    return (await this.#clock.sleep(durationMs, signal)) === 'elapsed' ? 'completed' : 'aborted';
  }

  say(request: SayRequest, signal: AbortSignal): Promise<PromptEnd> {
    return this.#hold(speechDurationMs(request.text, request.speechRate), signal);
  }

  play(request: PlayRequest, signal: AbortSignal): Promise<PromptEnd> {
    return this.#hold(this.#script.mediaDurationsMs?.[request.url] ?? DEFAULT_MEDIA_MS, signal);
  }

  silence(durationMs: number, signal: AbortSignal): Promise<PromptEnd> {
    return this.#hold(durationMs, signal);
  }

  async capture(request: CaptureRequest, signal: AbortSignal): Promise<CaptureResult> {
    const words = this.#script.speech?.[this.#speechIndex];
    if (words === undefined) {
      await this.#clock.sleep(request.timeoutMs, signal);
      return { transcript: null, status: 'TIMEOUT' };
    }
    this.#speechIndex += 1;
    // The utterance, then the silence that ends it.
    const spoken = Math.min(request.timeoutMs, speechDurationMs(words, 1) + request.maxSilenceMs);
    const end = await this.#clock.sleep(spoken, signal);
    return end === 'elapsed' ? { transcript: words, status: 'OK' } : { transcript: null, status: 'TIMEOUT' };
  }

  async record(request: RecordRequest, signal: AbortSignal): Promise<RecordResult> {
    this.#recordings += 1;
    const recordingId = `sim-rec-${this.#recordings}`;
    const speaks = this.#script.recordingDurationS ?? 5;
    const silenceEnds = request.maxSilenceS !== null && speaks + request.maxSilenceS < request.maxDurationS;
    const lengthS = silenceEnds ? speaks + (request.maxSilenceS ?? 0) : request.maxDurationS;
    const started = this.#clock.now();
    const end = await this.#clock.sleep(lengthS * 1000, signal);
    const durationS = Math.round((this.#clock.now() - started) / 1000);
    if (end === 'aborted') return { status: 'HANGUP', recordingId, durationS, escapeDigit: null };
    if (speaks === 0) return { status: 'EMPTY', recordingId, durationS: 0, escapeDigit: null };
    return {
      status: silenceEnds ? 'SILENCE' : 'MAX_DURATION',
      recordingId,
      durationS: silenceEnds ? speaks : durationS,
      escapeDigit: null,
    };
  }

  async dial(request: DialRequest, signal: AbortSignal): Promise<DialResult> {
    const outcome: DialOutcome = this.#script.dials?.[this.#dialIndex] ?? { outcome: 'noanswer' };
    this.#dialIndex += 1;
    const target = request.targets[0];
    const ringTimeoutMs = (target?.ringTimeoutS ?? 30) * 1000;
    const none = (status: DialResult['status']): DialResult => ({
      status,
      answeredNumber: '',
      durationS: 0,
      hangupBy: null,
    });
    if (outcome.outcome === 'noanswer') {
      return (await this.#clock.sleep(ringTimeoutMs, signal)) === 'elapsed'
        ? none('NOANSWER')
        : none('CANCEL');
    }
    const ringMs = Math.min(outcome.ringMs ?? (outcome.outcome === 'answer' ? 3000 : 1000), ringTimeoutMs);
    if ((await this.#clock.sleep(ringMs, signal)) !== 'elapsed') return none('CANCEL');
    if (outcome.outcome === 'busy') return none('BUSY');
    if (outcome.outcome === 'failed') return none('CONGESTION');
    if (outcome.outcome === 'unavailable') return none('CHANUNAVAIL');
    const bridgeS = Math.min(outcome.durationS ?? 10, request.maxCallDurationS ?? Number.POSITIVE_INFINITY);
    const bridged = await this.#clock.sleep(bridgeS * 1000, signal);
    const byCaller = bridged === 'aborted' || outcome.hangupBy === 'caller';
    if (byCaller && !this.#hungUp) this.hangUpByCaller();
    return {
      status: 'ANSWER',
      answeredNumber: target?.number ?? '',
      durationS: bridgeS,
      hangupBy: byCaller ? 'caller' : 'callee',
    };
  }

  async detectMachine(analysisMs: number, signal: AbortSignal): Promise<MachineDetectionResult> {
    const who = this.#script.machine ?? 'human';
    // A human's short greeting is recognised early; a machine or an unsure case takes the whole analysis.
    const end = await this.#clock.sleep(who === 'human' ? Math.min(1500, analysisMs) : analysisMs, signal);
    if (end === 'aborted') return 'HUMAN';
    return who === 'human' ? 'HUMAN' : who === 'machine' ? 'MACHINE' : 'NOTSURE';
  }

  async hangup(): Promise<void> {
    this.#hungUp = true;
  }
}
