/**
 * One simulated call of the benchmark scenario, as the simulations service
 * runs it (src/core/simulations/service.ts: `simulate()` with the dry-run SMS
 * sender), and the check that it took the scripted path to the end. The HTTP
 * clients the engine can be given: the real one (undici) from the caller, an
 * in-process fake answering at once, and a gate that holds every request
 * until it is released.
 */
import type { CompiledScenario } from '../../src/scenario/ast/nodes.js';
import type {
  HttpClient,
  HttpExchangeRequest,
  HttpExchangeResult,
  SmsSender,
} from '../../src/scenario/interpreter/services.js';
import { simulate, type SimulationResult } from '../../src/scenario/simulator/index.js';
import { createDryRunSmsSender } from '../../src/core/simulations/dry-run-sms.js';
import {
  CALLER_NUMBER,
  CALLER_SCRIPT,
  CRM_RESPONSE,
  DID_NUMBER,
  EXPECTED_OUTCOME,
} from './scenario-document.js';

/** A fixed virtual start (the seed's sample time), so every run is the same. */
const START_MS = Date.UTC(2023, 8, 14, 15, 13, 36, 735);
const IDENTITY = {
  scenarioId: 'BE4C0000000000000000000000000050',
  scenarioName: 'Benchmark IVR',
  accountId: '1',
};

/** What a call that went as scripted did. */
export interface CallFacts {
  /** `action.started` events: actions run, counting every pass of a loop or Go To. */
  readonly actions: number;
  readonly events: number;
  /** Virtual call length. */
  readonly virtualMs: number;
  /** Timeline events up to the Call API's start: what a call parked in it holds. */
  readonly eventsBeforeHttp: number;
}

export type CallCheck =
  { readonly ok: true; readonly facts: CallFacts } | { readonly ok: false; readonly reason: string };

/** Why a finished call is not the scripted one, or its facts. */
export function checkCall(result: SimulationResult): CallCheck {
  const v = result.variables;
  const fail = (reason: string): CallCheck => ({ ok: false, reason });
  if (result.hangupBy !== 'scenario' || result.hangupCause !== 'BYE')
    return fail(`ended by ${result.hangupBy || '(nobody)'} (${result.hangupCause})`);
  if (v['callApiOutcome'] !== 'SUCCESS')
    return fail(`Call API ${v['callApiOutcome']} (status ${v['callApiStatus']})`);
  if (v['smsStatus'] !== 'ACCEPTED') return fail(`SMS ${v['smsStatus']}`);
  if (v['outcome'] !== EXPECTED_OUTCOME) return fail(`outcome ${v['outcome']}`);
  let actions = 0;
  let eventsBeforeHttp = 0;
  for (const event of result.events) {
    if (event.type === 'action.started') {
      actions += 1;
      if (event.data['action'] === 'callApi') eventsBeforeHttp = event.seq;
    } else if (
      event.type === 'error' ||
      event.type === 'expression.error' ||
      event.type === 'timeline.truncated'
    )
      return fail(`${event.type} at ${event.path ?? '(call)'}: ${JSON.stringify(event.data)}`);
  }
  return {
    ok: true,
    facts: { actions, events: result.events.length, virtualMs: result.elapsedMs, eventsBeforeHttp },
  };
}

/** Runs call number `index` and checks it; a simulator exception is a failed call too. */
export type CallRunner = (index: number) => Promise<CallCheck>;

export function createCallRunner(scenario: CompiledScenario, http: HttpClient): CallRunner {
  const sms: SmsSender = createDryRunSmsSender();
  return async (index) => {
    try {
      const result = await simulate({
        scenario,
        caller: CALLER_SCRIPT,
        from: CALLER_NUMBER,
        to: DID_NUMBER,
        direction: 'inbound',
        callId: `bench-call-${index}`,
        identity: IDENTITY,
        http,
        sms,
        startMs: START_MS,
      });
      return checkCall(result);
    } catch (error) {
      return {
        ok: false,
        reason: `simulate() threw: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  };
}

const CRM_ANSWER: HttpExchangeResult = {
  kind: 'response',
  status: 200,
  contentType: 'application/json',
  body: JSON.stringify(CRM_RESPONSE),
};

/** Answers every request at once with the CRM's body: the engine's cost without an HTTP stack. */
export const fakeCrmHttp: HttpClient = {
  exchange: () => Promise.resolve(CRM_ANSWER),
};

/**
 * Holds every request until {@link release}: calls parked in a Call API stay
 * genuinely in flight, with everything they hold, for as long as needed.
 */
export class GatedHttp implements HttpClient {
  readonly #waiting: ((result: HttpExchangeResult) => void)[] = [];

  exchange(_request: HttpExchangeRequest): Promise<HttpExchangeResult> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  get parked(): number {
    return this.#waiting.length;
  }

  /** Answers every held request with the CRM's body. */
  release(): void {
    for (const resolve of this.#waiting.splice(0)) resolve(CRM_ANSWER);
  }
}
