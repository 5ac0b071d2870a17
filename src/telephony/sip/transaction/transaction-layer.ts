/**
 * The transaction layer (RFC 3261 section 17): keeps the live server and
 * client transactions, matches each incoming message to its transaction,
 * and hands the transaction user only what is new. A retransmitted request
 * is answered from its transaction and never reaches the TU again.
 * https://www.rfc-editor.org/rfc/rfc3261#section-17
 */
import type { SipRequest, SipResponse } from '../message/index.js';
import { InviteClientTransaction, type InviteClientDelegate } from './invite-client-transaction.js';
import { InviteServerTransaction } from './invite-server-transaction.js';
import {
  NonInviteClientTransaction,
  type ClientTransactionDelegate,
} from './non-invite-client-transaction.js';
import { NonInviteServerTransaction } from './non-invite-server-transaction.js';
import type { RequestChannel, ResponseChannel } from './transaction-channel.js';
import { cancelledInviteKey, clientTransactionKey, serverTransactionKey } from './transaction-key.js';
import type { TimerClock } from './timers.js';
import type { TransportSource } from '../transport/transport-source.js';

export type ServerTransaction = InviteServerTransaction | NonInviteServerTransaction;

/** The transaction user: the UA core above. */
export interface TransactionUser {
  /** A new request, with the server transaction made for it. */
  onRequest(request: SipRequest, transaction: ServerTransaction, source: TransportSource): void;
  /** An ACK matching no transaction: the ACK of a 2xx, which belongs to the dialog (section 13.2.2.4). */
  onAck(request: SipRequest): void;
  /** Timer H fired on an INVITE transaction: the ACK never came (section 17.2.1). */
  onInviteTimeout?(transaction: InviteServerTransaction): void;
}

export interface TransactionCounters {
  retransmissionsAbsorbed: number;
  strayResponses: number;
  unmatchable: number;
}

export class TransactionLayer {
  readonly #clock: TimerClock;
  readonly #user: TransactionUser;
  readonly #servers = new Map<string, ServerTransaction>();
  readonly #clients = new Map<string, NonInviteClientTransaction | InviteClientTransaction>();
  readonly counters: TransactionCounters = { retransmissionsAbsorbed: 0, strayResponses: 0, unmatchable: 0 };

  constructor(clock: TimerClock, user: TransactionUser) {
    this.#clock = clock;
    this.#user = user;
  }

  /** Live server and client transactions: zero once everything settled, or a leak. */
  get size(): number {
    return this.#servers.size + this.#clients.size;
  }

  /** A request from the transport, with the channel its responses take. */
  receiveRequest(request: SipRequest, channel: ResponseChannel, source: TransportSource): void {
    const key = serverTransactionKey(request);
    if (key === null) {
      this.counters.unmatchable += 1;
      return;
    }
    const existing = this.#servers.get(key);
    if (existing !== undefined) {
      this.counters.retransmissionsAbsorbed += request.method === 'ACK' ? 0 : 1;
      if (
        request.method === 'ACK' &&
        existing instanceof InviteServerTransaction &&
        existing.state === 'Accepted'
      ) {
        // The ACK of a 2xx on an RFC 2543 key lands here; it is still the dialog's.
        this.#user.onAck(request);
        return;
      }
      existing.receive(request);
      return;
    }
    if (request.method === 'ACK') {
      this.#user.onAck(request);
      return;
    }
    const transaction = this.#createServer(key, request, channel);
    this.#servers.set(key, transaction);
    this.#user.onRequest(request, transaction, source);
  }

  /** A response from the transport: to its client transaction, or dropped (section 18.1.2). */
  receiveResponse(response: SipResponse): void {
    const key = clientTransactionKey(response);
    const transaction = key === null ? undefined : this.#clients.get(key);
    if (transaction === undefined) {
      this.counters.strayResponses += 1;
      return;
    }
    transaction.receive(response);
  }

  /** The INVITE transaction a CANCEL names, when it is still there (section 9.2). */
  findCancelled(cancel: SipRequest): InviteServerTransaction | undefined {
    const key = cancelledInviteKey(cancel);
    const found = key === null ? undefined : this.#servers.get(key);
    return found instanceof InviteServerTransaction ? found : undefined;
  }

  /** Sends a non-INVITE request (BYE, OPTIONS) in a new client transaction. */
  sendRequest(
    request: SipRequest,
    channel: RequestChannel,
    delegate: ClientTransactionDelegate,
  ): NonInviteClientTransaction {
    return this.#startClient(
      request,
      delegate,
      (key, forgetting) => new NonInviteClientTransaction(key, request, channel, this.#clock, forgetting),
    );
  }

  /** Sends an INVITE in a new client transaction (section 17.1.1): outbound calls. */
  sendInvite(
    request: SipRequest,
    channel: RequestChannel,
    delegate: InviteClientDelegate,
  ): InviteClientTransaction {
    return this.#startClient(
      request,
      delegate,
      (key, forgetting) => new InviteClientTransaction(key, request, channel, this.#clock, forgetting),
    );
  }

  /** Keys, keeps and starts a client transaction; it is forgotten once it terminates. */
  #startClient<
    D extends { onTerminated?(): void },
    T extends NonInviteClientTransaction | InviteClientTransaction,
  >(request: SipRequest, delegate: D, make: (key: string, delegate: D) => T): T {
    const key = clientTransactionKey(request);
    if (key === null) throw new Error('a request we send must carry a Via branch and a CSeq');
    const transaction = make(key, {
      ...delegate,
      onTerminated: () => {
        this.#clients.delete(key);
        delegate.onTerminated?.();
      },
    });
    this.#clients.set(key, transaction);
    transaction.start();
    return transaction;
  }

  /** Ends every transaction at once (the process is stopping). */
  terminateAll(): void {
    for (const transaction of [...this.#servers.values(), ...this.#clients.values()]) transaction.terminate();
  }

  #createServer(key: string, request: SipRequest, channel: ResponseChannel): ServerTransaction {
    const forget = (): void => {
      this.#servers.delete(key);
    };
    if (request.method === 'INVITE') {
      const transaction: InviteServerTransaction = new InviteServerTransaction(
        key,
        request,
        channel,
        this.#clock,
        {
          onTerminated: forget,
          onTimeout: () => this.#user.onInviteTimeout?.(transaction),
        },
      );
      return transaction;
    }
    return new NonInviteServerTransaction(key, request, channel, this.#clock, { onTerminated: forget });
  }
}
