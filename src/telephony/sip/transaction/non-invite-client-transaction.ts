/**
 * The non-INVITE client transaction (RFC 3261 section 17.1.2): sends a BYE
 * or another request, retransmits it on Timer E over UDP (T1 doubling to T2,
 * and at T2 once a provisional response came), and reports 408 to the TU on
 * Timer F (section 8.1.3.1); Timer K absorbs retransmitted final responses.
 * https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2
 */
import type { SipRequest, SipResponse } from '../message/index.js';
import type { RequestChannel } from './transaction-channel.js';
import { T1_MS, T2_MS, T4_MS, TIMEOUT_64T1_MS, type TimerClock, type TimerHandle } from './timers.js';

export const NonInviteClientState = {
  Trying: 'Trying',
  Proceeding: 'Proceeding',
  Completed: 'Completed',
  Terminated: 'Terminated',
} as const;
export type NonInviteClientState = (typeof NonInviteClientState)[keyof typeof NonInviteClientState];

const LEGAL: Readonly<Record<NonInviteClientState, readonly NonInviteClientState[]>> = {
  Trying: ['Proceeding', 'Completed', 'Terminated'],
  Proceeding: ['Completed', 'Terminated'],
  Completed: ['Terminated'],
  Terminated: [],
};

/** How the request ended for the TU: a final response, or 408/503 made up (section 8.1.3.1). */
export type ClientOutcome =
  | { readonly kind: 'response'; readonly response: SipResponse }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'transport-error' };

export interface ClientTransactionDelegate {
  onProvisional?(response: SipResponse): void;
  onFinal?(outcome: ClientOutcome): void;
  onTerminated?(): void;
}

export class NonInviteClientTransaction {
  readonly key: string;
  readonly request: SipRequest;
  readonly #channel: RequestChannel;
  readonly #clock: TimerClock;
  readonly #delegate: ClientTransactionDelegate;
  #state: NonInviteClientState = NonInviteClientState.Trying;
  #timerE: TimerHandle | null = null;
  #timerEIntervalMs = T1_MS;
  #timerF: TimerHandle | null = null;
  #timerK: TimerHandle | null = null;

  constructor(
    key: string,
    request: SipRequest,
    channel: RequestChannel,
    clock: TimerClock,
    delegate: ClientTransactionDelegate = {},
  ) {
    this.key = key;
    this.request = request;
    this.#channel = channel;
    this.#clock = clock;
    this.#delegate = delegate;
  }

  get state(): NonInviteClientState {
    return this.#state;
  }

  /** Sends the request and starts Timers E and F. */
  start(): void {
    if (!this.#channel.send(this.request)) {
      this.#fail('transport-error');
      return;
    }
    if (!this.#channel.reliable) this.#startTimerE();
    this.#timerF = this.#clock.setTimer(TIMEOUT_64T1_MS, () => this.#fail('timeout'));
  }

  receive(response: SipResponse): void {
    if (this.#state === 'Completed' || this.#state === 'Terminated') return;
    if (response.status < 200) {
      if (this.#state === 'Trying') this.#transition('Proceeding');
      this.#delegate.onProvisional?.(response);
      return;
    }
    this.#transition('Completed');
    this.#delegate.onFinal?.({ kind: 'response', response });
  }

  terminate(): void {
    if (this.#state !== 'Terminated') this.#transition('Terminated');
  }

  #fail(kind: 'timeout' | 'transport-error'): void {
    if (this.#state === 'Completed' || this.#state === 'Terminated') return;
    this.#transition('Terminated');
    this.#delegate.onFinal?.({ kind });
  }

  #startTimerE(): void {
    this.#timerE = this.#clock.setTimer(this.#timerEIntervalMs, () => {
      if (this.#state !== 'Trying' && this.#state !== 'Proceeding') return;
      if (!this.#channel.send(this.request)) {
        this.#fail('transport-error');
        return;
      }
      // In Proceeding the interval is T2 from then on (section 17.1.2.2).
      this.#timerEIntervalMs =
        this.#state === 'Proceeding' ? T2_MS : Math.min(2 * this.#timerEIntervalMs, T2_MS);
      this.#startTimerE();
    });
  }

  #transition(to: NonInviteClientState): void {
    if (!LEGAL[this.#state].includes(to))
      throw new Error(`non-INVITE client transaction: ${this.#state} -> ${to}`);
    this.#state = to;
    if (to === 'Completed') {
      this.#timerE?.cancel();
      this.#timerF?.cancel();
      this.#timerK = this.#clock.setTimer(this.#channel.reliable ? 0 : T4_MS, () =>
        this.#transition('Terminated'),
      );
    } else if (to === 'Terminated') {
      for (const timer of [this.#timerE, this.#timerF, this.#timerK]) timer?.cancel();
      this.#delegate.onTerminated?.();
    }
  }
}
