/**
 * The UA core (RFC 3261 sections 8.2, 12, 13 to 15): the transaction user
 * that turns requests into sessions. A new INVITE becomes an InviteSession
 * handed to the delegate; requests inside a dialog go to their session;
 * CANCEL finds its INVITE; OPTIONS is answered with what we allow; anything
 * else gets 405, and a request for a dialog we do not know 481.
 * https://www.rfc-editor.org/rfc/rfc3261#section-8.2
 */
import { buildResponse, generateTag, nameAddrTag, parseNameAddr, type SipRequest } from '../message/index.js';
import { Dialog, dialogId } from '../dialog/dialog.js';
import type { InviteServerTransaction } from '../transaction/invite-server-transaction.js';
import type { ServerTransaction, TransactionUser } from '../transaction/transaction-layer.js';
import { TIMEOUT_64T1_MS, type TimerClock } from '../transaction/timers.js';
import type { TransportSource } from '../transport/transport-source.js';
import { InviteSession, type InDialogSender } from './invite-session.js';

/** The methods we implement, in the Allow header of OPTIONS and 405 (section 20.5). */
export const ALLOWED_METHODS = ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS'] as const;
const ALLOW = ALLOWED_METHODS.join(', ');

export interface UserAgentDelegate {
  /** A new call: the delegate rings, answers or rejects it through the session. */
  onInvite(session: InviteSession, source: TransportSource): void;
}

export interface UserAgentCoreOptions {
  readonly clock: TimerClock;
  readonly delegate: UserAgentDelegate;
  /** Our Contact header value. */
  readonly contact: string;
  /** How a session sends its BYE, given where its INVITE came from. */
  readonly senderFor: (source: TransportSource) => InDialogSender;
  /** Finds the INVITE transaction a CANCEL names (the transaction layer). */
  readonly findCancelled: (cancel: SipRequest) => InviteServerTransaction | undefined;
}

export class UserAgentCore implements TransactionUser {
  readonly #options: UserAgentCoreOptions;
  readonly #dialogs = new Map<string, InviteSession>();
  readonly #byTransaction = new Map<InviteServerTransaction, InviteSession>();
  #draining = false;

  constructor(options: UserAgentCoreOptions) {
    this.#options = options;
  }

  /** Dialogs known: live ones, and ended ones kept for 64*T1 to answer late retransmissions. */
  get sessionCount(): number {
    return this.#dialogs.size;
  }

  get sessions(): IterableIterator<InviteSession> {
    return this.#dialogs.values();
  }

  /** From now on new INVITEs get 503 (section 21.5.4): the node is going away. */
  drain(): void {
    this.#draining = true;
  }

  onRequest(request: SipRequest, transaction: ServerTransaction, source: TransportSource): void {
    const required = request.method === 'CANCEL' ? [] : request.headers.getAll('Require');
    if (required.length > 0) {
      // Section 8.2.2.3: we support no extension a request may require; 420 lists them back.
      transaction.respond(
        buildResponse(request, 420, undefined, { headers: [['Unsupported', required.join(', ')]] }),
      );
      return;
    }
    const toTag = tagOf(request.headers.get('To'));
    if (request.method === 'CANCEL') return this.#cancel(request, transaction);
    if (toTag !== undefined) return this.#inDialog(request, transaction);
    switch (request.method) {
      case 'INVITE':
        return this.#invite(request, transaction as InviteServerTransaction, source);
      case 'OPTIONS':
        return this.#options200(request, transaction);
      case 'BYE':
        // A BYE with no To tag names no dialog we made (section 15.1.2).
        return transaction.respond(buildResponse(request, 481));
      default:
        return transaction.respond(buildResponse(request, 405, undefined, { headers: [['Allow', ALLOW]] }));
    }
  }

  onAck(request: SipRequest): void {
    const session = this.#dialogs.get(this.#dialogKey(request));
    session?.receiveAck(request);
  }

  #invite(request: SipRequest, transaction: InviteServerTransaction, source: TransportSource): void {
    if (this.#draining) {
      transaction.respond(
        buildResponse(request, 503, 'Service Unavailable', { headers: [['Retry-After', '30']] }),
      );
      return;
    }
    transaction.respond(buildResponse(request, 100));
    const tag = generateTag();
    const made = Dialog.fromInvite(request, tag);
    if (!made.ok) {
      transaction.respond(buildResponse(request, 400, made.reason, { toTag: tag }));
      return;
    }
    const session = new InviteSession({
      invite: request,
      transaction,
      dialog: made.dialog,
      contact: this.#options.contact,
      clock: this.#options.clock,
      sender: this.#options.senderFor(source),
    });
    const id = made.dialog.id;
    this.#dialogs.set(id, session);
    this.#byTransaction.set(transaction, session);
    session.onEnded(() => {
      this.#byTransaction.delete(transaction);
      // The dialog stays reachable a while after it ends, so a late ACK or BYE retransmission is
      // answered by the session rather than 481 (the client transaction retransmits for 64*T1).
      this.#options.clock.setTimer(TIMEOUT_64T1_MS, () => this.#dialogs.delete(id));
    });
    this.#options.delegate.onInvite(session, source);
  }

  #inDialog(request: SipRequest, transaction: ServerTransaction): void {
    const session = this.#dialogs.get(this.#dialogKey(request));
    if (session === undefined) {
      transaction.respond(buildResponse(request, 481));
      return;
    }
    if (!session.dialog.acceptsSequence(request)) {
      transaction.respond(buildResponse(request, 500, 'CSeq out of order'));
      return;
    }
    switch (request.method) {
      case 'BYE':
        return session.receiveBye(transaction);
      case 'INVITE':
        return session.receiveReinvite(transaction as InviteServerTransaction, request);
      case 'OPTIONS':
        return this.#options200(request, transaction);
      default:
        return transaction.respond(buildResponse(request, 405, undefined, { headers: [['Allow', ALLOW]] }));
    }
  }

  /** Section 9.2: 200 to the CANCEL and 487 to its INVITE, or 481 when nothing matches. */
  #cancel(request: SipRequest, transaction: ServerTransaction): void {
    const invite = this.#options.findCancelled(request);
    const session = invite === undefined ? undefined : this.#byTransaction.get(invite);
    if (invite === undefined) {
      transaction.respond(buildResponse(request, 481));
      return;
    }
    transaction.respond(buildResponse(request, 200));
    session?.receiveCancel();
  }

  #options200(request: SipRequest, transaction: ServerTransaction): void {
    transaction.respond(
      buildResponse(request, 200, undefined, {
        toTag: generateTag(),
        headers: [
          ['Allow', ALLOW],
          ['Accept', 'application/sdp'],
          ['Contact', this.#options.contact],
        ],
      }),
    );
  }

  /** The dialog id a request names, seen from our side: To tag is ours, From tag theirs (12.2.2). */
  #dialogKey(request: SipRequest): string {
    return dialogId(
      request.headers.get('Call-ID') ?? '',
      tagOf(request.headers.get('To')) ?? '',
      tagOf(request.headers.get('From')) ?? '',
    );
  }
}

function tagOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = parseNameAddr(value);
  return parsed.ok ? nameAddrTag(parsed.value) : undefined;
}
