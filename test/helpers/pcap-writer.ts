/**
 * Writes UDP datagrams as a classic libpcap capture file, the format SIPp's `play_pcap_audio`
 * replays (it reads the file with libpcap and sends each UDP payload at its recorded time).
 *
 * File layout (https://www.tcpdump.org/manpages/pcap-savefile.5.txt), little-endian:
 *
 *   global header, 24 bytes: magic a1b2c3d4, version 2.4, thiszone, sigfigs, snaplen, linktype 1
 *   per packet: record header, 16 bytes: ts_sec, ts_usec, incl_len, orig_len
 *               Ethernet II, 14 bytes (https://www.rfc-editor.org/rfc/rfc894)
 *               IPv4 header, 20 bytes, checksum computed (https://www.rfc-editor.org/rfc/rfc791#section-3.1)
 *               UDP header, 8 bytes, checksum computed (https://www.rfc-editor.org/rfc/rfc768)
 *               payload
 *
 * Written by hand for the tests, so that the captures Voxgate hears do not come from Voxgate's own
 * RTP code: a bug shared by the generator and the receiver could not hide.
 */

export interface UdpEndpoint {
  /** Dotted IPv4 address. */
  readonly ip: string;
  readonly port: number;
}

export interface PcapUdpPacket {
  /** Capture time in microseconds since the Unix epoch; SIPp replays the gaps between them. */
  readonly timestampUs: number;
  readonly payload: Uint8Array;
}

export interface UdpFlow {
  readonly source: UdpEndpoint;
  readonly destination: UdpEndpoint;
}

const PCAP_MAGIC = 0xa1b2c3d4;
const PCAP_VERSION_MAJOR = 2;
const PCAP_VERSION_MINOR = 4;
const PCAP_SNAPLEN_BYTES = 65535;
const LINKTYPE_ETHERNET = 1;
const GLOBAL_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;
const ETHERNET_HEADER_BYTES = 14;
const IPV4_HEADER_BYTES = 20;
const UDP_HEADER_BYTES = 8;
const ETHERTYPE_IPV4 = 0x0800;
const IP_PROTOCOL_UDP = 17;
const IPV4_DEFAULT_TTL = 64;
/** Don't Fragment: the datagrams are small, as RTP over UDP is. */
const IPV4_FLAG_DONT_FRAGMENT = 0x4000;
/** Largest UDP payload an IPv4 datagram carries: 65535 - 20 - 8. */
export const MAX_UDP_PAYLOAD_BYTES = 65507;
/** Locally administered MAC addresses (bit 1 of the first octet), never a real card's. */
const SOURCE_MAC = [0x02, 0, 0, 0, 0, 0x01];
const DESTINATION_MAC = [0x02, 0, 0, 0, 0, 0x02];

function ipv4Octets(ip: string): number[] {
  const octets = ip.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet) || octet < 0 || octet > 255)) {
    throw new Error(`not a dotted IPv4 address: ${ip}`);
  }
  return octets;
}

