/**
 * A UDP socket that collects the RTP a peer sends it: put its port in an SDP answer (a stand-in's
 * `-key rtp_port`) and read back what arrived. Only the fixed header is decoded (RFC 3550 section
 * 5.1), with its length checked; anything shorter than 12 bytes or not version 2 is counted apart.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { TestContext } from 'node:test';

export interface CapturedRtp {
  readonly payloadType: number;
  readonly marker: boolean;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly payload: Buffer;
  /** The sender's port: with symmetric RTP, the peer's own media port. */
  readonly sourcePort: number;
}

export interface RtpCapture {
  readonly port: number;
  readonly packets: readonly CapturedRtp[];
  /** Datagrams that were not RTP version 2 with a complete header. */
  readonly rejected: number;
}

const RTP_HEADER_BYTES = 12;
const RTP_VERSION = 2;

function decode(datagram: Buffer, sourcePort: number): CapturedRtp | null {
  if (datagram.length < RTP_HEADER_BYTES) return null;
  const first = datagram.readUInt8(0);
  if (first >> 6 !== RTP_VERSION) return null;
  const csrcBytes = (first & 0x0f) * 4;
  if (datagram.length < RTP_HEADER_BYTES + csrcBytes) return null;
  const second = datagram.readUInt8(1);
  return {
    payloadType: second & 0x7f,
    marker: (second & 0x80) !== 0,
    sequenceNumber: datagram.readUInt16BE(2),
    timestamp: datagram.readUInt32BE(4),
    ssrc: datagram.readUInt32BE(8),
    payload: datagram.subarray(RTP_HEADER_BYTES + csrcBytes),
    sourcePort,
  };
}

/** Binds a loopback UDP port for the test; closed by `t.after`. */
export async function captureRtp(t: TestContext): Promise<RtpCapture> {
  const socket: Socket = createSocket('udp4');
  const packets: CapturedRtp[] = [];
  const capture = { port: 0, packets, rejected: 0 };
  socket.on('message', (datagram, remote) => {
    const packet = decode(datagram, remote.port);
    if (packet === null) capture.rejected += 1;
    else packets.push(packet);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  capture.port = socket.address().port;
  t.after(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return capture;
}
