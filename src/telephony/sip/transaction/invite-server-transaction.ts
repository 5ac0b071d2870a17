/**
 * The INVITE server transaction (RFC 3261 section 17.2.1, with the Accepted
 * state of RFC 6026 section 7.1): absorbs retransmitted INVITEs by resending
 * the last response, retransmits a final non-2xx response on Timer G until
 * the ACK, and gives up on Timer H.
 * https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
 * https://www.rfc-editor.org/rfc/rfc6026#section-7.1
 */
import type { SipRequest, SipResponse } from '../message/index.js';
import type { ResponseChannel } from './transaction-channel.js';
import { T1_MS, T2_MS, T4_MS, TIMEOUT_64T1_MS, type TimerClock, type TimerHandle } from './timers.js';

export const InviteServerState = {
  Proceeding: 'Proceeding',
  Accepted: 'Accepted',
  Completed: 'Completed',
  Confirmed: 'Confirmed',
  Terminated: 'Terminated',
} as const;
export type InviteServerState = (typeof InviteServerState)[keyof typeof InviteServerState];

const LEGAL: Readonly<Record<InviteServerState, readonly InviteServerState[]>> = {
  Proceeding: ['Accepted', 'Completed', 'Terminated'],
  Accepted: ['Terminated'],
  Completed: ['Confirmed', 'Terminated'],
  Confirmed: ['Terminated'],
  Terminated: [],
};

export interface ServerTransactionDelegate {
  /** Timer H fired: the ACK for a final non-2xx response never came (section 17.2.1). */
  onTimeout?(): void;
  /** The transport failed to send a response (section 17.2.4). */
  onTransportError?(): void;
  /** The transaction is gone; the layer forgets it. */
  onTerminated?(): void;
}

export class InviteServerTransaction {
  readonly key: string;
  readonly request: SipRequest;
  readonly #channel: ResponseChannel;
  readonly #clock: TimerClock;
  readonly #delegate: ServerTransactionDelegate;
  #state: InviteServerState = InviteServerState.Proceeding;
  #lastResponse: SipResponse | null = null;
  #timerG: TimerHandle | null = null;
  #timerGIntervalMs = T1_MS;
  #timerH: TimerHandle | null = null;
  #timerI: TimerHandle | null = null;
  #timerL: TimerHandle | null = null;

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

  get state(): InviteServerState {
    return this.#state;
  }

  get lastResponse(): SipResponse | null {
    return this.#lastResponse;
  }

  /** The TU's response to the INVITE. */
  respond(response: SipResponse): void {
    switch (this.#state) {
      case 'Proceeding':
        if (!this.#send(response)) return;
        if (response.status >= 300) this.#transition('Completed');
        else if (response.status >= 200) this.#transition('Accepted');
        return;
      case 'Accepted':
        // The TU retransmits its 2xx through the transaction (RFC 6026 section 7.1).
        if (response.status >= 200 && response.status < 300) this.#send(response);
        return;
      case 'Completed':
      case 'Confirmed':
      case 'Terminated':
        return;
    }
  }

  /** A request matching this transaction: a retransmitted INVITE, or the ACK of a non-2xx. */
  receive(request: SipRequest): void {
    if (request.method === 'ACK') {
      if (this.#state === 'Completed') this.#transition('Confirmed');
      return;
    }
    // Section 17.2.1: a retransmission is answered with the most recent response, in
    // Proceeding and Completed; in Accepted it is absorbed (RFC 6026).
    if ((this.#state === 'Proceeding' || this.#state === 'Completed') && this.#lastResponse !== null)
      this.#send(this.#lastResponse);
  }

  /** Ends the transaction at once (the layer is shutting down). */
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

  /** The only place states change and timers start or stop (STYLE.md habit 2). */
  #transition(to: InviteServerState): void {
    if (!LEGAL[this.#state].includes(to))
      throw new Error(`INVITE server transaction: ${this.#state} -> ${to}`);
    this.#state = to;
    switch (to) {
      case 'Proceeding':
        return;
      case 'Accepted':
        this.#timerL = this.#clock.setTimer(TIMEOUT_64T1_MS, () => this.#transition('Terminated'));
        return;
      case 'Completed':
        if (!this.#channel.reliable) this.#startTimerG();
        this.#timerH = this.#clock.setTimer(TIMEOUT_64T1_MS, () => {
          this.#delegate.onTimeout?.();
          this.#transition('Terminated');
        });
        return;
      case 'Confirmed':
        this.#timerG?.cancel();
        this.#timerH?.cancel();
        this.#timerI = this.#clock.setTimer(this.#channel.reliable ? 0 : T4_MS, () =>
          this.#transition('Terminated'),
        );
        return;
      case 'Terminated':
        for (const timer of [this.#timerG, this.#timerH, this.#timerI, this.#timerL]) timer?.cancel();
        this.#delegate.onTerminated?.();
        return;
    }
  }

  /** Timer G: resend the final response at T1, doubling up to T2 (section 17.2.1). */
  #startTimerG(): void {
    this.#timerG = this.#clock.setTimer(this.#timerGIntervalMs, () => {
      if (this.#state !== 'Completed' || this.#lastResponse === null) return;
      if (!this.#send(this.#lastResponse)) return;
      this.#timerGIntervalMs = Math.min(2 * this.#timerGIntervalMs, T2_MS);
      this.#startTimerG();
    });
  }
}