/** The Internet checksum: one's complement of the one's complement sum of 16-bit words (RFC 1071). */
function internetChecksum(bytes: Uint8Array, initialSum = 0): number {
  let sum = initialSum;
  for (let index = 0; index + 1 < bytes.length; index += 2)
    sum += ((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0);
  if (bytes.length % 2 === 1) sum += (bytes[bytes.length - 1] ?? 0) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** The sum of the UDP pseudo-header words: source, destination, protocol, UDP length (RFC 768). */
function pseudoHeaderSum(source: number[], destination: number[], udpLength: number): number {
  const words = [source, destination].flatMap(([a = 0, b = 0, c = 0, d = 0]) => [(a << 8) | b, (c << 8) | d]);
  return words.reduce((sum, word) => sum + word, 0) + IP_PROTOCOL_UDP + udpLength;
}

function writeFrame(out: Buffer, offset: number, flow: UdpFlow, payload: Uint8Array, identification: number) {
  const source = ipv4Octets(flow.source.ip);
  const destination = ipv4Octets(flow.destination.ip);
  const udpLength = UDP_HEADER_BYTES + payload.length;
  Buffer.from([...DESTINATION_MAC, ...SOURCE_MAC]).copy(out, offset);
  out.writeUInt16BE(ETHERTYPE_IPV4, offset + 12);
  const ip = offset + ETHERNET_HEADER_BYTES;
  out.writeUInt8(0x45, ip); // version 4, header length 5 words
  out.writeUInt16BE(IPV4_HEADER_BYTES + udpLength, ip + 2);
  out.writeUInt16BE(identification & 0xffff, ip + 4);
  out.writeUInt16BE(IPV4_FLAG_DONT_FRAGMENT, ip + 6);
  out.writeUInt8(IPV4_DEFAULT_TTL, ip + 8);
  out.writeUInt8(IP_PROTOCOL_UDP, ip + 9);
  Buffer.from([...source, ...destination]).copy(out, ip + 12);
  out.writeUInt16BE(internetChecksum(out.subarray(ip, ip + IPV4_HEADER_BYTES)), ip + 10);
  const udp = ip + IPV4_HEADER_BYTES;
  out.writeUInt16BE(flow.source.port, udp);
  out.writeUInt16BE(flow.destination.port, udp + 2);
  out.writeUInt16BE(udpLength, udp + 4);
  out.set(payload, udp + UDP_HEADER_BYTES);
  const checksum = internetChecksum(
    out.subarray(udp, udp + udpLength),
    pseudoHeaderSum(source, destination, udpLength),
  );
  // A computed zero is sent as all ones: zero means "no checksum" in UDP over IPv4.
  out.writeUInt16BE(checksum === 0 ? 0xffff : checksum, udp + 6);
}

/** Serializes the datagrams, in the order given, as a pcap file of one UDP flow. */
export function serializeUdpPcap(packets: readonly PcapUdpPacket[], flow: UdpFlow): Buffer {
  const frameOverhead = ETHERNET_HEADER_BYTES + IPV4_HEADER_BYTES + UDP_HEADER_BYTES;
  const total = packets.reduce(
    (sum, packet) => sum + RECORD_HEADER_BYTES + frameOverhead + packet.payload.length,
    0,
  );
  const out = Buffer.alloc(GLOBAL_HEADER_BYTES + total);
  out.writeUInt32LE(PCAP_MAGIC, 0);
  out.writeUInt16LE(PCAP_VERSION_MAJOR, 4);
  out.writeUInt16LE(PCAP_VERSION_MINOR, 6);
  out.writeInt32LE(0, 8); // thiszone: timestamps are UTC
  out.writeUInt32LE(0, 12); // sigfigs
  out.writeUInt32LE(PCAP_SNAPLEN_BYTES, 16);
  out.writeUInt32LE(LINKTYPE_ETHERNET, 20);
  let offset = GLOBAL_HEADER_BYTES;
  packets.forEach((packet, index) => {
    if (packet.payload.length > MAX_UDP_PAYLOAD_BYTES)
      throw new Error(`UDP payload of ${packet.payload.length} bytes`);
    if (!Number.isSafeInteger(packet.timestampUs) || packet.timestampUs < 0) {
      throw new Error(`capture time ${packet.timestampUs} is not a whole number of microseconds`);
    }
    const frameLength = frameOverhead + packet.payload.length;
    out.writeUInt32LE(Math.floor(packet.timestampUs / 1_000_000), offset);
    out.writeUInt32LE(packet.timestampUs % 1_000_000, offset + 4);
    out.writeUInt32LE(frameLength, offset + 8); // incl_len: nothing is truncated
    out.writeUInt32LE(frameLength, offset + 12); // orig_len
    writeFrame(out, offset + RECORD_HEADER_BYTES, flow, packet.payload, index + 1);
    offset += RECORD_HEADER_BYTES + frameLength;
  });
  return out;
}
