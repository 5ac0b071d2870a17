/**
 * The INVITE client transaction (RFC 3261 section 17.1.1, with the Accepted
 * state of RFC 6026 section 8.4): sends an INVITE, retransmits it on Timer A
 * over UDP (T1 doubling), gives up on Timer B (64*T1) with a timeout for the
 * TU, ACKs a final non-2xx response itself and absorbs its retransmissions
 * for Timer D, and hands every 2xx to the TU (which ACKs it end to end) for
 * Timer M. Outbound calls (Dial, campaigns) are its users.
 * https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1
 * https://www.rfc-editor.org/rfc/rfc6026#section-8.4
 */
import { SipHeaders, parseCSeq, type SipRequest, type SipResponse } from '../message/index.js';
import type { ClientOutcome } from './non-invite-client-transaction.js';
import type { RequestChannel } from './transaction-channel.js';
import { T1_MS, TIMEOUT_64T1_MS, type TimerClock, type TimerHandle } from './timers.js';

/** Timer D on UDP: "at least 32 seconds" (section 17.1.1.2). */
export const TIMER_D_UDP_MS = 32_000;

export const InviteClientState = {
  Calling: 'Calling',
  Proceeding: 'Proceeding',
  Accepted: 'Accepted',
  Completed: 'Completed',
  Terminated: 'Terminated',
} as const;
export type InviteClientState = (typeof InviteClientState)[keyof typeof InviteClientState];

const LEGAL: Readonly<Record<InviteClientState, readonly InviteClientState[]>> = {
  Calling: ['Proceeding', 'Accepted', 'Completed', 'Terminated'],
  Proceeding: ['Accepted', 'Completed', 'Terminated'],
  Accepted: ['Terminated'],
  Completed: ['Terminated'],
  Terminated: [],
};

export interface InviteClientDelegate {
  onProvisional?(response: SipResponse): void;
  /** A 2xx, the first and every retransmission or fork (RFC 6026): the TU ACKs each. */
  onAccepted?(response: SipResponse): void;
  /** A final non-2xx (already ACKed here), or the timeout of Timer B, or a transport failure. */
  onFinal?(outcome: ClientOutcome): void;
  onTerminated?(): void;
}

export class InviteClientTransaction {
  readonly key: string;
  readonly request: SipRequest;
  readonly #channel: RequestChannel;
  readonly #clock: TimerClock;
  readonly #delegate: InviteClientDelegate;
  #state: InviteClientState = InviteClientState.Calling;
  #timerA: TimerHandle | null = null;
  #timerAIntervalMs = T1_MS;
  #timerB: TimerHandle | null = null;
  #timerD: TimerHandle | null = null;
  #timerM: TimerHandle | null = null;
  #ack: SipRequest | null = null;

  constructor(
    key: string,
    request: SipRequest,
    channel: RequestChannel,
    clock: TimerClock,
    delegate: InviteClientDelegate = {},
  ) {
    this.key = key;
    this.request = request;
    this.#channel = channel;
    this.#clock = clock;
    this.#delegate = delegate;
  }

  get state(): InviteClientState {
    return this.#state;
  }

  /** Sends the INVITE and starts Timers A (UDP only) and B. */
  start(): void {
    if (!this.#channel.send(this.request)) {
      this.#fail('transport-error');
      return;
    }
    if (!this.#channel.reliable) this.#startTimerA();
    this.#timerB = this.#clock.setTimer(TIMEOUT_64T1_MS, () => {
      if (this.#state === 'Calling') this.#fail('timeout');
    });
  }

  receive(response: SipResponse): void {
    switch (this.#state) {
      case 'Calling':
      case 'Proceeding':
        if (response.status < 200) {
          if (this.#state === 'Calling') this.#transition('Proceeding');
          this.#delegate.onProvisional?.(response);
        } else if (response.status < 300) {
          this.#transition('Accepted');
          this.#delegate.onAccepted?.(response);
        } else {
          this.#ack = buildAckFor(this.request, response);
          this.#transition('Completed');
          this.#delegate.onFinal?.({ kind: 'response', response });
        }
        return;
      case 'Accepted':
        if (response.status >= 200 && response.status < 300) this.#delegate.onAccepted?.(response);
        return;
      case 'Completed':
        // A retransmitted final response: the ACK again, nothing for the TU (17.1.1.2).
        if (response.status >= 300 && this.#ack !== null) this.#channel.send(this.#ack);
        return;
      case 'Terminated':
        return;
    }
  }

  terminate(): void {
    if (this.#state !== 'Terminated') this.#transition('Terminated');
  }

  #fail(kind: 'timeout' | 'transport-error'): void {
    if (this.#state === 'Terminated') return;
    this.#transition('Terminated');
    this.#delegate.onFinal?.({ kind });
  }

  #startTimerA(): void {
    this.#timerA = this.#clock.setTimer(this.#timerAIntervalMs, () => {
      if (this.#state !== 'Calling') return;
      if (!this.#channel.send(this.request)) {
        this.#fail('transport-error');
        return;
      }
      // Timer A doubles without the T2 cap of non-INVITE requests (section 17.1.1.2).
      this.#timerAIntervalMs *= 2;
      this.#startTimerA();
    });
  }

  /** The only place states change and timers start or stop (STYLE.md habit 2). */
  #transition(to: InviteClientState): void {
    if (!LEGAL[this.#state].includes(to))
      throw new Error(`INVITE client transaction: ${this.#state} -> ${to}`);
    this.#state = to;
    switch (to) {
      case 'Calling':
        return;
      case 'Proceeding':
        this.#timerA?.cancel();
        return;
      case 'Accepted':
        this.#timerA?.cancel();
        this.#timerB?.cancel();
        this.#timerM = this.#clock.setTimer(TIMEOUT_64T1_MS, () => this.#transition('Terminated'));
        return;
      case 'Completed':
        this.#timerA?.cancel();
        this.#timerB?.cancel();
        if (this.#ack !== null) this.#channel.send(this.#ack);
        this.#timerD = this.#clock.setTimer(this.#channel.reliable ? 0 : TIMER_D_UDP_MS, () =>
          this.#transition('Terminated'),
        );
        return;
      case 'Terminated':
        for (const timer of [this.#timerA, this.#timerB, this.#timerD, this.#timerM]) timer?.cancel();
        this.#delegate.onTerminated?.();
        return;
    }
  }
}

/**
 * The ACK of a final non-2xx response, built by the transaction (section 17.1.1.3): the INVITE's
 * Request-URI, its top Via only, its From, Call-ID and CSeq number, the response's To (with the
 * tag), the INVITE's Route headers, and method ACK.
 */
export function buildAckFor(invite: SipRequest, response: SipResponse): SipRequest {
  const cseq = parseCSeq(invite.headers.get('CSeq') ?? '');
  const seq = cseq.ok ? cseq.value.seq : 0;
  const headers = new SipHeaders([
    ['Via', invite.headers.get('Via') ?? ''],
    ['Max-Forwards', '70'],
    ...invite.headers.getAll('Route').map((route) => ['Route', route] as const),
    ['From', invite.headers.get('From') ?? ''],
    ['To', response.headers.get('To') ?? invite.headers.get('To') ?? ''],
    ['Call-ID', invite.headers.get('Call-ID') ?? ''],
    ['CSeq', `${seq} ACK`],
  ]);
  return {
    kind: 'request',
    method: 'ACK',
    requestUri: invite.requestUri,
    version: invite.version,
    headers,
    body: Buffer.alloc(0),
  };
}
