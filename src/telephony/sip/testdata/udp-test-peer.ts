/**
 * A UDP socket on 127.0.0.1, port 0, playing the far end in transport tests: it sends datagrams
 * and hands back each one it receives, in order, parsed. Every wait has a timeout, so a missing
 * answer fails the test instead of hanging it.
 */
import dgram from 'node:dgram';
import { parseSipMessage, type SipMessage } from '../message/index.js';

/** How long a test waits for a datagram that should come. */
export const REPLY_TIMEOUT_MS = 2000;

export interface ReceivedDatagram {
  readonly message: SipMessage;
  readonly bytes: Buffer;
  readonly from: { readonly address: string; readonly port: number };
}

export class UdpTestPeer {
  readonly #socket: dgram.Socket;
  readonly #queue: ReceivedDatagram[] = [];
  readonly #waiters: ((datagram: ReceivedDatagram) => void)[] = [];

  private constructor(socket: dgram.Socket) {
    this.#socket = socket;
    socket.on('message', (bytes, rinfo) => {
      const parsed = parseSipMessage(bytes);
      if (!parsed.ok) throw new Error(`the peer received unparsable SIP: ${parsed.reason}`);
      const datagram = { message: parsed.message, bytes, from: { address: rinfo.address, port: rinfo.port } };
      const waiter = this.#waiters.shift();
      if (waiter === undefined) this.#queue.push(datagram);
      else waiter(datagram);
    });
  }

  static async open(): Promise<UdpTestPeer> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new UdpTestPeer(socket);
  }

  get port(): number {
    return this.#socket.address().port;
  }

  send(text: string | Buffer, port: number): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#socket.send(typeof text === 'string' ? Buffer.from(text) : text, port, '127.0.0.1', (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }

  /** The next datagram received, or a rejection after `timeoutMs`. */
  next(timeoutMs = REPLY_TIMEOUT_MS): Promise<ReceivedDatagram> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const waiter = (datagram: ReceivedDatagram): void => {
        clearTimeout(timer);
        resolve(datagram);
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`no datagram within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }
}
