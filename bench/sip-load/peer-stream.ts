/**
 * One concurrency call's media, as the caller's phone sees it: a UDP socket whose port the call's
 * SDP offers. It receives Voxgate's stream (PCMU, payload type 0) into {@link StreamStatistics},
 * and once Voxgate's first packet has shown where the call's RTP port is, sends the caller's audio
 * back from the same socket every 20 ms: symmetric RTP (RFC 4961), so Voxgate's latching keeps
 * sending here (src/telephony/rtp/rtp-session.ts).
 */
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { PTIME_MS, StreamStatistics, TIMESTAMP_STEP, type JitterRecorder } from './stream-statistics.js';

const RTP_HEADER_BYTES = 12;
const RTP_VERSION = 2;
const PCMU_PAYLOAD_TYPE = 0;
const FRAME_BYTES = 160;
/** A datagram may still sit in the kernel when the next is written: two buffers take turns. */
const SEND_BUFFERS = 2;
/** Most packets sent at once to catch up after the peer's own event loop stalled. */
const MAX_CATCH_UP_PACKETS = 3;

export class PeerStream {
  readonly statistics = new StreamStatistics();
  readonly #socket = dgram.createSocket('udp4');
  readonly #audio: Buffer;
  readonly #buffers: Buffer[];
  #remote: { address: string; port: number } | null = null;
  #nextSendMs = 0;
  #bufferIndex = 0;
  #audioOffset = 0;
  #sequenceNumber = randomInt(0, 0x1_0000);
  #timestamp = randomInt(0, 0x1_0000_0000);
  readonly #ssrc = randomInt(0, 0x1_0000_0000);
  #sent = 0;
  /** Non-RTP or other payload types received (Voxgate's RTCP, when our port + 1 is another stream's). */
  #ignored = 0;

  /** @param audio µ-law bytes, a whole number of frames, sent in a loop. */
  constructor(audio: Buffer, onFirstPacket: () => void, jitter: () => JitterRecorder | null) {
    this.#audio = audio;
    this.#buffers = Array.from({ length: SEND_BUFFERS }, () => Buffer.alloc(RTP_HEADER_BYTES + FRAME_BYTES));
    this.#socket.on('message', (packet, remote) => {
      // RFC 3550 section 5.1: version 2, then the payload type in the low 7 bits of byte 1.
      if (packet.length < RTP_HEADER_BYTES + 1 || packet[0]! >> 6 !== RTP_VERSION) {
        this.#ignored += 1;
        return;
      }
      if ((packet[1]! & 0x7f) !== PCMU_PAYLOAD_TYPE) {
        this.#ignored += 1;
        return;
      }
      const now = performance.now();
      if (this.#remote === null) {
        this.#remote = { address: remote.address, port: remote.port };
        this.#nextSendMs = now;
        onFirstPacket();
      }
      this.statistics.update(packet.readUInt16BE(2), packet.readUInt32BE(4), now, jitter());
    });
    this.#socket.on('error', () => undefined);
  }

  /** Binds to a free loopback port and resolves it. */
  bind(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#socket.once('error', reject);
      this.#socket.bind(0, '127.0.0.1', () => {
        this.#socket.off('error', reject);
        resolve(this.#socket.address().port);
      });
    });
  }

  get started(): boolean {
    return this.#remote !== null;
  }

  get sent(): number {
    return this.#sent;
  }

  get ignored(): number {
    return this.#ignored;
  }

  /**
   * Sends the frames now due; stops once Voxgate has been silent for `idleMs` (the call ended,
   * and its port may soon belong to another call, which our packets must not disturb).
   */
  pace(now: number, idleMs: number): void {
    const remote = this.#remote;
    const lastArrival = this.statistics.lastArrivalMs;
    if (remote === null || lastArrival === null || now - lastArrival > idleMs) return;
    for (let burst = 0; burst < MAX_CATCH_UP_PACKETS && this.#nextSendMs <= now; burst += 1) {
      this.#send(remote);
      this.#nextSendMs += PTIME_MS;
    }
    if (this.#nextSendMs <= now) this.#nextSendMs = now + PTIME_MS;
  }

  #send(remote: { address: string; port: number }): void {
    const packet = this.#buffers[this.#bufferIndex]!;
    this.#bufferIndex = (this.#bufferIndex + 1) % SEND_BUFFERS;
    packet[0] = RTP_VERSION << 6;
    packet[1] = (this.#sent === 0 ? 0x80 : 0) | PCMU_PAYLOAD_TYPE;
    packet.writeUInt16BE(this.#sequenceNumber, 2);
    packet.writeUInt32BE(this.#timestamp, 4);
    packet.writeUInt32BE(this.#ssrc, 8);
    this.#audio.copy(packet, RTP_HEADER_BYTES, this.#audioOffset, this.#audioOffset + FRAME_BYTES);
    this.#audioOffset = (this.#audioOffset + FRAME_BYTES) % this.#audio.length;
    this.#sequenceNumber = (this.#sequenceNumber + 1) & 0xffff;
    this.#timestamp = (this.#timestamp + TIMESTAMP_STEP) >>> 0;
    this.#socket.send(packet, remote.port, remote.address);
    this.#sent += 1;
  }

  close(): void {
    this.#socket.close();
  }
}
