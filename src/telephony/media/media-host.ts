/**
 * The media side of every call, as the media thread runs it (media-worker.ts): the RTP port pool,
 * the one media clock, and per leg its RTP session, RTCP reporter and player. It takes the
 * commands of media-protocol.ts and answers with events through `emit`; tests drive it in-process.
 *
 * Why a thread of its own: the media clock must send each stream's packet every 20 ms within a
 * millisecond or two, and on the main thread it waited for whatever ran there (a scenario step,
 * a SQLite write, an HTTP request, a garbage collection of the main heap: several ms each). Here
 * it shares its event loop only with the RTP it receives, and its heap is small.
 */
import type { PromptEnd } from '../../scenario/call-port.js';
import { MediaClock, threadSleepingClockSource } from '../rtp/media-clock.js';
import { RtcpReporter } from '../rtp/rtcp-reporter.js';
import { RtpPortPool, type RtpSockets } from '../rtp/rtp-port-pool.js';
import { RtpSession } from '../rtp/rtp-session.js';
import type { LegMediaReport, LegStreamSettings, MediaCommand, MediaEvent } from './media-protocol.js';
import { RtpLegMedia } from './rtp-leg-media.js';

interface HostLeg {
  readonly sockets: RtpSockets;
  stream: { readonly media: RtpLegMedia; readonly rtp: RtpSession; readonly rtcp: RtcpReporter } | null;
  /** Plays going on, by number: the controller stops one. */
  readonly plays: Map<number, AbortController>;
}

export interface MediaHostOptions {
  readonly host: string;
  readonly rtpPorts: { readonly min: number; readonly max: number };
  readonly cname: string;
  readonly emit: (event: MediaEvent) => void;
  /** Tests hand in a clock on virtual time. */
  readonly clock?: MediaClock;
}

export class MediaHost {
  readonly clock: MediaClock;
  readonly #ports: RtpPortPool;
  readonly #cname: string;
  readonly #emit: (event: MediaEvent) => void;
  /** Legs whose ports are bound. */
  readonly #legs = new Map<number, HostLeg>();

  constructor(options: MediaHostOptions) {
    this.#ports = new RtpPortPool(options.host, options.rtpPorts);
    this.#cname = options.cname;
    this.#emit = options.emit;
    this.clock =
      options.clock ??
      new MediaClock({
        source: threadSleepingClockSource,
        // One call's bug must not stop every other call's media: report it and go on.
        onSubscriberError: (error) =>
          this.#emit({ op: 'warning', message: 'media tick failed for one call', detail: String(error) }),
      });
  }

  get capacity(): number {
    return this.#ports.capacity;
  }

  /** Legs whose ports are bound now. */
  get legCount(): number {
    return this.#legs.size;
  }

  handle(command: MediaCommand): void {
    switch (command.op) {
      case 'open':
        void this.#open(command.leg);
        return;
      case 'start':
        this.#start(command.leg, command.stream);
        return;
      case 'play':
        this.#play(command.leg, command.play, command.bytes, command.frameCount);
        return;
      case 'stop':
        this.#legs.get(command.leg)?.plays.get(command.play)?.abort();
        return;
      case 'sending':
        this.#legs.get(command.leg)?.stream?.media.setSending(command.sending);
        return;
      case 'remote':
        this.#legs.get(command.leg)?.stream?.rtp.setRemote(command.address, command.port);
        return;
      case 'keys': {
        const { leg, request } = command;
        const rtp = this.#legs.get(leg)?.stream?.rtp;
        const sent =
          rtp === undefined
            ? Promise.resolve(false)
            : rtp.sendDigits(command.keys, command.durationMs, command.gapMs);
        void sent.then((ok) => this.#emit({ op: 'keysSent', leg, request, sent: ok }));
        return;
      }
      case 'close':
        this.#close(command.leg);
        return;
      case 'stats':
        this.#emit({
          op: 'stats',
          request: command.request,
          clock: { ...this.clock.stats },
          legs: this.legCount,
        });
        return;
    }
  }

  /** Closes every leg, which stops the clock. */
  closeAll(): void {
    for (const leg of [...this.#legs.keys()]) this.#close(leg);
  }

  async #open(leg: number): Promise<void> {
    const sockets = await this.#ports.open();
    if (sockets !== null) this.#legs.set(leg, { sockets, stream: null, plays: new Map() });
    this.#emit({ op: 'opened', leg, port: sockets?.port ?? null });
  }

  #start(id: number, settings: LegStreamSettings): void {
    const leg = this.#legs.get(id);
    if (leg === undefined || leg.stream !== null) return;
    const media = new RtpLegMedia({ codec: settings.codec, inbandDtmf: settings.inbandDtmf });
    media.setSending(settings.sending);
    media.onDigit((digit) => this.#emit({ op: 'digit', leg: id, digit }));
    const rtcp = new RtcpReporter(leg.sockets.rtcp, this.#cname);
    const rtp = new RtpSession({
      socket: leg.sockets.rtp,
      clock: this.clock,
      payloadType: settings.payloadType,
      telephoneEventPayloadType: settings.telephoneEventPayloadType,
      remote: settings.remote,
      source: media,
      delegate: media,
      rtcp,
    });
    leg.stream = { media, rtp, rtcp };
  }

  #play(id: number, play: number, bytes: Uint8Array | null, frameCount: number): void {
    const leg = this.#legs.get(id);
    if (leg?.stream == null) {
      this.#emit({ op: 'played', leg: id, play, end: 'aborted' });
      return;
    }
    const controller = new AbortController();
    leg.plays.set(play, controller);
    const ended: Promise<PromptEnd> =
      bytes === null
        ? leg.stream.media.silence(frameCount * 20, controller.signal)
        : leg.stream.media.play(
            { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), frameCount },
            controller.signal,
          );
    void ended.then((end) => {
      leg.plays.delete(play);
      this.#emit({ op: 'played', leg: id, play, end });
    });
  }

  #close(id: number): void {
    const leg = this.#legs.get(id);
    if (leg === undefined) {
      // The main thread closes only legs it was told are open; answer anyway, so nothing waits.
      this.#emit({ op: 'closed', leg: id, report: null });
      return;
    }
    this.#legs.delete(id);
    const stream = leg.stream;
    stream?.media.close();
    stream?.rtp.close();
    this.#ports.release(leg.sockets);
    this.#emit({ op: 'closed', leg: id, report: stream === null ? null : reportOf(stream.rtp, stream.rtcp) });
  }
}

function reportOf(rtp: RtpSession, rtcp: RtcpReporter): LegMediaReport {
  return {
    sent: rtp.counters.packetsSent,
    received: rtp.counters.packetsReceived,
    lost: rtp.reception.lost,
    jitterMs: Math.round(rtp.reception.jitterMs * 10) / 10,
    dropped: rtp.counters.packetsDropped,
    rtcpReceived: rtcp.counters.senderReports + rtcp.counters.receiverReports,
    rtcpSent: rtcp.counters.sent,
    peerFractionLost: rtcp.counters.peerFractionLost,
    peerJitter: rtcp.counters.peerJitter,
  };
}
