/**
 * The state of one call's run: variables, type-ahead digits, timeline, call
 * state, counters and budgets. Actions receive it; only the interpreter
 * creates it.
 */
import { getEventListeners } from 'node:events';
import { ENGINE_ABORT } from './abort-reason.js';
import type { ActionNode, GoToNode } from '../ast/nodes.js';
import type { CallPort } from '../call-port.js';
import { renderTemplate, type Template } from '../expressions/index.js';
import { DigitBuffer } from './digit-buffer.js';
import type { RunSettings } from './run-settings.js';
import type { ScenarioClock } from './scenario-clock.js';
import type { HttpClient, RecordingLookup, SmsSender } from './services.js';
import { Timeline } from './timeline.js';
import type { VariableStore } from './variable-store.js';

export interface ScenarioServices {
  readonly clock: ScenarioClock;
  readonly http: HttpClient;
  readonly sms: SmsSender;
  readonly recordings?: RecordingLookup;
}

/** RINGING until answered; POST_BRIDGE once a Dial's bridge ended (call actions are skipped); ENDED after hang-up. */
export type CallState = 'RINGING' | 'ANSWERED' | 'POST_BRIDGE' | 'ENDED';

/** How masked input (`sendToReports: MASKED`) is shown in the timeline and reports (section 5.2). */
export const MASKED_VALUE = 'x'.repeat(4);

export type HangupBy = 'caller' | 'callee' | 'scenario' | 'system';

export class RunContext {
  readonly call: CallPort;
  readonly services: ScenarioServices;
  readonly settings: RunSettings;
  readonly variables: VariableStore;
  readonly digits: DigitBuffer;
  readonly timeline: Timeline;
  readonly scenarioId: string;
  /** Aborted when the main script must stop: caller hang-up, a budget, the duration limit. */
  #main = new AbortController();
  /** The interruptible prompt playing now: stop() aborts it too. */
  #prompt: AbortController | null = null;
  /**
   * The last prompt's controller, never aborted and no longer listened to, kept for the next
   * prompt: Node takes microseconds to make an AbortSignal, and a call plays many prompts.
   */
  #sparePrompt: AbortController | null = null;
  state: CallState = 'RINGING';
  steps = 0;
  jumps = 0;
  httpRequests = 0;
  smsSent = 0;
  answeredAt: number | null = null;
  hangupBy: HangupBy | '' = '';
  hangupCause = '';
  lastError = '';
  /** Recording ids of this call's Record actions, in order of completion. */
  readonly recordings: string[] = [];
  #gotoPasses: Map<GoToNode, number> | null = null;

  /** Passes of each Go To this call (made on first use: most calls never jump). */
  get gotoPasses(): Map<GoToNode, number> {
    this.#gotoPasses ??= new Map();
    return this.#gotoPasses;
  }
  /** Machine Detection said MACHINE: the next prompt first waits for the greeting to end (section 5.12). */
  greetingPending = false;
  /**
   * While a dial runs, the caller's hang-up ends the dial rather than the
   * script: the port then tells whether a bridge was up (section 6.2).
   */
  dialing: { readonly controller: AbortController; callerHungUp: boolean } | null = null;

  constructor(options: {
    call: CallPort;
    services: ScenarioServices;
    settings: RunSettings;
    variables: VariableStore;
    scenarioId: string;
    onEvent?: (event: Timeline['events'][number]) => void;
    onEventTypes?: ReadonlySet<string>;
    /** Another leg of the same call writes to the call's timeline. */
    timeline?: Timeline;
  }) {
    this.call = options.call;
    this.services = options.services;
    this.settings = options.settings;
    this.variables = options.variables;
    this.scenarioId = options.scenarioId;
    this.digits = new DigitBuffer(options.settings.typeaheadDigits);
    this.timeline =
      options.timeline ??
      new Timeline(
        () => options.services.clock.now(),
        options.settings.maxTimelineEvents,
        options.onEvent,
        options.onEventTypes,
      );
  }

  get signal(): AbortSignal {
    return this.#main.signal;
  }

