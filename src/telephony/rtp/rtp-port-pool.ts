/**
 * Hands out RTP/RTCP port pairs from `VOXGATE_RTP_PORTS`: RTP on an even
 * port and RTCP on the odd one above it (RFC 3550 section 11). Ports rotate
 * instead of being reused at once, so late packets of an ended call do not
 * land in the next one. A port another process holds is skipped.
 * https://www.rfc-editor.org/rfc/rfc3550#section-11
 */
import dgram from 'node:dgram';
import { rtpIo, type RtpSocket } from './rtp-io.js';

export interface RtpSockets {
  /** On the native datagram I/O (rtp-io.ts): 50 packets a second each way. */
  readonly rtp: RtpSocket;
  /** Through dgram: a report every few seconds. */
  readonly rtcp: dgram.Socket;
  readonly port: number;
}

export class RtpPortPool {
  readonly #host: string;
  readonly #first: number;
  readonly #pairs: number;
  readonly #inUse = new Set<number>();
  #next = 0;

  constructor(host: string, range: { readonly min: number; readonly max: number }) {
    this.#host = host;
    this.#first = range.min % 2 === 0 ? range.min : range.min + 1;
    this.#pairs = Math.max(0, Math.floor((range.max - this.#first + 1) / 2));
  }

  get capacity(): number {
    return this.#pairs;
  }

  get inUse(): number {
    return this.#inUse.size;
  }

  /** Binds the next free pair; null when every pair is taken. */
  async open(): Promise<RtpSockets | null> {
    for (let tried = 0; tried < this.#pairs; tried += 1) {
      const port = this.#first + 2 * this.#next;
      this.#next = (this.#next + 1) % this.#pairs;
      if (this.#inUse.has(port)) continue;
      this.#inUse.add(port);
      const sockets = await this.#bindPair(port);
      if (sockets !== null) return sockets;
      this.#inUse.delete(port);
    }
    return null;
  }

  /** Closes the pair's sockets and returns its ports to the pool. */
  release(sockets: RtpSockets): void {
    sockets.rtp.close();
    try {
      sockets.rtcp.close();
    } catch {
      // Already closed: releasing twice is harmless.
    }
    this.#inUse.delete(sockets.port);
  }

  async #bindPair(port: number): Promise<RtpSockets | null> {
    const type = this.#host.includes(':') ? 'udp6' : 'udp4';
    const rtp = rtpIo().open(this.#host, port);
    if (rtp === null) return null;
    const rtcp = await bind(dgram.createSocket(type), port + 1, this.#host);
    if (rtcp === null) {
      rtp.close();
      return null;
    }
    return { rtp, rtcp, port };
  }
}

function bind(socket: dgram.Socket, port: number, host: string): Promise<dgram.Socket | null> {
  return new Promise((resolve) => {
    const onError = (): void => {
      socket.close();
      resolve(null);
    };
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
