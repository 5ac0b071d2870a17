/**
 * Test support for the interpreter and simulator tests: compiles a script
 * (failing loudly on compile errors), simulates it against a scripted caller
 * on a virtual clock with in-memory SMS, HTTP and recording fakes, and returns
 * the result with helpers to read the timeline in virtual milliseconds.
 */
import assert from 'node:assert/strict';
import type { CompiledScenario } from '../../ast/nodes.js';
import { compileScenario, type CompileOptions, type ScenarioDocument } from '../../compiler/index.js';
import type { CallerScript } from '../../simulator/caller-script.js';
import { simulate, type SimulationResult } from '../../simulator/simulate.js';
import type { RunSettings } from '../run-settings.js';
import type {
  HttpClient,
  HttpExchangeRequest,
  HttpExchangeResult,
  RecordingLookup,
  SmsRequest,
  SmsResult,
  SmsSender,
} from '../services.js';
import type { TimelineEvent } from '../timeline.js';

/** The virtual start of every simulated call: 2023-09-14T15:13:36.735+0000, the seed's sample time. */
export const START_MS = Date.UTC(2023, 8, 14, 15, 13, 36, 735);

export const CALLER = '+41793026727';
export const DID = '+41793026700';

/** Compiles `document` (a script array or a whole document) and fails the test, listing the errors, unless it compiles. */
export function compileOrFail(document: ScenarioDocument | unknown[], options: CompileOptions = {}) {
  const doc: ScenarioDocument = Array.isArray(document) ? { script: document } : document;
  const result = compileScenario(doc, options);
  if (!result.ok) {
    assert.fail(
      `expected the scenario to compile, got ${result.errors
        .map((issue) => `${issue.code}@${issue.path}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  return {
    scenario: result.scenario,
    warnings: result.warnings.map((issue) => `${issue.code.replace(/^VG_WARN_SCENARIO_/, '')}@${issue.path}`),
  };
}

/** An HTTP client that answers from memory and remembers every request. */
export class FakeHttp implements HttpClient {
  readonly requests: HttpExchangeRequest[] = [];
  #respond: (request: HttpExchangeRequest) => HttpExchangeResult;

  constructor(respond?: (request: HttpExchangeRequest) => HttpExchangeResult) {
    this.#respond =
      respond ?? (() => ({ kind: 'response', status: 200, contentType: 'application/json', body: '{}' }));
  }

  async exchange(request: HttpExchangeRequest): Promise<HttpExchangeResult> {
    this.requests.push(request);
    return this.#respond(request);
  }
}

/** An SMS sender that accepts everything (ids `sms-1`, `sms-2`, ...) unless told to reject. */
export class FakeSms implements SmsSender {
  readonly sent: SmsRequest[] = [];
  readonly #reject: ((request: SmsRequest) => string | null) | undefined;

  constructor(reject?: (request: SmsRequest) => string | null) {
    this.#reject = reject;
  }

  async send(request: SmsRequest): Promise<SmsResult> {
    const reason = this.#reject?.(request) ?? null;
    if (reason !== null) return { status: 'REJECTED', reason };
    this.sent.push(request);
    return { status: 'ACCEPTED', messageId: `sms-${this.sent.length}` };
  }
}

/** The tenant's recordings by identifier. */
export class FakeRecordings implements RecordingLookup {
  readonly #byIdentifier: ReadonlyMap<string, string>;

  constructor(byIdentifier: Readonly<Record<string, string>> = {}) {
    this.#byIdentifier = new Map(Object.entries(byIdentifier));
  }

  async findByIdentifier(identifier: string): Promise<string | null> {
    return this.#byIdentifier.get(identifier) ?? null;
  }
}

export interface RunScriptOptions {
  readonly caller?: CallerScript;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly settings?: Partial<RunSettings>;
  readonly http?: HttpClient;
  readonly sms?: SmsSender;
  readonly recordings?: RecordingLookup;
  readonly direction?: 'inbound' | 'outbound';
  readonly from?: string;
  readonly to?: string;
  readonly callId?: string;
  readonly compile?: CompileOptions;
}

export interface ScriptRun extends SimulationResult {
  readonly warnings: readonly string[];
  readonly http: HttpClient;
  readonly sms: SmsSender;
  /** Events of one type, in order. */
  ofType(type: string): TimelineEvent[];
  /** The only event of `type` (fails the test if there are none or several). */
  one(type: string, path?: string): TimelineEvent;
  /** Virtual milliseconds from the call's start to the event. */
  msOf(event: TimelineEvent): number;
}

/** Virtual milliseconds from START_MS to a timeline stamp such as `2023-09-14T15:13:36.735+0000`. */
export function msSinceStart(at: string): number {
  return Date.parse(at.replace(/\+0000$/, 'Z')) - START_MS;
}

export function withHelpers(
  result: SimulationResult,
  extra: { warnings: readonly string[]; http: HttpClient; sms: SmsSender },
): ScriptRun {
  const ofType = (type: string): TimelineEvent[] => result.events.filter((event) => event.type === type);
  return {
    ...result,
    ...extra,
    ofType,
    one(type, path) {
      const found = ofType(type).filter((event) => path === undefined || event.path === path);
      assert.equal(found.length, 1, `expected one ${type} event${path === undefined ? '' : ` at ${path}`}`);
      return found[0] as TimelineEvent;
    },
    msOf: (event) => msSinceStart(event.at),
  };
}

/** Simulates an already compiled scenario. */
export async function simulateCompiled(
  scenario: CompiledScenario,
  options: RunScriptOptions = {},
  warnings: readonly string[] = [],
): Promise<ScriptRun> {
  const http = options.http ?? new FakeHttp();
  const sms = options.sms ?? new FakeSms();
  const result = await simulate({
    scenario,
    caller: options.caller ?? {},
    from: options.from ?? CALLER,
    to: options.to ?? DID,
    direction: options.direction ?? 'inbound',
    callId: options.callId ?? 'call-1',
    identity: { scenarioId: 'E83E787CF2613450157ADA3476171E3F', scenarioName: 'Test scenario' },
    http,
    sms,
    startMs: START_MS,
    ...(options.recordings === undefined ? {} : { recordings: options.recordings }),
    ...(options.parameters === undefined ? {} : { parameters: options.parameters }),
    ...(options.settings === undefined ? {} : { settings: options.settings }),
  });
  return withHelpers(result, { warnings, http, sms });
}

/** Compiles `document` (failing loudly on errors) and simulates it. */
export async function runScript(
  document: ScenarioDocument | unknown[],
  options: RunScriptOptions = {},
): Promise<ScriptRun> {
  const { scenario, warnings } = compileOrFail(document, options.compile);
  return simulateCompiled(scenario, options, warnings);
}
