/**
 * Call records (CDRs): seed 04's CDR.In and CDR.Out in one shape, plus what
 * Voxgate adds (direction, status, node, SIP Call-ID, the event timeline).
 */
import type { TimelineEvent } from '../../scenario/interpreter/timeline.js';

export const CallDirection = { inbound: 'inbound', outbound: 'outbound' } as const;
export type CallDirection = (typeof CallDirection)[keyof typeof CallDirection];

/** `live` from the INVITE until the record is ended (by the call, or by closeOrphans after a crash). */
export const CallStatus = { live: 'live', ended: 'ended' } as const;
export type CallStatus = (typeof CallStatus)[keyof typeof CallStatus];

/** Who hung up, as seed 04 says it; the platform's own hang-ups (scenario, API, drain, crash) are GATEWAY. */
export const HangupSource = { caller: 'CALLER', callee: 'CALLEE', gateway: 'GATEWAY' } as const;
export type HangupSource = (typeof HangupSource)[keyof typeof HangupSource];

/** Seed 04's `cli_pres`. */
export const CliPresentation = {
  allowed: 'allowed_passed_screen',
  prohibited: 'prohib_passed_screen',
} as const;
export type CliPresentation = (typeof CliPresentation)[keyof typeof CliPresentation];

/** A time as the telephony layer has it: epoch milliseconds, or a Date. */
export type CallTime = number | Date;

/** What the telephony layer knows when a call starts (the INVITE). */
export interface CallOpening {
  readonly accountId: number;
  readonly direction: CallDirection;
  /** The caller's number or user part; `''` when withheld. */
  readonly from: string;
  /** The caller's display name; `''` when none. */
  readonly callerName: string;
  readonly presentation?: CliPresentation;
  /** The number called: the DID of an inbound call, the destination of an outbound one. */
  readonly to: string;
  /** The numbers row of the DID (resolveInbound's `numberId`), when there is one. */
  readonly numberId?: number | null;
  /** That number's DID hash, when the caller has it (saves reading it). */
  readonly numberHash?: string | null;
  readonly scenarioId: string | null;
  readonly scenarioName: string | null;
  /** Seed 04's `package_name`: ACTIONS10 when a scenario runs (the default then), REALTIME10. */
  readonly packageName?: string | null;
  /** Seed 04's `customer_field` (a real-time call's `cdr_field`). */
  readonly customerField?: string | null;
  /** The SIP Call-ID header of the leg (https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.4). */
  readonly sipCallId: string;
  readonly startedAt: CallTime;
}

/** How a call ended: ITU-T Q.850 cause, who hung up, and the engine's timeline. */
export interface CallEnding {
  readonly at: CallTime;
  readonly hangupCause: number;
  readonly hangupSource: HangupSource;
  readonly timeline: readonly TimelineEvent[];
}

export interface CallRecord {
  /** Decimal digits of a 64-bit integer (seed 04's callid); the scenario's `callId`. */
  readonly id: string;
  readonly accountId: number;
  readonly direction: CallDirection;
  readonly status: CallStatus;
  readonly nodeId: string;
  readonly sipCallId: string;
  readonly cliNumber: string | null;
  readonly cliName: string | null;
  readonly cliPres: CliPresentation;
  readonly number: string;
  readonly numberId: number | null;
  readonly scenarioId: string | null;
  readonly scenarioName: string | null;
  readonly startedAt: string;
  readonly answeredAt: string | null;
  readonly endedAt: string | null;
  /** Whole seconds from start to hang-up; null while live. */
  readonly duration: number | null;
  /** Whole seconds from answer to hang-up; 0 when never answered; null while live. */
  readonly durationAnswered: number | null;
  readonly hangupCause: number | null;
  readonly hangupSource: HangupSource | null;
}

export interface CallDetail extends CallRecord {
  /** The engine's events; null while the call is live, or when its node stopped before the end. */
  readonly timeline: readonly TimelineEvent[] | null;
}

export interface CallListQuery {
  readonly limit: number;
  readonly offset: number;
  /** Calls that started at or after this time. */
  readonly from?: Date;
  /** Calls that started at or before this time. */
  readonly to?: Date;
  readonly direction?: CallDirection;
  /** The number called (E.164, `+` optional). */
  readonly number?: string;
  /** The caller's number (E.164, `+` optional, or the user part as recorded). */
  readonly cli?: string;
  readonly scenarioId?: string;
  readonly hangupSource?: HangupSource;
  /** true: live calls only; false: ended calls only. */
  readonly live?: boolean;
}
