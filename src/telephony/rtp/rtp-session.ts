/**
 * One call's RTP stream (RFC 3550) on its own UDP socket: sends a 20 ms frame
 * on every tick of the shared media clock, and receives the peer's packets.
 *
 * - Symmetric RTP: we send to where the peer's packets come from (latching),
 *   which gets through the NAT in front of a softphone; the SDP address is
 *   only the first guess. https://www.rfc-editor.org/rfc/rfc4961
 * - No allocation per packet: one packet buffer is rewritten each tick (the
 *   socket copies it into its send arena), and received packets are read
 *   where the socket's arena holds them.
 * - Reception statistics as RFC 3550 appendix A.3 and A.8 define them
 *   (extended sequence numbers, expected, lost, interarrival jitter), for the
 *   RTCP reports and the call's log line.
 */
import { randomInt } from 'node:crypto';
import type { MediaClock, MediaClockSubscriber } from './media-clock.js';
import {
  RTP_HEADER_BYTES,
  createRtpHeader,
  parseRtpHeader,
  writeRtpHeader,
  type RtpHeader,
  type RtpHeaderFields,
} from './rtp-packet.js';
import { ReceptionStatistics } from './reception-statistics.js';
import { REPORT_INTERVAL_TICKS, type RtcpReporter } from './rtcp-reporter.js';
import type { DatagramReceiver, DatagramSource, RtpSocket } from './rtp-io.js';
import { TELEPHONE_EVENT_PACKET_BYTES, TelephoneEventSender } from './telephone-event.js';

/** G.711 at 8 kHz: 160 samples, and as many bytes, per 20 ms. */
export const FRAME_BYTES = 160;
export const FRAME_TIMESTAMP_STEP = 160;
/** A new source must send this many packets in a row before we re-latch to it. */
export const RELATCH_PACKETS = 5;

/** Fills the next frame's payload; returns false to send nothing this tick (on hold). */
export interface FrameSource {
  fillFrame(payload: Buffer, offset: number): boolean;
}

export interface RtpSessionDelegate {
  /** An audio packet's payload (a view valid only during the call). */
  onAudio?(payload: Uint8Array, offset: number, length: number, payloadType: number): void;
  /** A telephone-event packet's payload (RFC 4733), with its RTP timestamp. */
  onTelephoneEvent?(
    payload: Uint8Array,
    offset: number,
    length: number,
    timestamp: number,
    ssrc: number,
  ): void;
}

export interface RtpSessionOptions {
  readonly socket: RtpSocket;
  readonly clock: MediaClock;
  readonly payloadType: number;
  readonly telephoneEventPayloadType: number | null;
  readonly remote: { readonly address: string; readonly port: number };
  readonly source: FrameSource;
  readonly delegate: RtpSessionDelegate;
  readonly ssrc?: number;
  /** Sends our RTCP reports and counts the peer's. */
  readonly rtcp?: RtcpReporter;
}

/** Keys being sent as telephone-events: what is left, and the audio gap before the next key. */
interface KeySending {
  readonly sender: TelephoneEventSender;
  readonly keys: string[];
  readonly durationMs: number;
  readonly gapTicks: number;
  gapLeft: number;
  readonly done: () => void;
}

export interface RtpCounters {
  packetsSent: number;
  octetsSent: number;
  packetsReceived: number;
  /** Packets that were not RTP, too short, or from a source we do not listen to. */
  packetsDropped: number;
  relatched: number;
}

