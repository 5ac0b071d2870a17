/**
 * A call driven live by a REALTIME10 app (CALLR-METHODS.md 4.1): Voxgate POSTs an RT.Request to the
 * app's URL at the start and after every command, and carries out the command each answer names on
 * the call's CallPort, until the app hangs up, the caller does, or the app fails. An app that does
 * not answer within the timeout, or answers with no RT.Response, is asked once more after a second;
 * failing again, the call is hung up (by the gateway) with the reason in the timeline. When the
 * call has ended, a last request says `call_status: "HANGUP"`; its answer is ignored.
 *
 * Core, not telephony: it drives the CallPort the scenario engine drives, so the simulator's
 * scripted caller plays the far end in tests.
 */
import type { CallPort } from '../../scenario/call-port.js';
import { DigitBuffer } from '../../scenario/interpreter/digit-buffer.js';
import { systemScenarioClock, type ScenarioClock } from '../../scenario/interpreter/scenario-clock.js';
import type { HttpClient } from '../../scenario/interpreter/services.js';
import { Timeline, type TimelineEvent } from '../../scenario/interpreter/timeline.js';
import type { RealtimeTarget } from '../apps/types.js';
import { seedDatetime } from '../shared/seed-time.js';
import { runCommand, type CommandContext } from './rt-commands.js';
import { postRtRequest, type RtExchangeOutcome } from './rt-exchange.js';
import { RtCommandError, type RtCallStatus, type RtRequest } from './rt-messages.js';

/** CALLR-METHODS.md 4.1: the app answers within 5 seconds. */
export const RT_RESPONSE_TIMEOUT_MS = 5000;
/** CALLR-METHODS.md 4.1: a failed request is posted again once, a second later. */
export const RT_RETRY_DELAY_MS = 1000;

export interface RealtimeCallOptions {
  readonly port: CallPort;
  readonly app: RealtimeTarget;
  /** The call record's id: the RT.Request's `callid`. */
  readonly callId: string;
  /** When the call started (epoch ms): `date_started`. */
  readonly startedAt: number;
  /** The guarded outbound client (core/outbound). */
  readonly http: HttpClient;
  readonly clock?: ScenarioClock;
  readonly responseTimeoutMs?: number;
  readonly retryDelayMs?: number;
}

/** Who ended the call: the app (`hangup`), the caller, the platform, or the app by failing. */
export type RealtimeEnd = 'app' | 'caller' | 'system' | 'app-failure';

export interface RealtimeOutcome {
  readonly end: RealtimeEnd;
  readonly timeline: readonly TimelineEvent[];
  /** The `HANGUP` request, sent once the call has ended; settles when it is answered or gave up. */
  readonly lastRequest: Promise<void>;
}

interface LastCommand {
  readonly command: string;
  readonly commandId: number | string;
  readonly result: string;
  readonly error: string;
}

const NO_COMMAND: LastCommand = Object.freeze({ command: '', commandId: 0, result: '', error: '' });

export async function runRealtimeCall(options: RealtimeCallOptions): Promise<RealtimeOutcome> {
  const { port, app, http } = options;
  const clock = options.clock ?? systemScenarioClock;
  const timeoutMs = options.responseTimeoutMs ?? RT_RESPONSE_TIMEOUT_MS;
  const retryDelayMs = options.retryDelayMs ?? RT_RETRY_DELAY_MS;
  const timeline = new Timeline(() => clock.now());
  const digits = new DigitBuffer();
  const callOver = new AbortController();
  // An object, not a variable: the delegate sets it meanwhile, which narrowing would not see.
  const call: { end: RealtimeEnd | null; answered: boolean } = { end: null, answered: false };

  port.attach({
    onDigit(digit) {
      timeline.add('dtmf.received', { digit });
      digits.push(digit);
    },
    onHangup() {
      call.end ??= 'caller';
      callOver.abort();
    },
    onReleased() {
      call.end ??= 'system';
      callOver.abort();
    },
  });

  const ctx: CommandContext = {
    port,
    clock,
    digits,
    signal: callOver.signal,
    timeline,
    recordings: new Set(),
    async answer() {
      if (call.answered || callOver.signal.aborted) return;
      await port.answer(callOver.signal);
      call.answered = true;
      timeline.add('call.answered');
    },
  };

  const requestOf = (
    status: RtCallStatus,
    last: LastCommand,
    variables: Readonly<Record<string, unknown>>,
  ): RtRequest => ({
    app: app.hash,
    callid: Number(options.callId),
    request_hash: null,
    cli_name: port.info.callerName,
    cli_number: port.info.from,
    date_started: seedDatetime(new Date(options.startedAt).toISOString()),
    number: port.info.to,
    command: last.command,
    command_id: last.commandId,
    command_result: last.result,
    command_error: last.error,
    call_status: status,
    cdr_field: '',
    variables,
  });

  /** Posts `request`, and once more after the retry delay when the first try fails. */
  const exchange = async (request: RtRequest): Promise<RtExchangeOutcome> => {
    let outcome: RtExchangeOutcome = { ok: false, reason: 'not sent' };
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      if (attempt === 2 && (await clock.sleep(retryDelayMs, callOver.signal)) === 'aborted') break;
      timeline.add('realtime.request', {
        callStatus: request.call_status,
        command: request.command,
        try: attempt,
      });
      outcome = await postRtRequest(http, app, request, { timeoutMs, signal: callOver.signal });
      if (outcome.ok || callOver.signal.aborted) break;
      timeline.add('realtime.request_failed', { try: attempt, reason: outcome.reason });
    }
    return outcome;
  };

  let last = NO_COMMAND;
  let variables: Readonly<Record<string, unknown>> = {};
  for (;;) {
    const outcome = await exchange(requestOf(call.answered ? 'UP' : 'INCOMING_CALL', last, variables));
    if (call.end !== null) break;
    if (!outcome.ok) {
      call.end = 'app-failure';
      timeline.add('realtime.app_failed', { reason: outcome.reason });
      last = { ...last, result: '', error: RtCommandError.appUnreachable };
      break;
    }
    const next = outcome.next;
    variables = next.variables;
    timeline.add('realtime.command', { command: next.command, commandId: next.commandId });
    if (next.command === 'hangup') {
      call.end = 'app';
      last = { command: next.command, commandId: next.commandId, result: '', error: '' };
      break;
    }
    const done = await runCommand(ctx, next.command, next.params);
    last = { command: next.command, commandId: next.commandId, ...done };
    timeline.add('realtime.result', { command: next.command, result: done.result, error: done.error });
    if (call.end !== null) break;
  }
  const end = call.end;
  // The app's hang-up before any media rejects the call (603); after, it is a BYE.
  if (end !== 'caller') await port.hangup();
  timeline.add('call.hangup', { by: end });

  const final = requestOf('HANGUP', last, variables);
  const lastRequest = postRtRequest(http, app, final, {
    timeoutMs,
    signal: new AbortController().signal,
  }).then(() => undefined);
  return { end, timeline: timeline.events, lastRequest };
}
