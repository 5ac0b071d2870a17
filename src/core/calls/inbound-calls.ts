/**
 * Inbound calls end to end, on the application side of the telephony port:
 * the dialled number decides (404 unknown, 403 inbound off, 480 unrouted),
 * a call record is opened before the call is answered, what the number
 * routes to runs on the live call (a scenario, a REALTIME10 app, or a
 * receptionist's menu and then the scenario the caller chose), and the
 * record is closed with the hang-up cause, who hung up and the timeline. The shapes here
 * mirror telephony/inbound-call-handler.ts, which core may not import.
 */
import type { Db } from '../../db/database.js';
import type { CallPort } from '../../scenario/call-port.js';
import { runScenario } from '../../scenario/interpreter/interpreter.js';
import type { RunSettings } from '../../scenario/interpreter/run-settings.js';
import { systemScenarioClock } from '../../scenario/interpreter/scenario-clock.js';
import type { HttpClient } from '../../scenario/interpreter/services.js';
import { Timeline, type TimelineEvent } from '../../scenario/interpreter/timeline.js';
import type { Tenant } from '../accounts/types.js';
import type { Outbox } from '../events/outbox.js';
import type { MessagingService } from '../messaging/service.js';
import { toE164 } from '../numbers/e164.js';
import type { InboundResolver } from '../numbers/resolve-inbound.js';
import type { InboundDecision, InboundScenario } from '../numbers/types.js';
import { runRealtimeCall } from '../realtime/realtime-call.js';
import type { ActionUrlSender } from '../receptionists/action-url-sender.js';
import { runReceptionistMenu } from '../receptionists/menu-runner.js';
import type { ReceptionistsService } from '../receptionists/service.js';
import { createActionResultRecorder, RESULT_EVENT_TYPES } from './action-results.js';
import { SCENARIO_PACKAGE, type CallRecordService } from './call-record-service.js';
import { CliPresentation, type HangupSource } from './types.js';

export interface InboundCallRequest {
  readonly sipCallId: string;
  readonly dialled: string;
  readonly caller: string;
  readonly callerName: string;
  readonly callerWithheld: boolean;
}

export interface LiveInboundCall {
  readonly port: CallPort;
  readonly ended: Promise<{
    readonly end: { readonly cause: number; readonly source: HangupSource };
    readonly answeredAt: number | null;
  }>;
  onAnswered(listener: (at: number) => void): void;
  hangup(): Promise<void>;
}

export type InboundAdmission =
  | { readonly accept: false; readonly status: 403 | 404 | 480 | 503; readonly reason?: string }
  | {
      readonly accept: true;
      readonly callId: string;
      readonly from: string;
      readonly to: string;
      run(call: LiveInboundCall): Promise<void>;
    };

export interface InboundCallsOptions {
  readonly inbound: InboundResolver;
  readonly callRecords: CallRecordService;
  readonly messaging: MessagingService;
  readonly http: HttpClient;
  /** Where `scenario.action_result` events go. */
  readonly db: Db;
  readonly outbox: Outbox;
  /** A receptionist's menu and the sender of its action URLs. */
  readonly receptionists: Pick<ReceptionistsService, 'menuOf'>;
  readonly actionUrls: Pick<ActionUrlSender, 'fire'>;
  readonly settings?: Partial<RunSettings>;
  readonly now?: () => number;
  /** Told when a run fails in a way that is a bug (an exception out of the engine). */
  readonly onRunFailed?: (callId: string, error: unknown) => void;
}

export type InboundCalls = ReturnType<typeof createInboundCalls>;

/** A routed decision: who owns the number, and which number it is. */
type Routed = Extract<InboundDecision, { readonly tenant: Tenant }>;

/** What the call record names as the call's app (seed 04's `scenario_hash`, `package_name`). */
interface AppOfRecord {
  readonly id: string;
  readonly name: string;
  readonly packageName: string;
}

/** What an admitted call runs: its timeline, and work to await once the record is closed. */
interface ProgramOutcome {
  readonly timeline: readonly TimelineEvent[];
  readonly after?: Promise<void>;
}

type Program = (call: LiveInboundCall, callId: string) => Promise<ProgramOutcome>;

/** The package of a receptionist's calls: Voxgate's own, seed 04 has none for a menu. */
const RECEPTIONIST_PACKAGE = 'RECEPTIONIST';

/** One timeline from the menu's events and the scenario's that followed, numbered in order. */
function joined(first: readonly TimelineEvent[], second: readonly TimelineEvent[]): TimelineEvent[] {
  return [...first, ...second].map((event, index) => ({ ...event, seq: index + 1 }));
}