export class RtpSession implements MediaClockSubscriber, DatagramReceiver {
  readonly ssrc: number;
  readonly counters: RtpCounters = {
    packetsSent: 0,
    octetsSent: 0,
    packetsReceived: 0,
    packetsDropped: 0,
    relatched: 0,
  };
  readonly reception = new ReceptionStatistics(8000);
  readonly #socket: RtpSocket;
  readonly #clock: MediaClock;
  readonly #eventPayloadType: number | null;
  readonly #source: FrameSource;
  readonly #delegate: RtpSessionDelegate;
  readonly #packet = Buffer.alloc(RTP_HEADER_BYTES + FRAME_BYTES);
  readonly #header: RtpHeader = createRtpHeader();
  /** The outgoing header, updated in place for each packet. */
  readonly #out: RtpHeaderFields;
  #first = true;
  #remoteAddress: string;
  #remotePort: number;
  #latched = false;
  /** A source other than the peer, by its key, and how many packets in a row it sent. */
  #candidate: { key: string; count: number } | null = null;
  /** The key of the source last latched to, for packets read before the latch. */
  #peerKey = '';
  #closed = false;
  #ticks = 0;
  /** Keys queued for RFC 4733 sending, with the gap left before the next one. */
  #dtmf: KeySending | null = null;
  readonly #timestampBase = randomUint32();
  #peerSsrc: number | null = null;
  readonly #rtcp: RtcpReporter | null;

