/**
 * The non-INVITE server transaction (RFC 3261 section 17.2.2): a
 * retransmitted request is answered with the last response and never reaches
 * the TU again; after the final response it lingers for Timer J (64*T1 on
 * UDP, zero on TCP) to absorb retransmissions.
 * https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
 */
import type { SipRequest, SipResponse } from '../message/index.js';
import type { ServerTransactionDelegate } from './invite-server-transaction.js';
import type { ResponseChannel } from './transaction-channel.js';
import { TIMEOUT_64T1_MS, type TimerClock, type TimerHandle } from './timers.js';

export const NonInviteServerState = {
  Trying: 'Trying',
  Proceeding: 'Proceeding',
  Completed: 'Completed',
  Terminated: 'Terminated',
} as const;
export type NonInviteServerState = (typeof NonInviteServerState)[keyof typeof NonInviteServerState];

const LEGAL: Readonly<Record<NonInviteServerState, readonly NonInviteServerState[]>> = {
  Trying: ['Proceeding', 'Completed', 'Terminated'],
  Proceeding: ['Completed', 'Terminated'],
  Completed: ['Terminated'],
  Terminated: [],
};

export class NonInviteServerTransaction {
  readonly key: string;
  readonly request: SipRequest;
  readonly #channel: ResponseChannel;
  readonly #clock: TimerClock;
  readonly #delegate: ServerTransactionDelegate;
  #state: NonInviteServerState = NonInviteServerState.Trying;
  #lastResponse: SipResponse | null = null;
  #timerJ: TimerHandle | null = null;

  constructor(
    key: string,
    request: SipRequest,
    channel: ResponseChannel,
    clock: TimerClock,
    delegate: ServerTransactionDelegate = {},
  ) {
    this.key = key;
    this.request = request;
    this.#channel = channel;
    this.#clock = clock;
    this.#delegate = delegate;
  }

  get state(): NonInviteServerState {
    return this.#state;
  }

  get lastResponse(): SipResponse | null {
    return this.#lastResponse;
  }

  respond(response: SipResponse): void {
    if (this.#state === 'Completed' || this.#state === 'Terminated') return;
    if (!this.#send(response)) return;
    if (response.status >= 200) this.#transition('Completed');
    else if (this.#state === 'Trying') this.#transition('Proceeding');
  }

  /** A retransmission: discarded in Trying, answered with the last response after (17.2.2). */
  receive(_request: SipRequest): void {
    if ((this.#state === 'Proceeding' || this.#state === 'Completed') && this.#lastResponse !== null)
      this.#send(this.#lastResponse);
  }

  terminate(): void {
    if (this.#state !== 'Terminated') this.#transition('Terminated');
  }

  #send(response: SipResponse): boolean {
    this.#lastResponse = response;
    if (this.#channel.send(response)) return true;
    this.#delegate.onTransportError?.();
    this.terminate();
    return false;
  }

  #transition(to: NonInviteServerState): void {
    if (!LEGAL[this.#state].includes(to))
      throw new Error(`non-INVITE server transaction: ${this.#state} -> ${to}`);
    this.#state = to;
    if (to === 'Completed') {
      this.#timerJ = this.#clock.setTimer(this.#channel.reliable ? 0 : TIMEOUT_64T1_MS, () =>
        this.#transition('Terminated'),
      );
    } else if (to === 'Terminated') {
      this.#timerJ?.cancel();
      this.#delegate.onTerminated?.();
    }
  }
}
