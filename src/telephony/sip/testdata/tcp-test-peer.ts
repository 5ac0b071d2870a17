/**
 * A TCP client on 127.0.0.1 playing the far end in transport tests: it writes raw bytes (so a
 * test chooses how messages are cut into writes) and hands back each SIP message the server
 * writes, framed by Content-Length. Every wait has a timeout.
 */
import net from 'node:net';
import { SipStreamFramer, parseSipMessage, type SipMessage } from '../message/index.js';
import { REPLY_TIMEOUT_MS } from './udp-test-peer.js';

export class TcpTestPeer {
  readonly #socket: net.Socket;
  readonly #framer = new SipStreamFramer();
  readonly #queue: SipMessage[] = [];
  readonly #waiters: ((message: SipMessage) => void)[] = [];
  readonly #closed: Promise<void>;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    this.#closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined); // a reset shows as 'close'
    socket.on('data', (chunk) => {
      for (const bytes of this.#framer.push(chunk).messages) {
        const parsed = parseSipMessage(bytes, { stream: true });
        if (!parsed.ok) throw new Error(`the peer received unparsable SIP: ${parsed.reason}`);
        const waiter = this.#waiters.shift();
        if (waiter === undefined) this.#queue.push(parsed.message);
        else waiter(parsed.message);
      }
    });
  }

  static async connect(port: number): Promise<TcpTestPeer> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new TcpTestPeer(socket);
  }

  /** The local port: what the server sees as the source port. */
  get port(): number {
    return this.#socket.localPort ?? 0;
  }

  write(bytes: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#socket.write(bytes, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** The next message received, or a rejection after `timeoutMs`. */
  next(timeoutMs = REPLY_TIMEOUT_MS): Promise<SipMessage> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const waiter = (message: SipMessage): void => {
        clearTimeout(timer);
        resolve(message);
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`no message within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** Resolves when the server closes the connection, or rejects after `timeoutMs`. */
  closedByServer(timeoutMs = REPLY_TIMEOUT_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`still open after ${timeoutMs} ms`)), timeoutMs);
      void this.#closed.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  close(): Promise<void> {
    this.#socket.destroy();
    return this.#closed;
  }
}