  constructor(options: RtpSessionOptions) {
    this.#socket = options.socket;
    this.#clock = options.clock;
    this.#eventPayloadType = options.telephoneEventPayloadType;
    this.#source = options.source;
    this.#delegate = options.delegate;
    this.#remoteAddress = options.remote.address;
    this.#remotePort = options.remote.port;
    this.#rtcp = options.rtcp ?? null;
    // Random initial values (RFC 3550 section 5.1): a known start helps attacks on encryption.
    this.ssrc = options.ssrc ?? randomUint32();
    this.#out = {
      marker: false,
      payloadType: options.payloadType,
      sequenceNumber: randomUint32() & 0xffff,
      timestamp: randomUint32(),
      ssrc: this.ssrc,
    };
    this.#socket.setPeer(this.#remoteAddress, this.#remotePort);
    this.#socket.setReceiver(this);
    this.#clock.add(this);
  }

  get remote(): { readonly address: string; readonly port: number } {
    return { address: this.#remoteAddress, port: this.#remotePort };
  }

  /** A re-INVITE moved the peer's media (hold with a new address, a transfer). */
  setRemote(address: string, port: number): void {
    this.#remoteAddress = address;
    this.#remotePort = port;
    this.#socket.setPeer(address, port);
    this.#latched = false;
  }

  /** The media clock's 20 ms tick: one frame out, or nothing. */
  onTick(tickIndex: number): void {
    if (this.#closed) return;
    this.#ticks += 1;
    if (this.#rtcp !== null && this.#ticks % REPORT_INTERVAL_TICKS === 0) this.#report(this.#rtcp);
    const packet = this.#packet;
    const out = this.#out;
    // The timestamp follows the sampling clock whether or not we send (section 5.1): derived from
    // the tick index, it stays true to wall time even after the clock skipped stalled ticks.
    out.timestamp = (this.#timestampBase + tickIndex * FRAME_TIMESTAMP_STEP) >>> 0;
    if (this.#dtmf !== null && this.#sendKey(this.#dtmf, packet)) return;
    if (!this.#source.fillFrame(packet, RTP_HEADER_BYTES)) {
      this.#first = true;
      return;
    }
    out.sequenceNumber = (out.sequenceNumber + 1) & 0xffff;
    // The marker bit flags the first packet of a talkspurt (RFC 3551 section 4.1).
    out.marker = this.#first;
    writeRtpHeader(packet, 0, out);
    this.#first = false;
    this.#socket.send(packet);
    this.counters.packetsSent += 1;
    this.counters.octetsSent += FRAME_BYTES;
  }

  /**
   * Sends `keys` as RFC 4733 telephone-events (section 2.5.1), `durationMs` each with `gapMs` of
   * audio between them, in place of the audio packets of those ticks. Resolves true once sent;
   * false at once when the peer offered no telephone-event, or when other keys are still going out.
   */
  sendDigits(keys: string, durationMs = 100, gapMs = 100): Promise<boolean> {
    if (this.#eventPayloadType === null || this.#dtmf !== null || this.#closed) return Promise.resolve(false);
    if (!/^[0-9*#A-D]+$/.test(keys)) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.#dtmf = {
        sender: new TelephoneEventSender({ payloadType: this.#eventPayloadType as number, ssrc: this.ssrc }),
        keys: [...keys],
        durationMs,
        gapTicks: Math.round(gapMs / 20),
        gapLeft: 0,
        done: () => resolve(true),
      };
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const dtmf = this.#dtmf;
    this.#dtmf = null;
    dtmf?.done();
    this.#rtcp?.close();
    this.#clock.remove(this);
    this.#socket.setReceiver(null);
  }

  /** A datagram on the socket, read where the socket's arena holds it. */
  onDatagram(bytes: Uint8Array, offset: number, length: number, source: DatagramSource): void {
    const header = this.#header;
    if (!parseRtpHeader(bytes, length, header, offset).ok || !this.#accepts(source)) {
      this.counters.packetsDropped += 1;
      return;
    }
    this.counters.packetsReceived += 1;
    if (header.payloadType === this.#eventPayloadType) {
      this.#delegate.onTelephoneEvent?.(
        bytes,
        header.payloadOffset,
        header.payloadLength,
        header.timestamp,
        header.ssrc,
      );
      return;
    }
    this.#peerSsrc = header.ssrc;
    this.reception.update(header.sequenceNumber, header.timestamp, performance.now());
    this.#delegate.onAudio?.(bytes, header.payloadOffset, header.payloadLength, header.payloadType);
  }

  /** One tick of key sending: true when this tick's packet was an event packet. */
  #sendKey(dtmf: KeySending, packet: Buffer): boolean {
    if (!dtmf.sender.sending) {
      if (dtmf.gapLeft > 0) {
        dtmf.gapLeft -= 1;
        return false;
      }
      const key = dtmf.keys.shift();
      if (key === undefined) {
        this.#dtmf = null;
        dtmf.done();
        return false;
      }
      dtmf.sender.start(key, dtmf.durationMs);
      dtmf.gapLeft = dtmf.gapTicks;
    }
    const out = this.#out;
    out.sequenceNumber = (out.sequenceNumber + 1) & 0xffff;
    const length = dtmf.sender.writeNext(packet, 0, out.sequenceNumber, out.timestamp);
    this.#socket.send(packet, length);
    this.counters.packetsSent += 1;
    this.counters.octetsSent += length - RTP_HEADER_BYTES;
    return length === TELEPHONE_EVENT_PACKET_BYTES;
  }

  #report(rtcp: RtcpReporter): void {
    rtcp.sendReport({
      ssrc: this.ssrc,
      reception: this.reception,
      remote: { address: this.#remoteAddress, port: this.#remotePort },
      peerSsrc: this.#peerSsrc,
      packetsSent: this.counters.packetsSent,
      octetsSent: this.counters.octetsSent,
      rtpTimestamp: this.#out.timestamp,
    });
  }

  /** Latching: the first source is taken; another must send RELATCH_PACKETS in a row to replace it. */
  #accepts(source: DatagramSource): boolean {
    if (source.fromPeer) {
      this.#latched = true;
      this.#candidate = null;
      return true;
    }
    if (!this.#latched) {
      this.#latchTo(source);
      return true;
    }
    const key = source.key();
    // Read before this turn's latch moved the peer, so the native side did not yet know it.
    if (key === this.#peerKey) return true;
    const candidate = this.#candidate;
    if (candidate === null || candidate.key !== key) {
      this.#candidate = { key, count: 1 };
      return false;
    }
    candidate.count += 1;
    if (candidate.count < RELATCH_PACKETS) return false;
    this.#latchTo(source);
    this.counters.relatched += 1;
    return true;
  }

  #latchTo(source: DatagramSource): void {
    this.#remoteAddress = this.#socket.latch(source) ?? this.#remoteAddress;
    this.#remotePort = source.port;
    this.#peerKey = source.key();
    this.#latched = true;
    this.#candidate = null;
  }
}

function randomUint32(): number {
  return randomInt(0, 0x1_0000_0000);
}
