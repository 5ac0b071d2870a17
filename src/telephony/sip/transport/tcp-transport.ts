/**
 * SIP over TCP (RFC 3261 section 18): messages are cut from each
 * connection's byte stream by Content-Length (SipStreamFramer). A stream
 * that can no longer be framed is closed; so is a connection idle for
 * longer than a dialog would stay silent without refreshing.
 * https://www.rfc-editor.org/rfc/rfc3261#section-18.3
 */
import net from 'node:net';
import { SipStreamFramer } from '../message/index.js';
import type { StreamConnection, TransportDelegate } from './transport-source.js';

/** A connection that sent nothing for this long is closed (RFC 5626 keep-alives are CRLFs). */
export const TCP_IDLE_TIMEOUT_MS = 15 * 60 * 1000;
/** More simultaneous connections than this are refused: each holds a framer's buffer. */
export const MAX_TCP_CONNECTIONS = 10_000;

class TcpConnection implements StreamConnection {
  readonly id: number;
  readonly #socket: net.Socket;

  constructor(id: number, socket: net.Socket) {
    this.id = id;
    this.#socket = socket;
  }

  get closed(): boolean {
    return this.#socket.destroyed;
  }

  write(bytes: Buffer): boolean {
    if (this.#socket.destroyed) return false;
    this.#socket.write(bytes);
    return true;
  }

  destroy(): void {
    this.#socket.destroy();
  }
}

export class TcpTransport {
  readonly #server: net.Server;
  readonly #connections = new Set<TcpConnection>();
  framingErrors = 0;
  #closing: Promise<void> | null = null;

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static async listen(host: string, port: number, delegate: TransportDelegate): Promise<TcpTransport> {
    let nextId = 1;
    const server = net.createServer();
    const transport = new TcpTransport(server);
    server.maxConnections = MAX_TCP_CONNECTIONS;
    server.on('connection', (socket) => transport.#accept(socket, nextId++, delegate));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return transport;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Closes every connection and the listener; closing again resolves with the first close. */
  close(): Promise<void> {
    for (const connection of this.#connections) connection.destroy();
    this.#closing ??= new Promise((resolve) => this.#server.close(() => resolve()));
    return this.#closing;
  }

  #accept(socket: net.Socket, id: number, delegate: TransportDelegate): void {
    const connection = new TcpConnection(id, socket);
    const framer = new SipStreamFramer();
    const source = {
      transport: 'tcp' as const,
      address: socket.remoteAddress ?? '',
      port: socket.remotePort ?? 0,
      connection,
    };
    this.#connections.add(connection);
    socket.setNoDelay(true);
    socket.setTimeout(TCP_IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('data', (chunk) => {
      const framed = framer.push(chunk);
      for (const message of framed.messages) delegate.onMessage(message, source);
      if (framed.error !== undefined) {
        this.framingErrors += 1;
        socket.destroy();
      }
    });
    // A reset by the peer is the peer's business; the connection is simply gone.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.#connections.delete(connection));
  }
}