export function createInboundCalls(options: InboundCallsOptions) {
  const now = options.now ?? Date.now;

  /**
   * Opens the call record (and its `call.inbound_start`), then, once the telephony hands over the
   * live call, runs `program`, hangs up, and closes the record with the cause, who hung up and
   * the timeline (and its `call.inbound_hangup`).
   */
  async function admitted(
    request: InboundCallRequest,
    decision: Routed,
    app: AppOfRecord,
    program: Program,
  ): Promise<InboundAdmission> {
    const from = request.callerWithheld ? '' : (toE164(request.caller) ?? request.caller);
    const callId = await options.callRecords.open({
      accountId: decision.accountId,
      direction: 'inbound',
      from,
      callerName: request.callerName,
      presentation: request.callerWithheld ? CliPresentation.prohibited : CliPresentation.allowed,
      to: decision.number,
      numberId: decision.numberId,
      numberHash: decision.numberHash,
      scenarioId: app.id,
      scenarioName: app.name,
      packageName: app.packageName,
      sipCallId: request.sipCallId,
      startedAt: now(),
    });
    return {
      accept: true,
      callId,
      from,
      to: decision.number,
      run: async (call) => {
        call.onAnswered((at) => void options.callRecords.answered(callId, at));
        let outcome: ProgramOutcome = { timeline: [] };
        try {
          outcome = await program(call, callId);
        } catch (error) {
          options.onRunFailed?.(callId, error);
        }
        await call.hangup();
        const { end } = await call.ended;
        await options.callRecords.ended(callId, {
          at: now(),
          hangupCause: end.cause,
          hangupSource: end.source,
          timeline: outcome.timeline,
        });
        await outcome.after;
      },
    };
  }

  /** Runs a scenario on the call; its action results become events as they come. */
  async function runScenarioOn(
    call: LiveInboundCall,
    callId: string,
    tenant: Tenant,
    scenario: InboundScenario,
  ): Promise<ProgramOutcome> {
    const results = createActionResultRecorder(
      { db: options.db, outbox: options.outbox, onError: (error) => options.onRunFailed?.(callId, error) },
      { accountId: tenant.accountId, callId, scenarioId: scenario.id },
    );
    try {
      const outcome = await runScenario({
        scenario: scenario.tree,
        call: call.port,
        services: {
          clock: systemScenarioClock,
          http: options.http,
          sms: options.messaging.scenarioSender(tenant),
        },
        identity: {
          scenarioId: scenario.id,
          scenarioName: scenario.name,
          accountId: String(tenant.accountId),
        },
        onEvent: (event) => results.onEvent(event),
        onEventTypes: RESULT_EVENT_TYPES,
        ...(options.settings === undefined ? {} : { settings: options.settings }),
      });
      return { timeline: outcome.timeline };
    } finally {
      // Every result is written before the record closes, and so before call.inbound_hangup.
      await results.flush();
    }
  }

  /** The receptionist's menu, then the scenario of the option the caller chose. */
  async function runReceptionistOn(
    call: LiveInboundCall,
    callId: string,
    decision: Extract<InboundDecision, { status: 'receptionist' }>,
  ): Promise<ProgramOutcome> {
    const menu = await options.receptionists.menuOf(decision.accountId, decision.receptionist.id);
    const timeline = new Timeline(now);
    if (menu === null) {
      // Deleted between routing and now: nothing to run.
      timeline.add('receptionist.missing', { receptionistId: decision.receptionist.id });
      return { timeline: timeline.events };
    }
    const chosen = await runReceptionistMenu({ port: call.port, menu, sender: options.actionUrls, timeline });
    if (chosen.kind === 'hangup') return { timeline: timeline.events };
    const scenario = await options.inbound.scenarioOf(decision.accountId, chosen.scenarioId);
    if (scenario === null) {
      // The option names a scenario deleted since: the caller is let go rather than left in silence.
      timeline.add('receptionist.scenario_missing', { scenarioId: chosen.scenarioId });
      return { timeline: timeline.events };
    }
    const followed = await runScenarioOn(call, callId, decision.tenant, scenario);
    return { timeline: joined(timeline.events, followed.timeline) };
  }

  return {
    async admit(request: InboundCallRequest): Promise<InboundAdmission> {
      const decision = await options.inbound.resolveInbound(request.dialled);
      switch (decision.status) {
        case 'not-found':
          return { accept: false, status: 404, reason: 'Not Found' };
        case 'forbidden':
          return { accept: false, status: 403, reason: 'Inbound calls disabled' };
        case 'unrouted':
          return { accept: false, status: 480, reason: 'Number not routed' };
        case 'realtime': {
          const { app } = decision;
          const startedAt = now();
          return admitted(
            request,
            decision,
            { id: app.hash, name: app.name, packageName: 'REALTIME10' },
            async (call, callId) => {
              const outcome = await runRealtimeCall({
                port: call.port,
                app,
                callId,
                startedAt,
                http: options.http,
              });
              return { timeline: outcome.timeline, after: outcome.lastRequest };
            },
          );
        }
        case 'receptionist':
          return admitted(
            request,
            decision,
            {
              id: decision.receptionist.seedId,
              name: decision.receptionist.name,
              packageName: RECEPTIONIST_PACKAGE,
            },
            (call, callId) => runReceptionistOn(call, callId, decision),
          );
        case 'route':
          return admitted(
            request,
            decision,
            { id: decision.scenario.id, name: decision.scenario.name, packageName: SCENARIO_PACKAGE },
            (call, callId) => runScenarioOn(call, callId, decision.tenant, decision.scenario),
          );
      }
    },
  };
}
