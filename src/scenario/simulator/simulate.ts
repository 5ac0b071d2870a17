/**
 * Runs a compiled scenario against a scripted caller on a virtual clock. The
 * driver (clock-driver.ts) lets the engine run until it waits, then moves
 * time to the next timer; real work (a Call API request to a real server) is
 * awaited for real, and time does not move while it is in flight.
 */
import type { CompiledScenario } from '../ast/nodes.js';
import type { RunIdentity } from '../interpreter/built-ins.js';
import { runScenario, type RunOutcome } from '../interpreter/interpreter.js';
import type { RunSettings } from '../interpreter/run-settings.js';
import type { HttpClient, RecordingLookup, SmsSender } from '../interpreter/services.js';
import type { TimelineEvent } from '../interpreter/timeline.js';
import type { CallerScript } from './caller-script.js';
import { ClockDriver, RealWork, countedHttp, countedRecordings, countedSms } from './clock-driver.js';
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
  let steps = 0;
  let outcome: RunOutcome | null = null;
  let failure: unknown = null;
  // Made before the run starts: its first actions run (and may yield) before runScenario returns.
  const driver = new ClockDriver(clock, real);
  const running = runScenario({
    scenario: request.scenario,
    call,
    services: {
      clock,
      http: countedHttp(real, request.http),
      sms: countedSms(real, request.sms),
      ...(request.recordings === undefined
        ? {}
        : { recordings: countedRecordings(real, request.recordings) }),
    },
    identity: request.identity,
    ...(request.parameters === undefined ? {} : { parameters: request.parameters }),
    ...(request.settings === undefined ? {} : { settings: request.settings }),
    dialect: request.dialect ?? 'json',
    onYield() {
      driver.yielded = true;
    },
    // The caller reacts to actions as they start, even once the timeline is full.
    onActionStarted(node) {
      steps += 1;
      if (steps === request.caller.hangupAtStep) call.hangUpByCaller();
      else if (INPUT_ACTIONS.has(node.kind)) call.inputStarted();
    },
  }).then(
    (result) => {
      outcome = result;
      driver.finished = true;
    },
    (error: unknown) => {
      failure = error;
      driver.finished = true;
    },
  );
  driver.checkAfterDrain();
  await driver.driven;
  await running;
  if (failure !== null)
    throw failure instanceof Error ? failure : new Error('simulation failed', { cause: failure });
  const result = outcome as unknown as RunOutcome;
  return { ...result, events: result.timeline, elapsedMs: clock.now() - startMs };
}
