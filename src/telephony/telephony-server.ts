/**
 * The telephony side of a node: the SIP user agent, the RTP ports, the one
 * media clock, and the live calls. An INVITE is admitted through the
 * application's InboundCallHandler (routing), gets an RTP port pair and an
 * SDP answer, becomes a Call, and runs until either side hangs up. On
 * SIGTERM it drains: new INVITEs get 503, calls may finish for a while, the
 * rest are hung up (docs/telephony.md).
 */
import { randomInt } from 'node:crypto';
import { Call } from './call.js';
import type { LegEnd, LegPrompts } from './call-leg.js';
import type { InboundCallHandler, InboundCallRequest, LiveCall } from './inbound-call-handler.js';
import type { LegCodec } from './media/rtp-leg-media.js';
import { MediaThread } from './media/media-thread.js';
import type { ThreadLegMedia } from './media/thread-leg-media.js';
import type { ThreadPriority } from './media/thread-priority.js';
import type { NegotiatedMedia } from './sdp/negotiated-media.js';
import { acceptAnswer, answerOffer, buildOffer, type LocalMedia } from './sdp/offer-answer.js';
import { parseSdp } from './sdp/parse.js';
import { serializeSdp } from './sdp/serialize.js';
import type { SessionDescription } from './sdp/session-description.js';
import { parseNameAddr, type SipRequest, type Uri } from './sip/message/index.js';
import { SipUserAgent } from './sip/sip-user-agent.js';
import type { TransportSource } from './sip/transport/transport-source.js';
import type { InviteSession } from './sip/ua/invite-session.js';

/** What the telephony layer logs through; pino's Logger fits. */
export interface TelephonyLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

export interface TelephonyServerOptions {
  readonly host: string;
  readonly port: number;
  readonly publicHost: string;
  readonly rtpPorts: { readonly min: number; readonly max: number };
  readonly handler: InboundCallHandler;
  /** Where a call's prompts come from, for its codec. */
  readonly prompts: (codec: LegCodec) => LegPrompts;
  readonly log: TelephonyLog;
  /** The scheduling the media thread asks for (null: none); see media/thread-priority.ts. */
  readonly mediaThreadPriority?: ThreadPriority | null;
}

interface LiveEntry {
  readonly call: Call;
  /** Settles once the call's run is over, its record written (the application's `run`). */
  readonly finished: Promise<unknown>;
}

/** How long a drain waits, once it has hung up, for the BYEs' answers and the call records. */
const DRAIN_GRACE_MS = 2000;

export class TelephonyServer {
  readonly sip: SipUserAgent;
  /** RTP, the media clock, prompts and digits, on a thread of their own. */
  readonly media: MediaThread;
  readonly #options: TelephonyServerOptions;
  readonly #live = new Map<string, LiveEntry>();
  #draining = false;

  private constructor(options: TelephonyServerOptions, sip: SipUserAgent, media: MediaThread) {
    this.#options = options;
    this.sip = sip;
    this.media = media;
  }

