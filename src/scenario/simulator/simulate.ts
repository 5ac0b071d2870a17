/**
 * Runs a compiled scenario against a scripted caller on a virtual clock. The
 * driver lets the engine run until it waits, then moves time to the next
 * timer; real work (a Call API request to a real server) is awaited for real,
 * and time does not move while it is in flight.
 */
import type { CompiledScenario } from '../ast/nodes.js';
import type { RunIdentity } from '../interpreter/built-ins.js';
import { runScenario, type RunOutcome } from '../interpreter/interpreter.js';
import type { RunSettings } from '../interpreter/run-settings.js';
import type { HttpClient, HttpExchangeResult, RecordingLookup, SmsSender } from '../interpreter/services.js';
import type { TimelineEvent } from '../interpreter/timeline.js';
import type { CallerScript } from './caller-script.js';
import { SimulatedCall } from './simulated-call.js';
import { VirtualClock } from './virtual-clock.js';

export interface SimulationRequest {
  readonly scenario: CompiledScenario;
  readonly caller: CallerScript;
  readonly from: string;
  readonly to: string;
  readonly direction?: 'inbound' | 'outbound';
  readonly callId?: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly identity: RunIdentity;
  readonly http: HttpClient;
  readonly sms: SmsSender;
  readonly recordings?: RecordingLookup;
  readonly settings?: Partial<RunSettings>;
  /** Virtual start time (ms since epoch); fixed values make runs comparable. */
  readonly startMs?: number;
  readonly dialect?: string;
}

export interface SimulationResult extends RunOutcome {
  readonly events: readonly TimelineEvent[];
  /** Virtual milliseconds from call start to end. */
  readonly elapsedMs: number;
}

/** Counts real requests in flight, so the driver knows not to move time meanwhile. */
class RealWork {
  inFlight = 0;
  #wake: (() => void) | null = null;

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      this.#wake?.();
    }
  }

  wrap(http: HttpClient): HttpClient {
    return { exchange: (request): Promise<HttpExchangeResult> => this.run(() => http.exchange(request)) };
  }

  /** SMS and recording services may do real I/O (a database) too. */
  wrapSms(sms: SmsSender): SmsSender {
    return { send: (request) => this.run(() => sms.send(request)) };
  }

  wrapRecordings(recordings: RecordingLookup): RecordingLookup {
    return { findByIdentifier: (identifier) => this.run(() => recordings.findByIdentifier(identifier)) };
  }

  settled(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = () => {
        this.#wake = null;
        resolve();
      };
    });
  }
}

const INPUT_ACTIONS = new Set(['collect', 'capture']);

export async function simulate(request: SimulationRequest): Promise<SimulationResult> {
  const startMs = request.startMs ?? Date.now();
  const clock = new VirtualClock(startMs);
  const call = new SimulatedCall(
    {
      callId: request.callId ?? 'simulated-call',
      direction: request.direction ?? 'inbound',
      from: request.from,
      to: request.to,
      callerName: '',
    },
    clock,
    request.caller,
  );
  const real = new RealWork();
  let progress = 0;
  let steps = 0;
  let outcome: RunOutcome | null = null;
  let failure: unknown = null;
  const running = runScenario({
    scenario: request.scenario,
    call,
    services: {
      clock,
      http: real.wrap(request.http),
      sms: real.wrapSms(request.sms),
      ...(request.recordings === undefined ? {} : { recordings: real.wrapRecordings(request.recordings) }),
    },
    identity: request.identity,
    ...(request.parameters === undefined ? {} : { parameters: request.parameters }),
    ...(request.settings === undefined ? {} : { settings: request.settings }),
    dialect: request.dialect ?? 'json',
    // Steps count as progress too: once the timeline is full it reports no more events.
    onProgress() {
      progress += 1;
    },
    // The caller reacts to actions as they start, even once the timeline is full.
    onActionStarted(node) {
      progress += 1;
      steps += 1;
      if (steps === request.caller.hangupAtStep) call.hangUpByCaller();
      else if (INPUT_ACTIONS.has(node.kind)) call.inputStarted();
    },
  }).then(
    (result) => {
      outcome = result;
    },
    (error: unknown) => {
      failure = error;
    },
  );
  while (outcome === null && failure === null) {
    const before = progress;
    await new Promise((resolve) => setImmediate(resolve));
    if (outcome !== null || failure !== null) break;
    if (real.inFlight > 0) {
      await real.settled();
      continue;
    }
    if (progress !== before) continue;
    if (!clock.advance())
      throw new Error('simulation stalled: the engine waits on nothing the clock can move');
  }
  await running;
  if (failure !== null)
    throw failure instanceof Error ? failure : new Error('simulation failed', { cause: failure });
  const result = outcome as unknown as RunOutcome;
  return { ...result, events: result.timeline, elapsedMs: clock.now() - startMs };
}
