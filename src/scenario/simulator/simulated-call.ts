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
import type { SleepEnd } from '../interpreter/scenario-clock.js';
import type { CallerScript, DialOutcome } from './caller-script.js';
import type { VirtualClock } from './virtual-clock.js';

/** Spoken text takes about 60 ms a character at rate 1, never under 400 ms. */
export function speechDurationMs(text: string, rate: number): number {
  return Math.max(400, Math.round((text.length * 60) / rate));
}

export const DEFAULT_MEDIA_MS = 3000;

function promptEnd(end: SleepEnd): PromptEnd {
  return end === 'elapsed' ? 'completed' : 'aborted';
}
const KEY_SPACING_MS = 300;

const STATUS_OF = {
  answer: 'ANSWER',
  busy: 'BUSY',
  noanswer: 'NOANSWER',
  failed: 'CONGESTION',
  unavailable: 'CHANUNAVAIL',
} as const satisfies Record<DialOutcome['outcome'], DialResult['status']>;

/** Parallel mode with no answer reports the first of these any number reached. */
const PARALLEL_PRIORITY: readonly DialResult['status'][] = [
  'NOANSWER',
  'BUSY',
  'CONGESTION',
  'CHANUNAVAIL',
  'NODIAL',
];

function none(status: DialResult['status']): DialResult {
  return { status, answeredNumber: '', durationS: 0, hangupBy: null };
}

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

  #nextRecordingId(): string {
    this.#recordings += 1;
    return `sim-rec-${this.#recordings}`;
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

  #hold(durationMs: number, signal: AbortSignal): Promise<PromptEnd> {
    return this.#clock.sleep(durationMs, signal).then(promptEnd);
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
    const recordingId = this.#nextRecordingId();
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

  /** The next scripted dial outcome: one per number rung (default: no answer). */
  #nextDialOutcome(): DialOutcome {
    const outcome: DialOutcome = this.#script.dials?.[this.#dialIndex] ?? { outcome: 'noanswer' };
    this.#dialIndex += 1;
    return outcome;
  }

  /**
   * Sequential: each number in turn, one scripted outcome each, until one
   * answers; with no answer the status is the last number's. Parallel: every
   * number at once, the quickest answer wins; with none, the first of
   * NOANSWER, BUSY, CONGESTION, CHANUNAVAIL any number reached (section 5.5).
   */
  async dial(request: DialRequest, signal: AbortSignal): Promise<DialResult> {
    if (request.parallel) return this.#dialParallel(request, signal);
    let last: DialResult = none('NOANSWER');
    for (const target of request.targets) {
      last = await this.#ring(target, this.#nextDialOutcome(), request, signal);
      if (last.status === 'ANSWER' || last.status === 'CANCEL') return last;
    }
    return last;
  }

  async #dialParallel(request: DialRequest, signal: AbortSignal): Promise<DialResult> {
    // In parallel mode ringTimeout bounds the whole attempt.
    const ringTimeoutMs = (request.targets[0]?.ringTimeoutS ?? 30) * 1000;
    const rung = request.targets.map((target) => ({ target, outcome: this.#nextDialOutcome() }));
    const ringOf = (outcome: DialOutcome): number =>
      Math.min(outcome.ringMs ?? (outcome.outcome === 'answer' ? 3000 : 1000), ringTimeoutMs);
    const answering = rung
      .filter(({ outcome }) => outcome.outcome === 'answer')
      .sort((a, b) => ringOf(a.outcome) - ringOf(b.outcome))[0];
    if (answering !== undefined) return this.#ring(answering.target, answering.outcome, request, signal);
    const ringsToTimeout = rung.some(({ outcome }) => outcome.outcome === 'noanswer');
    const waitMs = ringsToTimeout ? ringTimeoutMs : Math.max(...rung.map(({ outcome }) => ringOf(outcome)));
    if ((await this.#clock.sleep(waitMs, signal)) !== 'elapsed') return none('CANCEL');
    const reached = new Set<DialResult['status']>(rung.map(({ outcome }) => STATUS_OF[outcome.outcome]));
    return none(PARALLEL_PRIORITY.find((status) => reached.has(status)) ?? 'NOANSWER');
  }

  /** Rings one number with its scripted outcome; an answer bridges for the scripted duration. */
  async #ring(
    target: DialRequest['targets'][number],
    outcome: DialOutcome,
    request: DialRequest,
    signal: AbortSignal,
  ): Promise<DialResult> {
    const ringTimeoutMs = target.ringTimeoutS * 1000;
    if (outcome.outcome === 'noanswer') {
      return (await this.#clock.sleep(ringTimeoutMs, signal)) === 'elapsed'
        ? none('NOANSWER')
        : none('CANCEL');
    }
    const ringMs = Math.min(outcome.ringMs ?? (outcome.outcome === 'answer' ? 3000 : 1000), ringTimeoutMs);
    if ((await this.#clock.sleep(ringMs, signal)) !== 'elapsed') return none('CANCEL');
    if (outcome.outcome !== 'answer') return none(STATUS_OF[outcome.outcome]);
    if (request.onAnswer !== null) {
      // The callee's leg, for onAnswer (whisper, screening): it listens and presses nothing.
      const callee = new SimulatedCall(
        {
          callId: `${this.info.callId}-callee`,
          direction: 'outbound',
          from: request.senderId ?? this.info.to,
          to: target.number,
          callerName: '',
        },
        this.#clock,
        {},
      );
      if ((await request.onAnswer(callee, signal)) === 'release')
        return none(signal.aborted ? 'CANCEL' : 'NOANSWER');
    }
    const scriptedS = outcome.durationS ?? 10;
    const limitS = request.maxCallDurationS ?? Number.POSITIVE_INFINITY;
    const bridgeStart = this.#clock.now();
    const bridged = await this.#clock.sleep(Math.min(scriptedS, limitS) * 1000, signal);
    // Both legs are released when the bridge ends, whoever ends it.
    let hangupBy: DialResult['hangupBy'];
    if (bridged === 'aborted') hangupBy = this.#hungUp ? 'caller' : 'system';
    else if (limitS < scriptedS) hangupBy = 'system';
    else hangupBy = outcome.hangupBy ?? 'callee';
    if (hangupBy === 'caller') this.hangUpByCaller();
    this.#hungUp = true;
    const durationS = Math.round((this.#clock.now() - bridgeStart) / 1000);
    return {
      status: 'ANSWER',
      answeredNumber: target.number,
      durationS,
      hangupBy,
      recording: request.record ? { recordingId: this.#nextRecordingId(), durationS } : null,
    };
  }

  async awaitGreetingEnd(
    options: { silenceMs: number; maxMs: number },
    signal: AbortSignal,
  ): Promise<'beep' | 'silence' | 'timeout'> {
    // A scripted machine greets for machineGreetingMs, then beeps.
    const greetingMs = this.#script.machineGreetingMs ?? 6000;
    const end = await this.#clock.sleep(Math.min(greetingMs, options.maxMs), signal);
    return end === 'elapsed' && greetingMs <= options.maxMs ? 'beep' : 'timeout';
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