  /** Stops the main script (once): the current action is aborted, no further one starts. */
  stop(by: HangupBy, cause: string): void {
    if (this.#main.signal.aborted) return;
    if (this.hangupBy === '') {
      this.hangupBy = by;
      this.hangupCause = cause;
    }
    this.#main.abort(ENGINE_ABORT);
    this.#prompt?.abort(ENGINE_ABORT);
    this.digits.abortWait();
  }

  /**
   * The controller of an interruptible prompt, aborted by stop() and by whoever interrupts the
   * prompt; hand it back with {@link endPrompt}.
   */
  startPrompt(): AbortController {
    const controller = this.#sparePrompt ?? new AbortController();
    this.#sparePrompt = null;
    if (this.#main.signal.aborted) controller.abort(ENGINE_ABORT);
    this.#prompt = controller;
    return controller;
  }

  /**
   * The prompt ended. Its controller is kept for the next prompt only when it was never aborted
   * and nothing listens to it any more: such a signal cannot be told from a new one.
   */
  endPrompt(controller: AbortController): void {
    if (this.#prompt === controller) this.#prompt = null;
    if (!controller.signal.aborted && getEventListeners(controller.signal, 'abort').length === 0)
      this.#sparePrompt = controller;
  }

  /** Before a wait on a remote service: a call parked there keeps no spare controller. */
  dropSparePrompt(): void {
    this.#sparePrompt = null;
  }

  /** Records who ended the call without stopping the main script: a bridge ended, post-bridge mode goes on. */
  ended(by: HangupBy, cause: string): void {
    if (this.hangupBy !== '') return;
    this.hangupBy = by;
    this.hangupCause = cause;
  }

  /**
   * Starts the onHangup hook (section 6.2): a fresh signal, since the main
   * one is spent, and the step count restarted against the hook's budget.
   */
  enterHook(): void {
    this.#main = new AbortController();
    this.steps = 0;
  }

  /** Answers an inbound call before its first media action (section 6.1). */
  async ensureAnswered(): Promise<void> {
    if (this.state !== 'RINGING') return;
    await this.call.answer(this.signal);
    if (this.signal.aborted) return;
    this.state = 'ANSWERED';
    this.answeredAt = this.services.clock.now();
    this.timeline.add('call.answered');
  }

  /** Writes a variable the script (or a response) names, reporting truncation and limits. */
  setVariable(name: string, value: string, where: ActionNode, options: { masked?: boolean } = {}): void {
    const outcome = this.variables.set(name, value);
    if (outcome === 'refused') {
      this.timeline.add('variable.skipped', { name, reason: 'VG_RT_VARIABLE_LIMIT' }, where);
      this.error(
        'VG_RT_VARIABLE_LIMIT',
        `variable ${name} not set: the call's variable limits are reached`,
        where,
      );
      return;
    }
    const shown = options.masked === true ? MASKED_VALUE : value.slice(0, 256);
    this.timeline.add('variable.set', { name, value: shown }, where);
    if (outcome === 'truncated')
      this.error('VG_RT_VALUE_TRUNCATED', `variable ${name} was cut to its limit`, where);
  }

  /** Writes an engine status variable (dialStatus, mediaStatus, ...). */
  setStatus(name: string, value: string): void {
    this.variables.set(name, value);
  }

  /** Records a run-time error as an outcome: lastError and an `error` event, never a throw. */
  error(code: string, message: string, where?: ActionNode): void {
    this.lastError = code;
    this.timeline.add('error', { code, message }, where);
  }

  /** Interpolates a template against this call's variables; errors become events and "". */
  render(template: Template, where: ActionNode, encode?: (value: string) => string): string {
    const result = renderTemplate(template, this.variables, encode === undefined ? undefined : { encode });
    // Indexed: most renders have no error, and an iterator per render showed in allocation profiles.
    for (let index = 0; index < result.errors.length; index += 1) {
      this.timeline.add('expression.error', { message: result.errors[index] }, where);
      this.lastError = 'VG_RT_EXPRESSION_ERROR';
    }
    return result.text;
  }
}
