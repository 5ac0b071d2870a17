/**
 * The UAS side of one INVITE and the dialog it makes: rings, answers with
 * our SDP, retransmits the 2xx until the ACK comes (RFC 3261 section
 * 13.3.1.4), takes BYE, CANCEL and re-INVITEs from the caller, and sends our
 * BYE. It is the SIP half of a Call (LegSignaling).
 * https://www.rfc-editor.org/rfc/rfc3261#section-13.3.1.4
 */
import type { LegEnd, LegSignaling } from '../../call-leg.js';
import { buildResponse, parseCSeq, type SipRequest, type SipResponse } from '../message/index.js';
import type { Dialog } from '../dialog/dialog.js';
import type { InviteServerTransaction } from '../transaction/invite-server-transaction.js';
import type { ServerTransaction } from '../transaction/transaction-layer.js';
import { T1_MS, T2_MS, TIMEOUT_64T1_MS, type TimerClock, type TimerHandle } from '../transaction/timers.js';

export const InviteSessionState = {
  /** Before our 2xx: provisional responses only. */
  Early: 'Early',
  /** 2xx sent, waiting for the ACK. */
  Accepted: 'Accepted',
  Confirmed: 'Confirmed',
  Terminated: 'Terminated',
} as const;
export type InviteSessionState = (typeof InviteSessionState)[keyof typeof InviteSessionState];

/** Q.850 causes a leg ends with (seed 04's hangupcause). */
export const Q850 = {
  NORMAL_CLEARING: 16,
  CALL_REJECTED: 21,
  /** The answer in a late-offer ACK matched nothing we offered. */
  INCOMPATIBLE_DESTINATION: 88,
  RECOVERY_ON_TIMER_EXPIRY: 102,
} as const;

/** What the session sends requests with: the UA core's transaction layer and transport. */
export interface InDialogSender {
  /** Our Via for a new request on the dialog's transport. */
  via(): string;
  /** Sends a request in a client transaction; resolves with the final status, 408 on timeout, 503 on transport failure. */
  send(request: SipRequest): Promise<number>;
}

/** How the session answers a re-INVITE's offer: our answer body, or the status that refuses it. */
export type ReofferAnswer =
  { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly status: number };

export interface InviteSessionOptions {
  readonly invite: SipRequest;
  readonly transaction: InviteServerTransaction;
  readonly dialog: Dialog;
  /** Our Contact header value. */
  readonly contact: string;
  readonly clock: TimerClock;
  readonly sender: InDialogSender;
}

const SDP = 'application/sdp';