  static async start(options: TelephonyServerOptions): Promise<TelephonyServer> {
    let onInvite: ((session: InviteSession, source: TransportSource) => void) | null = null;
    const media = await MediaThread.start(
      {
        host: options.host,
        rtpPorts: options.rtpPorts,
        priority: options.mediaThreadPriority ?? null,
        cname: `voxgate@${options.publicHost}`,
      },
      options.log,
    );
    let sip: SipUserAgent;
    try {
      sip = await SipUserAgent.start({
        host: options.host,
        port: options.port,
        publicHost: options.publicHost,
        delegate: { onInvite: (session, source) => onInvite?.(session, source) },
        onRefused: (reason, source) =>
          options.log.debug({ reason, from: `${source.address}:${source.port}` }, 'SIP message refused'),
      });
    } catch (error) {
      await media.close();
      throw error;
    }
    const server = new TelephonyServer(options, sip, media);
    onInvite = (session, source) => {
      server.#onInvite(session, source).catch((error: unknown) => {
        // A bug on the way to answering: the caller gets 500 rather than silence, the process lives.
        options.log.warn({ err: error }, 'inbound call could not be set up');
        session.reject(500, 'Server Internal Error');
      });
    };
    return server;
  }

  get port(): number {
    return this.sip.port;
  }

  /** Calls up now, by our call id. */
  get liveCallIds(): string[] {
    return [...this.#live.keys()];
  }

  /** Hangs one live call up (its scenario stops); false when no such call is up. */
  async hangup(callId: string): Promise<boolean> {
    const entry = this.#live.get(callId);
    if (entry === undefined) return false;
    await entry.call.release();
    return true;
  }

  /**
   * Stops taking calls (503), lets live calls go on for `seconds`, then hangs up the rest and
   * closes the sockets.
   */
  async drain(seconds: number): Promise<void> {
    this.#draining = true;
    this.sip.core.drain();
    const deadline = Date.now() + seconds * 1000;
    while (this.#live.size > 0 && Date.now() < deadline) await delay(Math.min(200, deadline - Date.now()));
    const left = [...this.#live.values()];
    if (left.length > 0)
      this.#options.log.info({ calls: left.length }, 'drain time is up, hanging up the calls left');
    // Give the BYEs a moment to be answered, and the runs to write their call records, before the
    // sockets go and the application closes its database.
    const byes = Promise.all(left.map((entry) => entry.call.release()));
    await Promise.race([Promise.all([byes, ...left.map((entry) => entry.finished)]), delay(DRAIN_GRACE_MS)]);
    await this.close();
  }

  async close(): Promise<void> {
    for (const entry of this.#live.values()) void entry.call.release();
    await this.sip.close();
    await this.media.close();
  }

  async #onInvite(session: InviteSession, source: TransportSource): Promise<void> {
    if (this.#draining) {
      session.reject(503, 'Service Unavailable', [['Retry-After', '30']]);
      return;
    }
    const offer = readOffer(session.invite);
    if (!offer.ok) {
      session.reject(offer.status, offer.reason);
      return;
    }
    // Media comes before routing: admission opens the call's record, so a call we cannot carry
    // (no port, no codec in common) is refused before there is a record to leave open.
    const media = await this.#openMedia(session, offer.value);
    if (media === null) return;
    const request = describeInvite(session.invite, source);
    let admission: Awaited<ReturnType<InboundCallHandler['admit']>>;
    try {
      admission = await this.#options.handler.admit(request);
    } catch (error) {
      media.leg.close();
      throw error;
    }
    if (!admission.accept) {
      media.leg.close();
      session.reject(admission.status, admission.reason);
      return;
    }
    // Admitted, its record open: the call starts even when the caller cancelled meanwhile. It then
    // ends at once, and its run closes the record with the caller's CANCEL.
    this.#startCall(session, media, admission, request);
  }

  /**
   * An RTP port pair and our SDP for the 200: the answer to the INVITE's offer, or our offer when
   * it had none (late offer); null once the INVITE is refused or gone.
   */
  async #openMedia(session: InviteSession, offer: SessionDescription | null): Promise<CallMedia | null> {
    const leg = await this.media.openLeg();
    if (leg === null) {
      this.#options.log.warn({ capacity: this.media.capacity }, 'no RTP port left: call refused');
      session.reject(503, 'No media port available');
      return null;
    }
    const local: LocalMedia = {
      address: this.#options.publicHost,
      port: leg.port,
      codecs: ['PCMU', 'PCMA'],
      telephoneEvent: true,
      sessionId: String(randomInt(1, 2 ** 47)),
      sessionVersion: '1',
    };
    if (offer === null) return { leg, local, description: buildOffer(local), negotiated: null };
    const answered = answerOffer(offer, local);
    if (!answered.ok || session.state !== 'Early') {
      leg.close();
      if (!answered.ok) session.reject(answered.status, answered.reason);
      return null;
    }
    return { leg, local, description: answered.answer, negotiated: answered.media };
  }

  #startCall(
    session: InviteSession,
    opened: CallMedia,
    admission: Extract<Awaited<ReturnType<InboundCallHandler['admit']>>, { accept: true }>,
    request: InboundCallRequest,
  ): void {
    const { leg: media, local } = opened;
    let lastAnswer: SessionDescription = opened.description;
    // Late offer: prompts are encoded for the first codec of our offer until the ACK's answer says.
    let prompts: LegPrompts = this.#options.prompts(opened.negotiated?.codec ?? 'PCMU');
    const startStream = (negotiated: NegotiatedMedia): void => {
      if (opened.negotiated === null) prompts = this.#options.prompts(negotiated.codec);
      media.start({
        codec: negotiated.codec,
        payloadType: negotiated.payloadType,
        telephoneEventPayloadType: negotiated.telephoneEventPayloadType,
        remote: { address: negotiated.remoteAddress, port: negotiated.remotePort },
        sending: !negotiated.remoteHold,
        inbandDtmf: true,
      });
    };
    if (opened.negotiated !== null) startStream(opened.negotiated);
    else
      session.expectAnswerInAck((body) => {
        const parsed = parseSdp(body.toString('utf8'));
        const accepted = parsed.ok ? acceptAnswer(opened.description, parsed.value) : null;
        if (accepted?.ok !== true) return false;
        startStream(accepted.media);
        return true;
      });
    media.onReport((report) => {
      if (report !== null)
        this.#options.log.info({ callId: admission.callId, ...report }, 'call media ended');
    });
    session.setAnswer(Buffer.from(serializeSdp(opened.description)));
    session.onReoffer((body) => {
      const parsed = parseSdp(body.toString('utf8'));
      if (!parsed.ok) return { ok: false, status: 488 };
      const again = answerOffer(parsed.value, local, { previous: lastAnswer });
      if (!again.ok) return { ok: false, status: 488 };
      lastAnswer = again.answer;
      media.setSending(!again.media.remoteHold);
      if (!again.media.remoteHold) media.setRemote(again.media.remoteAddress, again.media.remotePort);
      return { ok: true, body: Buffer.from(serializeSdp(again.answer)) };
    });
    let answeredListener: ((at: number) => void) | null = null;
    let settle: (value: { end: LegEnd; answeredAt: number | null }) => void = () => undefined;
    const ended = new Promise<{ end: LegEnd; answeredAt: number | null }>((resolve) => (settle = resolve));
    const call = new Call({
      info: {
        callId: admission.callId,
        direction: 'inbound',
        from: admission.from,
        to: admission.to,
        callerName: request.callerName,
      },
      signaling: session,
      media,
      prompts: {
        speak: (prompt, signal) => prompts.speak(prompt, signal),
        fetch: (url, signal) => prompts.fetch(url, signal),
      },
      delegate: {
        onAnswered: (at) => answeredListener?.(at),
        onEnded: (end, answeredAt) => settle({ end, answeredAt }),
        onPromptFailed: (reason) =>
          this.#options.log.warn({ callId: admission.callId, reason }, 'prompt could not be played'),
      },
    });
    session.ring();
    const live: LiveCall = {
      port: call,
      ended,
      onAnswered: (listener) => (answeredListener = listener),
      hangup: () => call.hangup(),
    };
    const finished = admission
      .run(live)
      .catch((error: unknown) =>
        this.#options.log.warn({ callId: admission.callId, err: error }, 'call run failed'),
      )
      .then(() => call.hangup())
      .finally(() => this.#live.delete(admission.callId));
    this.#live.set(admission.callId, { call, finished });
  }
}

/** A new call's RTP leg and the SDP of its 200. */
interface CallMedia {
  readonly leg: ThreadLegMedia;
  readonly local: LocalMedia;
  /** Our answer to the INVITE's offer, or our offer when it had none. */
  readonly description: SessionDescription;
  /** What the offer and answer settled; null until a late offer's ACK brings the answer. */
  readonly negotiated: NegotiatedMedia | null;
}

type OfferRead =
  { ok: true; value: SessionDescription | null } | { ok: false; status: 488 | 400; reason: string };

/** The INVITE's SDP offer; null for an INVITE without one (late offer: the answer comes in the ACK). */
function readOffer(invite: SipRequest): OfferRead {
  if (invite.body.length === 0) return { ok: true, value: null };
  const parsed = parseSdp(invite.body.toString('utf8'));
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, status: 488, reason: 'Malformed SDP' };
}

function userOf(uri: Uri | undefined): string {
  if (uri === undefined) return '';
  if (uri.kind === 'sip') return uri.user ?? '';
  if (uri.kind === 'tel') return uri.number;
  return '';
}

function describeInvite(invite: SipRequest, source: TransportSource): InboundCallRequest {
  const from = parseNameAddr(invite.headers.get('From') ?? '');
  const to = parseNameAddr(invite.headers.get('To') ?? '');
  const caller = from.ok ? userOf(from.value.uri) : '';
  const privacy = (invite.headers.get('Privacy') ?? '').toLowerCase();
  return {
    sipCallId: invite.headers.get('Call-ID') ?? '',
    dialled: userOf(invite.requestUri) || (to.ok ? userOf(to.value.uri) : ''),
    caller,
    callerName: from.ok ? (from.value.displayName ?? '') : '',
    callerWithheld: caller.toLowerCase() === 'anonymous' || privacy.includes('id'),
    transport: source.transport,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
