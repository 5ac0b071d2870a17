/**
 * Inbound calls end to end, on the application side of the telephony port:
 * the dialled number decides (404 unknown, 403 inbound off, 480 unrouted),
 * a call record is opened before the call is answered, the number's
 * scenario runs on the live call, and the record is closed with the
 * hang-up cause, who hung up and the engine's timeline. The shapes here
 * mirror telephony/inbound-call-handler.ts, which core may not import.
 */
import type { CallPort } from '../../scenario/call-port.js';
import { runScenario } from '../../scenario/interpreter/interpreter.js';
import type { RunSettings } from '../../scenario/interpreter/run-settings.js';
import { systemScenarioClock } from '../../scenario/interpreter/scenario-clock.js';
import type { HttpClient } from '../../scenario/interpreter/services.js';
import type { TimelineEvent } from '../../scenario/interpreter/timeline.js';
import type { MessagingService } from '../messaging/service.js';
import { toE164 } from '../numbers/e164.js';
import type { InboundResolver } from '../numbers/resolve-inbound.js';
import type { InboundDecision } from '../numbers/types.js';
import { runRealtimeCall } from '../realtime/realtime-call.js';
import type { CallRecordService } from './call-record-service.js';
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
  readonly settings?: Partial<RunSettings>;
  readonly now?: () => number;
  /** Told when a run fails in a way that is a bug (an exception out of the engine). */
  readonly onRunFailed?: (callId: string, error: unknown) => void;
}

export type InboundCalls = ReturnType<typeof createInboundCalls>;

export function createInboundCalls(options: InboundCallsOptions) {
  const now = options.now ?? Date.now;

  /** A number routed to a REALTIME10 app: the app's URL drives the call (core/realtime). */
  async function admitRealtime(
    request: InboundCallRequest,
    decision: Extract<InboundDecision, { status: 'realtime' }>,
  ): Promise<InboundAdmission> {
    const from = request.callerWithheld ? '' : (toE164(request.caller) ?? request.caller);
    const startedAt = now();
    const callId = await options.callRecords.open({
      accountId: decision.accountId,
      direction: 'inbound',
      from,
      callerName: request.callerName,
      presentation: request.callerWithheld ? CliPresentation.prohibited : CliPresentation.allowed,
      to: decision.number,
      numberId: decision.numberId,
      // Seed 04's CDR names the app in `scenario_hash`, as it does a scripted app.
      scenarioId: decision.app.hash,
      scenarioName: decision.app.name,
      packageName: 'REALTIME10',
      sipCallId: request.sipCallId,
      startedAt,
    });
    return {
      accept: true,
      callId,
      from,
      to: decision.number,
      run: async (call) => {
        call.onAnswered((at) => void options.callRecords.answered(callId, at));
        let timeline: readonly TimelineEvent[] = [];
        let lastRequest: Promise<void> = Promise.resolve();
        try {
          const outcome = await runRealtimeCall({
            port: call.port,
            app: decision.app,
            callId,
            startedAt,
            http: options.http,
          });
          timeline = outcome.timeline;
          lastRequest = outcome.lastRequest;
        } catch (error) {
          options.onRunFailed?.(callId, error);
        }
        await call.hangup();
        const { end } = await call.ended;
        await options.callRecords.ended(callId, {
          at: now(),
          hangupCause: end.cause,
          hangupSource: end.source,
          timeline,
        });
        await lastRequest;
      },
    };
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
        case 'realtime':
          return admitRealtime(request, decision);
        case 'route':
          break;
      }
      const from = request.callerWithheld ? '' : (toE164(request.caller) ?? request.caller);
      const callId = await options.callRecords.open({
        accountId: decision.accountId,
        direction: 'inbound',
        from,
        callerName: request.callerName,
        presentation: request.callerWithheld ? CliPresentation.prohibited : CliPresentation.allowed,
        to: decision.number,
        numberId: decision.numberId,
        scenarioId: decision.scenario.id,
        scenarioName: decision.scenario.name,
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
          let timeline: readonly TimelineEvent[] = [];
          try {
            const outcome = await runScenario({
              scenario: decision.scenario.tree,
              call: call.port,
              services: {
                clock: systemScenarioClock,
                http: options.http,
                sms: options.messaging.scenarioSender(decision.tenant),
              },
              identity: {
                scenarioId: decision.scenario.id,
                scenarioName: decision.scenario.name,
                accountId: String(decision.accountId),
              },
              ...(options.settings === undefined ? {} : { settings: options.settings }),
            });
            timeline = outcome.timeline;
          } catch (error) {
            options.onRunFailed?.(callId, error);
          }
          await call.hangup();
          const { end } = await call.ended;
          await options.callRecords.ended(callId, {
            at: now(),
            hangupCause: end.cause,
            hangupSource: end.source,
            timeline,
          });
        },
      };
    },
  };
}
