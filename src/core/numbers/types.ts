import type { CompiledScenario } from '../../scenario/ast/nodes.js';
import type { RealtimeTarget } from '../apps/types.js';
import type { Tenant } from '../accounts/types.js';

/** A number (DID) the operator gave to an account, and the scenario its inbound calls run. */
export interface PhoneNumber {
  readonly id: number;
  /** Canonical `+E164`. */
  readonly number: string;
  /** Seed 04's DID `hash`. */
  readonly hash: string;
  readonly accountId: number;
  readonly scenarioId: string | null;
  /** The real-time app its inbound calls go to instead; never set with another route. */
  readonly appId: string | null;
  /** The receptionist (seed 01 id) its inbound calls meet instead; never set with another route. */
  readonly receptionistId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Where a number's inbound calls go: a scenario (32 hex), a real-time app (8 hex) or a receptionist. */
export type NumberRoute =
  | { readonly kind: 'scenario'; readonly id: string }
  | { readonly kind: 'app'; readonly hash: string }
  /** `id`: the stored decimal id (the API shows its seed 01 base64 form). */
  | { readonly kind: 'receptionist'; readonly id: string };

export interface NumberListQuery {
  readonly limit: number;
  readonly offset: number;
  /** Operator lists only: the numbers of one account. */
  readonly accountId?: number;
}

export const InboundStatus = {
  route: 'route',
  /** Routed to a real-time app: the call is driven by the app's URL (docs/realtime.md). */
  realtime: 'realtime',
  /** Routed to a receptionist: its menu, then the scenario the caller picks (docs/receptionists.md). */
  receptionist: 'receptionist',
  notFound: 'not-found',
  forbidden: 'forbidden',
  unrouted: 'unrouted',
} as const;
export type InboundStatus = (typeof InboundStatus)[keyof typeof InboundStatus];

/** The scenario an inbound call runs: its tree compiled once per revision, and what the CDR keeps. */
export interface InboundScenario {
  readonly id: string;
  readonly name: string;
  readonly tree: CompiledScenario;
}

/** The receptionist an inbound call meets: its stored id, its seed 01 id, its name. */
export interface InboundReceptionist {
  readonly id: string;
  readonly seedId: string;
  readonly name: string;
}

/**
 * What to do with an inbound call (docs/numbers-and-calls.md gives the SIP answer of each):
 * `route` runs the scenario; `realtime` hands the call to a real-time app; `receptionist` runs its
 * menu; `not-found` (404) no account owns the number or it is not a number;
 * `forbidden` (403) the account refuses inbound calls or is disabled; `unrouted` (480) the account
 * owns the number but routes it nowhere.
 */
export type InboundDecision =
  | {
      readonly status: typeof InboundStatus.route;
      readonly accountId: number;
      readonly tenant: Tenant;
      readonly numberId: number;
      /** Seed 04's DID hash of the number (CDRs name it). */
      readonly numberHash: string | null;
      readonly number: string;
      readonly scenario: InboundScenario;
    }
  | {
      readonly status: typeof InboundStatus.realtime;
      readonly accountId: number;
      readonly tenant: Tenant;
      readonly numberId: number;
      /** Seed 04's DID hash of the number (CDRs name it). */
      readonly numberHash: string | null;
      readonly number: string;
      readonly app: RealtimeTarget;
    }
  | {
      readonly status: typeof InboundStatus.receptionist;
      readonly accountId: number;
      readonly tenant: Tenant;
      readonly numberId: number;
      /** Seed 04's DID hash of the number (CDRs name it). */
      readonly numberHash: string | null;
      readonly number: string;
      readonly receptionist: InboundReceptionist;
    }
  | { readonly status: typeof InboundStatus.notFound }
  | {
      readonly status: typeof InboundStatus.forbidden | typeof InboundStatus.unrouted;
      readonly accountId: number;
      readonly numberId: number;
      /** Seed 04's DID hash of the number (CDRs name it). */
      readonly numberHash: string | null;
      readonly number: string;
    };
