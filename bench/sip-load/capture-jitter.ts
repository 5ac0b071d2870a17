/**
 * Reads the capture rtp-capture.ts wrote and measures Voxgate's streams in it: each PCMU stream
 * (keyed by its UDP ports) goes through {@link StreamStatistics} with the kernel's capture time as
 * its arrival time, into one {@link JitterHistogram}.
 *
 * Classic pcap layout (https://www.tcpdump.org/manpages/pcap-savefile.5.txt): a 24-byte header
 * whose magic gives byte order and time unit, then per packet a 16-byte record header (seconds,
 * micro- or nanoseconds, captured length, original length) and the captured bytes: Ethernet II
 * (the loopback device's link type), IPv4, UDP, RTP. Every length is checked before it is read;
 * a truncated or foreign packet is skipped, a malformed file stops the reading.
 */
import { readFile } from 'node:fs/promises';
import { JitterHistogram, type JitterSummary } from './jitter-histogram.js';
import { StreamStatistics } from './stream-statistics.js';

const GLOBAL_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;
const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;
const LINKTYPE_ETHERNET = 1;
const ETHERNET_HEADER_BYTES = 14;
const ETHERTYPE_IPV4 = 0x0800;
const IP_PROTOCOL_UDP = 17;
const UDP_HEADER_BYTES = 8;
const RTP_HEADER_BYTES = 12;
const PCMU_PAYLOAD_TYPE = 0;

export interface CaptureJitter {
  readonly streams: number;
  readonly packets: number;
  /** Sequence gaps in the capture: packets Voxgate never sent, or the capture missed. */
  readonly gaps: number;
  readonly timestampJumps: number;
  readonly jitter: JitterSummary;
  /** RFC 3550's interarrival jitter J of each stream at the end of the capture: mean and largest, ms. */
  readonly rfc3550JitterMs: { readonly mean: number; readonly max: number };
}

export type CaptureReadResult = { ok: true; value: CaptureJitter } | { ok: false; reason: string };

interface Reader {
  readonly bytes: Buffer;
  readonly littleEndian: boolean;
  readonly nanoseconds: boolean;
}

function openCapture(bytes: Buffer): Reader | string {
  if (bytes.length < GLOBAL_HEADER_BYTES) return 'shorter than a pcap header';
  const little = bytes.readUInt32LE(0);
  const big = bytes.readUInt32BE(0);
  const littleEndian = little === MAGIC_MICROSECONDS || little === MAGIC_NANOSECONDS;
  const magic = littleEndian ? little : big;
  if (magic !== MAGIC_MICROSECONDS && magic !== MAGIC_NANOSECONDS) return 'not a classic pcap file';
  const linkType = littleEndian ? bytes.readUInt32LE(20) : bytes.readUInt32BE(20);
  if (linkType !== LINKTYPE_ETHERNET) return `link type ${linkType}, not Ethernet`;
  return { bytes, littleEndian, nanoseconds: magic === MAGIC_NANOSECONDS };
}

/** The RTP header's offset in an Ethernet/IPv4/UDP frame, with the stream key; null when not such a frame. */
function locateRtp(frame: Buffer, start: number, length: number): { offset: number; key: number } | null {
  if (length < ETHERNET_HEADER_BYTES + 20) return null;
  if (frame.readUInt16BE(start + 12) !== ETHERTYPE_IPV4) return null;
  const ip = start + ETHERNET_HEADER_BYTES;
  const ipHeaderBytes = (frame[ip]! & 0x0f) * 4;
  if (frame[ip + 9] !== IP_PROTOCOL_UDP || ipHeaderBytes < 20) return null;
  const udp = ip + ipHeaderBytes;
  if (udp + UDP_HEADER_BYTES + RTP_HEADER_BYTES > start + length) return null;
  const key = frame.readUInt16BE(udp) * 0x1_0000 + frame.readUInt16BE(udp + 2);
  return { offset: udp + UDP_HEADER_BYTES, key };
}

/** Capture times to keep, epoch ms, both ends included. */
export interface CaptureRange {
  readonly fromEpochMs: number;
  readonly toEpochMs: number;
}

/** Measures every PCMU stream of the capture file, over `range` when given. */
export async function readCaptureJitter(file: string, range?: CaptureRange): Promise<CaptureReadResult> {
  const opened = openCapture(await readFile(file));
  if (typeof opened === 'string') return { ok: false, reason: opened };
  const { bytes, littleEndian, nanoseconds } = opened;
  const u32 = (at: number): number => (littleEndian ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const streams = new Map<number, StreamStatistics>();
  const histogram = new JitterHistogram();
  let packets = 0;
  for (let at = GLOBAL_HEADER_BYTES; at + RECORD_HEADER_BYTES <= bytes.length;) {
    const fraction = u32(at + 4);
    const capturedMs = u32(at) * 1000 + (nanoseconds ? fraction / 1e6 : fraction / 1e3);
    const length = u32(at + 8);
    const frame = at + RECORD_HEADER_BYTES;
    if (frame + length > bytes.length) break;
    at = frame + length;
    if (range !== undefined && (capturedMs < range.fromEpochMs || capturedMs > range.toEpochMs)) continue;
    const rtp = locateRtp(bytes, frame, length);
    if (rtp === null || (bytes[rtp.offset + 1]! & 0x7f) !== PCMU_PAYLOAD_TYPE) continue;
    let stream = streams.get(rtp.key);
    if (stream === undefined) streams.set(rtp.key, (stream = new StreamStatistics()));
    stream.update(
      bytes.readUInt16BE(rtp.offset + 2),
      bytes.readUInt32BE(rtp.offset + 4),
      capturedMs,
      histogram,
    );
    packets += 1;
  }
  let gaps = 0;
  let timestampJumps = 0;
  let jitterSum = 0;
  let jitterMax = 0;
  for (const stream of streams.values()) {
    gaps += Math.max(0, stream.lost);
    timestampJumps += stream.timestampJumps;
    jitterSum += stream.interarrivalJitterMs;
    jitterMax = Math.max(jitterMax, stream.interarrivalJitterMs);
  }
  const rfc3550JitterMs = { mean: streams.size === 0 ? NaN : jitterSum / streams.size, max: jitterMax };
  return {
    ok: true,
    value: {
      streams: streams.size,
      packets,
      gaps,
      timestampJumps,
      jitter: histogram.summary(),
      rfc3550JitterMs,
    },
  };
}
