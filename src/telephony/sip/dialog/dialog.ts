/**
 * A dialog as the UAS of an INVITE builds it (RFC 3261 section 12.1.1), and
 * the requests it sends inside it (section 12.2.1.1): Call-ID, our tag and
 * theirs, the CSeq counters, the remote target from their Contact and the
 * route set from Record-Route, kept in order.
 * https://www.rfc-editor.org/rfc/rfc3261#section-12
 */
import {
  SipHeaders,
  parseCSeq,
  parseNameAddr,
  parseUri,
  serializeCSeq,
  serializeNameAddr,
  serializeUri,
  nameAddrTag,
  withTag,
  type NameAddr,
  type SipRequest,
  type Uri,
} from '../message/index.js';

/** The dialog id of section 12: Call-ID, local tag, remote tag. */
export function dialogId(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}\n${localTag}\n${remoteTag}`;
}

export type DialogParse =
  { readonly ok: true; readonly dialog: Dialog } | { readonly ok: false; readonly reason: string };

export class Dialog {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  /** Our identity: the INVITE's To, with our tag. */
  readonly local: NameAddr;
  /** Theirs: the INVITE's From. */
  readonly remote: NameAddr;
  /** Requests we send go here: the Contact of their INVITE or latest target refresh (12.2.1.1). */
  remoteTarget: Uri;
  /** Record-Route of the INVITE, in order (section 12.1.1: the UAS keeps it as received). */
  readonly routeSet: readonly string[];
  remoteSeq: number;
  #localSeq: number;

  private constructor(fields: {
    callId: string;
    localTag: string;
    remoteTag: string;
    local: NameAddr;
    remote: NameAddr;
    remoteTarget: Uri;
    routeSet: readonly string[];
    remoteSeq: number;
  }) {
    this.callId = fields.callId;
    this.localTag = fields.localTag;
    this.remoteTag = fields.remoteTag;
    this.local = fields.local;
    this.remote = fields.remote;
    this.remoteTarget = fields.remoteTarget;
    this.routeSet = fields.routeSet;
    this.remoteSeq = fields.remoteSeq;
    // The UAS's local sequence number starts empty; any start works, 1 is as good as random here.
    this.#localSeq = 0;
  }

  get id(): string {
    return dialogId(this.callId, this.localTag, this.remoteTag);
  }

  /** Section 12.1.1: the dialog state of a UAS answering `invite` with `localTag`. */
  static fromInvite(invite: SipRequest, localTag: string): DialogParse {
    const from = parseNameAddr(invite.headers.get('From') ?? '');
    const to = parseNameAddr(invite.headers.get('To') ?? '');
    const cseq = parseCSeq(invite.headers.get('CSeq') ?? '');
    const callId = invite.headers.get('Call-ID');
    if (!from.ok || !to.ok || !cseq.ok || callId === undefined)
      return { ok: false, reason: 'Malformed From, To, CSeq or Call-ID' };
    const contactText = invite.headers.get('Contact');
    if (contactText === undefined) return { ok: false, reason: 'Missing Contact header' };
    const contact = parseNameAddr(contactText);
    if (!contact.ok) return { ok: false, reason: 'Malformed Contact header' };
    return {
      ok: true,
      dialog: new Dialog({
        callId,
        localTag,
        remoteTag: nameAddrTag(from.value) ?? '',
        local: withTag(to.value, localTag),
        remote: from.value,
        remoteTarget: contact.value.uri,
        routeSet: invite.headers.getAll('Record-Route'),
        remoteSeq: cseq.value.seq,
      }),
    };
  }

  /**
   * Section 12.2.2: a request inside the dialog whose CSeq is lower than the last one is out of
   * order and gets 500; otherwise the remote sequence number moves on.
   */
  acceptsSequence(request: SipRequest): boolean {
    const cseq = parseCSeq(request.headers.get('CSeq') ?? '');
    if (!cseq.ok) return false;
    if (request.method === 'ACK' || request.method === 'CANCEL') return true;
    if (cseq.value.seq < this.remoteSeq) return false;
    this.remoteSeq = cseq.value.seq;
    return true;
  }

  /** A target refresh (re-INVITE) may move their Contact (section 12.2.2). */
  refreshTarget(request: SipRequest): void {
    const contact = parseNameAddr(request.headers.get('Contact') ?? '');
    if (contact.ok) this.remoteTarget = contact.value.uri;
  }

  /** Section 12.2.1.1: a new request in the dialog, with `via` as its top Via. */
  createRequest(method: string, via: string, contact: string): SipRequest {
    this.#localSeq += 1;
    const headers = new SipHeaders([
      ['Via', via],
      ['Max-Forwards', '70'],
      ...this.routeSet.map((route) => ['Route', route] as const),
      ['From', serializeNameAddr(this.local)],
      ['To', serializeNameAddr(this.remote)],
      ['Call-ID', this.callId],
      ['CSeq', serializeCSeq({ seq: this.#localSeq, method })],
      ['Contact', contact],
    ]);
    // With a loose-routing route set (or none) the Request-URI is the remote target (12.2.1.1).
    const target = parseUri(serializeUri(this.remoteTarget));
    return {
      kind: 'request',
      method,
      requestUri: target.ok ? target.value : this.remoteTarget,
      version: 'SIP/2.0',
      headers,
      body: Buffer.alloc(0),
    };
  }
}
