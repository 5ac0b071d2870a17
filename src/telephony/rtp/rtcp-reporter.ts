/**
 * RTCP for one call (RFC 3550 section 6): counts the sender and receiver
 * reports the peer sends and keeps the loss and jitter they report; sends
 * our sender report every {@link REPORT_INTERVAL_TICKS} media-clock ticks
 * (5 s, the RFC's minimum interval), with a reception report on the peer's
 * stream. RTCP goes to the peer's RTP port + 1 (section 11), or to where
 * its RTCP comes from once it has come (symmetric, as for RTP).
 * https://www.rfc-editor.org/rfc/rfc3550#section-6.4
 */
import type dgram from 'node:dgram';
import type { ReceptionStatistics } from './reception-statistics.js';
import {
  MAX_RTCP_REPORT_BYTES,
  compactNtp,
  parseRtcpCompound,
  writeSenderReport,
  type ReportBlock,
} from './rtcp-packet.js';

/** 5 s of 20 ms ticks: the minimum report interval of section 6.2. */
export const REPORT_INTERVAL_TICKS = 250;
/** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
const NTP_UNIX_OFFSET_S = 2_208_988_800;

export interface RtcpCounters {
  senderReports: number;
  receiverReports: number;
  byes: number;
  malformed: number;
  sent: number;
  /** What the peer last reported about our stream: fraction lost (0-255) and jitter (timestamp units). */
  peerFractionLost: number;
  peerJitter: number;
}

/** What the reporter needs of the RTP session it reports on. */
export interface ReportedStream {
  readonly ssrc: number;
  readonly reception: ReceptionStatistics;
  readonly remote: { readonly address: string; readonly port: number };
  readonly peerSsrc: number | null;
  readonly packetsSent: number;
  readonly octetsSent: number;
  readonly rtpTimestamp: number;
}

export class RtcpReporter {
  readonly counters: RtcpCounters = {
    senderReports: 0,
    receiverReports: 0,
    byes: 0,
    malformed: 0,
    sent: 0,
    peerFractionLost: 0,
    peerJitter: 0,
  };
  readonly #socket: dgram.Socket;
  readonly #cname: Uint8Array;
  readonly #buffer = Buffer.alloc(MAX_RTCP_REPORT_BYTES);
  #peer: { address: string; port: number } | null = null;
  /** The last SR's compact NTP time and when it came, for LSR and DLSR (section 6.4.1). */
  #lastSr: { ntp: number; atMs: number } | null = null;
  #lastExpected = 0;
  #lastReceived = 0;

  constructor(socket: dgram.Socket, cname: string) {
    this.#socket = socket;
    this.#cname = Buffer.from(cname, 'utf8');
    socket.on('message', (message, rinfo) => this.#receive(message, rinfo.address, rinfo.port));
    socket.on('error', () => undefined);
  }

  /** Sends our SR with a report block on the peer's stream. */
  sendReport(stream: ReportedStream): void {
    const now = Date.now();
    const seconds = Math.floor(now / 1000);
    const report = this.#reportBlock(stream, now);
    const length = writeSenderReport(this.#buffer, 0, {
      ssrc: stream.ssrc,
      report,
      cname: this.#cname,
      ntpSeconds: (seconds + NTP_UNIX_OFFSET_S) >>> 0,
      ntpFraction: Math.floor(((now % 1000) / 1000) * 0x1_0000_0000) >>> 0,
      rtpTimestamp: stream.rtpTimestamp >>> 0,
      packetCount: stream.packetsSent >>> 0,
      octetCount: stream.octetsSent >>> 0,
    });
    const to = this.#peer ?? { address: stream.remote.address, port: stream.remote.port + 1 };
    this.#socket.send(this.#buffer, 0, length, to.port, to.address);
    this.counters.sent += 1;
  }

  close(): void {
    this.#socket.removeAllListeners('message');
  }

  #reportBlock(stream: ReportedStream, now: number): ReportBlock | null {
    const reception = stream.reception;
    if (stream.peerSsrc === null || reception.received === 0) return null;
    // Fraction lost over the interval since the last report (appendix A.3).
    const expectedInterval = reception.expected - this.#lastExpected;
    const lostInterval = expectedInterval - (reception.received - this.#lastReceived);
    this.#lastExpected = reception.expected;
    this.#lastReceived = reception.received;
    const fraction =
      expectedInterval <= 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval << 8) / expectedInterval);
    const lastSr = this.#lastSr;
    return {
      ssrc: stream.peerSsrc,
      fractionLost: Math.min(255, fraction),
      cumulativeLost: Math.max(-0x800000, Math.min(0x7fffff, reception.lost)),
      extendedHighestSequence: reception.extendedHighestSequence >>> 0,
      jitter: reception.jitter >>> 0,
      lastSenderReport: lastSr?.ntp ?? 0,
      delaySinceLastSenderReport:
        lastSr === null ? 0 : Math.floor(((now - lastSr.atMs) * 65536) / 1000) >>> 0,
    };
  }

  #receive(message: Buffer, address: string, port: number): void {
    const parsed = parseRtcpCompound(message, message.length);
    if (!parsed.ok) {
      this.counters.malformed += 1;
      return;
    }
    this.#peer = { address, port };
    for (const packet of parsed.value) {
      if (packet.kind === 'sr') {
        this.counters.senderReports += 1;
        this.#lastSr = { ntp: compactNtp(packet.ntpSeconds, packet.ntpFraction), atMs: Date.now() };
        this.#notePeerReport(packet.reports);
      } else if (packet.kind === 'rr') {
        this.counters.receiverReports += 1;
        this.#notePeerReport(packet.reports);
      } else if (packet.kind === 'bye') this.counters.byes += 1;
    }
  }

  #notePeerReport(reports: readonly ReportBlock[]): void {
    const first = reports[0];
    if (first === undefined) return;
    this.counters.peerFractionLost = first.fractionLost;
    this.counters.peerJitter = first.jitter;
  }
}