export class InviteSession implements LegSignaling {
  readonly invite: SipRequest;
  readonly dialog: Dialog;
  readonly #transaction: InviteServerTransaction;
  readonly #contact: string;
  readonly #clock: TimerClock;
  readonly #sender: InDialogSender;
  #state: InviteSessionState = InviteSessionState.Early;
  #rang = false;
  #answerBody: Buffer | null = null;
  /** Late offer: reads the answer the ACK of our 200 carries, then `answer()` settles. */
  #answerInAck: {
    readonly accept: (answer: Buffer) => boolean;
    settle: ((outcome: 'answered' | 'ended') => void) | null;
  } | null = null;
  #onReoffer: ((offer: Buffer) => ReofferAnswer) | null = null;
  #endListeners: ((end: LegEnd) => void)[] = [];
  #end: LegEnd | null = null;
  /** The 2xx being retransmitted until its ACK: the initial INVITE's or a re-INVITE's. */
  #byeAfterAck = false;
  #pending: {
    transaction: InviteServerTransaction;
    response: SipResponse;
    retransmit: TimerHandle | null;
    giveUp: TimerHandle;
  } | null = null;

  constructor(options: InviteSessionOptions) {
    this.invite = options.invite;
    this.dialog = options.dialog;
    this.#transaction = options.transaction;
    this.#contact = options.contact;
    this.#clock = options.clock;
    this.#sender = options.sender;
  }

  get state(): InviteSessionState {
    return this.#state;
  }

  get end(): LegEnd | null {
    return this.#end;
  }

  /**
   * Our SDP for the 200: the answer to the INVITE's offer or, when the INVITE had none, our offer
   * (then call `expectAnswerInAck`).
   */
  setAnswer(body: Buffer): void {
    this.#answerBody = body;
  }

  /**
   * Late offer (RFC 3261 section 13.2.1, RFC 3264 section 4): the INVITE carried no SDP, so our 200
   * carries the offer and the ACK must carry the answer. `accept` reads that answer; when there is
   * none or it is refused, the call ends with a BYE. `answer()` then resolves only once the ACK came,
   * since before it there is nowhere to send media.
   */
  expectAnswerInAck(accept: (answer: Buffer) => boolean): void {
    this.#answerInAck = { accept, settle: null };
  }

  /** How re-INVITE offers are answered (hold and resume). */
  onReoffer(handler: (offer: Buffer) => ReofferAnswer): void {
    this.#onReoffer = handler;
  }

  /** Told once when the session ends; a listener that comes after the end is told at once. */
  onEnded(listener: (end: LegEnd) => void): void {
    // The caller may cancel while the call is being routed, before its Call listens.
    if (this.#end !== null) listener(this.#end);
    else this.#endListeners.push(listener);
  }

  /** Answers the INVITE with a final error (404, 403, 488, 503...) before any dialog exists. */
  reject(status: number, reason?: string, headers: readonly (readonly [string, string])[] = []): void {
    if (this.#state !== 'Early') return;
    this.#transaction.respond(
      buildResponse(this.invite, status, reason, { toTag: this.dialog.localTag, headers }),
    );
    this.#terminate({ cause: Q850.CALL_REJECTED, source: 'GATEWAY', reason: String(status) });
  }

  ring(): void {
    if (this.#state !== 'Early' || this.#rang) return;
    this.#rang = true;
    this.#transaction.respond(this.#response(180, null));
  }

  async answer(): Promise<'answered' | 'ended'> {
    if (this.#state !== 'Early') return this.#state === 'Terminated' ? 'ended' : 'answered';
    if (this.#answerBody === null) throw new Error('answer() before setAnswer(): no SDP to send');
    this.#state = InviteSessionState.Accepted;
    this.#sendAccepted(this.#transaction, this.#response(200, this.#answerBody));
    const late = this.#answerInAck;
    if (late === null) return 'answered';
    return new Promise((resolve) => (late.settle = resolve));
  }

  async hangup(): Promise<void> {
    if (this.#state === 'Terminated') return;
    if (this.#state === 'Early') {
      // Before the answer there is no dialog to BYE: the INVITE gets a final decline (CallPort).
      this.reject(603, 'Decline');
      return;
    }
    const waitingForAck = this.#state === 'Accepted';
    this.#terminate({ cause: Q850.NORMAL_CLEARING, source: 'GATEWAY', reason: 'BYE' });
    // Section 15: "the callee's UA MUST NOT send a BYE on a confirmed dialog until it has received
    // an ACK for its 2xx response or until the server transaction times out".
    if (waitingForAck) this.#byeAfterAck = true;
    else await this.#sendBye();
  }

  /**
   * The ACK of our 2xx (section 13.3.1.4): retransmissions stop. An ACK carries the CSeq number of
   * the INVITE it acknowledges (section 17.1.1.3), so a late ACK of an earlier 200 does not stop
   * the retransmissions of a re-INVITE's.
   */
  receiveAck(ack: SipRequest): void {
    const pending = this.#pending;
    if (pending === null) return;
    const acked = parseCSeq(ack.headers.get('CSeq') ?? '');
    const answered = parseCSeq(pending.transaction.request.headers.get('CSeq') ?? '');
    if (!acked.ok || !answered.ok || acked.value.seq !== answered.value.seq) return;
    pending.retransmit?.cancel();
    pending.giveUp.cancel();
    this.#pending = null;
    if (this.#state === 'Accepted') this.#state = InviteSessionState.Confirmed;
    if (this.#byeAfterAck) {
      this.#byeAfterAck = false;
      void this.#sendBye();
    }
    if (pending.transaction === this.#transaction) this.#readAnswerInAck(ack);
  }

  #readAnswerInAck(ack: SipRequest): void {
    const late = this.#answerInAck;
    if (late === null) return;
    this.#answerInAck = null;
    if (this.#state === 'Confirmed' && ack.body.length > 0 && late.accept(ack.body)) {
      late.settle?.('answered');
      return;
    }
    if (this.#state === 'Confirmed') {
      this.#terminate({
        cause: Q850.INCOMPATIBLE_DESTINATION,
        source: 'GATEWAY',
        reason: ack.body.length === 0 ? 'no SDP answer in the ACK' : 'SDP answer refused',
      });
      void this.#sendBye();
    }
    late.settle?.('ended');
  }

  /** A BYE in the dialog (section 15.1.2): 200, and the caller is gone. */
  receiveBye(transaction: ServerTransaction): void {
    transaction.respond(buildResponse(transaction.request, 200));
    this.#stopRetransmitting();
    this.#byeAfterAck = false;
    if (this.#state === 'Early') this.#transaction.respond(this.#response(487, null));
    this.#terminate({ cause: Q850.NORMAL_CLEARING, source: 'CALLER', reason: 'BYE' });
  }

  /** The caller cancelled before our answer (section 9.2): the INVITE gets 487. */
  receiveCancel(): boolean {
    if (this.#state !== 'Early') return false;
    this.#transaction.respond(this.#response(487, null));
    this.#terminate({ cause: Q850.NORMAL_CLEARING, source: 'CALLER', reason: 'CANCEL' });
    return true;
  }

  /** A re-INVITE (section 14.2): hold, resume or a moved media address. */
  receiveReinvite(transaction: InviteServerTransaction, request: SipRequest): void {
    if (this.#state === 'Terminated') {
      transaction.respond(buildResponse(request, 481));
      return;
    }
    if (this.#pending !== null || this.#state === 'Early') {
      // Section 14.2: a re-INVITE while an INVITE transaction is still open (our final response
      // not sent, or its 2xx not acknowledged) gets 500 with Retry-After.
      transaction.respond(buildResponse(request, 500, undefined, { headers: [['Retry-After', '1']] }));
      return;
    }
    this.dialog.refreshTarget(request);
    const answer: ReofferAnswer =
      request.body.length === 0 || this.#onReoffer === null
        ? { ok: true, body: this.#answerBody ?? Buffer.alloc(0) }
        : this.#onReoffer(request.body);
    if (!answer.ok) {
      transaction.respond(buildResponse(request, answer.status));
      return;
    }
    this.#answerBody = answer.body;
    this.#sendAccepted(transaction, this.#response(200, answer.body, request));
  }

  #response(status: number, body: Buffer | null, request: SipRequest = this.invite): SipResponse {
    return buildResponse(request, status, undefined, {
      toTag: this.dialog.localTag,
      headers: status === 100 ? [] : [['Contact', this.#contact]],
      ...(body === null ? {} : { body: { contentType: SDP, content: body } }),
    });
  }

  /** Sends a 2xx and retransmits it at T1, doubling to T2, until the ACK or 64*T1 (13.3.1.4). */
  #sendAccepted(transaction: InviteServerTransaction, response: SipResponse): void {
    transaction.respond(response);
    let interval = T1_MS;
    const pending = {
      transaction,
      response,
      retransmit: null as TimerHandle | null,
      giveUp: this.#clock.setTimer(TIMEOUT_64T1_MS, () => this.#noAck()),
    };
    const again = (): void => {
      pending.retransmit = this.#clock.setTimer(interval, () => {
        if (this.#pending !== pending) return;
        transaction.respond(response);
        interval = Math.min(2 * interval, T2_MS);
        again();
      });
    };
    again();
    this.#pending = pending;
  }

  /** Section 13.3.1.4: no ACK within 64*T1 — the session ends with a BYE. */
  #noAck(): void {
    this.#stopRetransmitting();
    // A BYE is owed when the dialog is still up, or when our hang-up waited for this ACK.
    const owed = this.#state !== 'Terminated' || this.#byeAfterAck;
    this.#terminate({ cause: Q850.RECOVERY_ON_TIMER_EXPIRY, source: 'GATEWAY', reason: 'ACK timeout' });
    this.#byeAfterAck = false;
    if (owed) void this.#sendBye();
  }

  #stopRetransmitting(): void {
    this.#pending?.retransmit?.cancel();
    this.#pending?.giveUp.cancel();
    this.#pending = null;
  }

  #sendBye(): Promise<number> {
    return this.#sender.send(this.dialog.createRequest('BYE', this.#sender.via(), this.#contact));
  }

  #terminate(end: LegEnd): void {
    if (this.#state === 'Terminated') return;
    this.#state = InviteSessionState.Terminated;
    this.#end = end;
    // A late-offer answer() still waiting for its ACK will not get one now.
    this.#answerInAck?.settle?.('ended');
    for (const listener of this.#endListeners) listener(end);
  }
}
