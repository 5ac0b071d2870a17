/**
 * SIP over UDP (RFC 3261 section 18): one datagram is one message. The
 * socket never throws into the process: send errors are counted and
 * reported as a failed send, which the transaction turns into a transport
 * error (section 17.1.4, 17.2.4).
 * https://www.rfc-editor.org/rfc/rfc3261#section-18
 */
import dgram from 'node:dgram';
import type { TransportDelegate } from './transport-source.js';

export class UdpTransport {
  readonly #socket: dgram.Socket;
  sendErrors = 0;
  #closing: Promise<void> | null = null;

  private constructor(socket: dgram.Socket) {
    this.#socket = socket;
  }

  static async bind(host: string, port: number, delegate: TransportDelegate): Promise<UdpTransport> {
    const socket = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const transport = new UdpTransport(socket);
    socket.on('message', (bytes, rinfo) =>
      delegate.onMessage(bytes, { transport: 'udp', address: rinfo.address, port: rinfo.port }),
    );
    // ICMP port unreachable and the like arrive here; a datagram transport shrugs them off.
    socket.on('error', () => {
      transport.sendErrors += 1;
    });
    return transport;
  }

  get port(): number {
    return this.#socket.address().port;
  }

  get host(): string {
    return this.#socket.address().address;
  }

  send(bytes: Buffer, address: string, port: number): boolean {
    try {
      this.#socket.send(bytes, port, address, (error) => {
        if (error) this.sendErrors += 1;
      });
      return true;
    } catch {
      this.sendErrors += 1;
      return false;
    }
  }

  /** Closes the socket; closing again resolves with the first close. */
  close(): Promise<void> {
    this.#closing ??= new Promise((resolve) => this.#socket.close(() => resolve()));
    return this.#closing;
  }
}
