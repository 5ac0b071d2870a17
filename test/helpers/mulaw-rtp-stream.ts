/**
 * Cuts linear audio into 20 ms PCMU RTP packets, timed for a pcap file, as a caller's phone
 * sends them (RFC 3550 section 5.1, https://www.rfc-editor.org/rfc/rfc3550#section-5.1):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                           timestamp                           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           synchronization source (SSRC) identifier            |
 *   +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *
 * The header is written here, not with Voxgate's RTP code, which these captures test; only the
 * G.711 table comes from `src/telephony/rtp/g711.ts`, as the brief of issue 5 asks.
 */
import { linearToMuLaw } from '../../src/telephony/rtp/g711.js';
import type { PcapUdpPacket } from './pcap-writer.js';

/** PCMU's static payload type (RFC 3551 table 4). */
export const PCMU_PAYLOAD_TYPE = 0;
export const PTIME_MS = 20;
/** 8000 Hz x 20 ms: samples, and timestamp units, per packet. */
export const SAMPLES_PER_PACKET = 160;
const RTP_HEADER_BYTES = 12;
const RTP_VERSION_BITS = 0x80;

export interface RtpStreamOptions {
  readonly ssrc: number;
  readonly firstSequenceNumber: number;
  readonly firstTimestamp: number;
  /** Capture time of the first packet, microseconds since the epoch. */
  readonly startTimeUs: number;
}

/** A 12-byte RTP header (no CSRC, no extension, no padding) followed by the payload. */
export function buildRtpPacket(
  payloadType: number,
  marker: boolean,
  sequenceNumber: number,
  timestamp: number,
  ssrc: number,
  payload: Uint8Array,
): Uint8Array {
  const packet = Buffer.alloc(RTP_HEADER_BYTES + payload.length);
  packet.writeUInt8(RTP_VERSION_BITS, 0);
  packet.writeUInt8((marker ? 0x80 : 0) | (payloadType & 0x7f), 1);
  packet.writeUInt16BE(sequenceNumber & 0xffff, 2);
  packet.writeUInt32BE(timestamp >>> 0, 4);
  packet.writeUInt32BE(ssrc >>> 0, 8);
  packet.set(payload, RTP_HEADER_BYTES);
  return packet;
}

/**
 * PCMU packets of 20 ms, the last one padded with silence. The first carries the marker bit, as
 * the first packet of a talkspurt does (RFC 3551 section 4.1).
 */
export function buildMuLawRtpPackets(samples: Int16Array, options: RtpStreamOptions): PcapUdpPacket[] {
  const count = Math.ceil(samples.length / SAMPLES_PER_PACKET);
  const packets: PcapUdpPacket[] = [];
  for (let index = 0; index < count; index += 1) {
    const payload = new Uint8Array(SAMPLES_PER_PACKET);
    for (let n = 0; n < SAMPLES_PER_PACKET; n += 1) {
      payload[n] = linearToMuLaw(samples[index * SAMPLES_PER_PACKET + n] ?? 0);
    }
    const rtp = buildRtpPacket(
      PCMU_PAYLOAD_TYPE,
      index === 0,
      options.firstSequenceNumber + index,
      options.firstTimestamp + index * SAMPLES_PER_PACKET,
      options.ssrc,
      payload,
    );
    packets.push({ timestampUs: options.startTimeUs + index * PTIME_MS * 1000, payload: rtp });
  }
  return packets;
}
