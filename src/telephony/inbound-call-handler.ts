/**
 * The port through which the telephony layer asks the application what to
 * do with an inbound call (DESIGN.md: telephony never imports core). The
 * composition root implements it over number routing, the scenario engine
 * and call records.
 */
import type { CallPort } from '../scenario/call-port.js';
import type { LegEnd } from './call-leg.js';

export interface InboundCallRequest {
  /** The SIP Call-ID. */
  readonly sipCallId: string;
  /** The dialled number: the Request-URI's user part, else the To user, as written. */
  readonly dialled: string;
  /** The caller: From's user part, as written (`anonymous` when withheld). */
  readonly caller: string;
  readonly callerName: string;
  /** Whether the caller asked that its number be withheld (Privacy: id, or an anonymous From). */
  readonly callerWithheld: boolean;
  readonly transport: 'udp' | 'tcp';
}

/** A live call as the application sees it: the engine's port, and how it ends. */
export interface LiveCall {
  readonly port: CallPort;
  /** Resolves once the call has ended, by either side, with why; `answeredAt` null if never answered. */
  readonly ended: Promise<{ readonly end: LegEnd; readonly answeredAt: number | null }>;
  /** Called once when the call is answered, with the moment (epoch ms). */
  onAnswered(listener: (at: number) => void): void;
  hangup(): Promise<void>;
}

export type InboundAdmission =
  | { readonly accept: false; readonly status: 403 | 404 | 480 | 503; readonly reason?: string }
  | {
      readonly accept: true;
      /** Our id of the call (the CDR's), used in logs and by the live-call registry. */
      readonly callId: string;
      /** The caller and the dialled number in E.164, `""` for a withheld caller. */
      readonly from: string;
      readonly to: string;
      /** Runs the call to its end; the telephony layer hangs up whatever is left after. */
      run(call: LiveCall): Promise<void>;
    };

export interface InboundCallHandler {
  admit(request: InboundCallRequest): Promise<InboundAdmission>;
}
