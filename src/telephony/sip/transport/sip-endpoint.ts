/**
 * The transport layer of RFC 3261 section 18, over UDP and TCP on one port:
 * parses what arrives, answers an unparsable request 400 (or drops it),
 * stamps `received`/`rport` on the top Via (section 18.2.1, RFC 3581
 * section 4), and routes each response back as section 18.2.2 and RFC 3581
 * say: on the request's connection for TCP, else to the source address and
 * port the request came from when the client asked for rport.
 * https://www.rfc-editor.org/rfc/rfc3261#section-18.2
 * https://www.rfc-editor.org/rfc/rfc3581#section-4
 */
import {
  buildParseFailureResponse,
  buildVia,
  generateBranch,
  generateTag,
  parseSipMessage,
  parseTopVia,
  serializeSipMessage,
  serializeVia,
  type SipHeaders,
  type SipRequest,
  type SipResponse,
} from '../message/index.js';
import type { RequestChannel, ResponseChannel } from '../transaction/transaction-channel.js';
import { TcpTransport } from './tcp-transport.js';
import type { TransportSource } from './transport-source.js';
import { UdpTransport } from './udp-transport.js';

/** The default SIP port (section 19.1.2), where a response goes without a port in the Via. */
export const DEFAULT_SIP_PORT = 5060;
/** Tries at a free port shared by UDP and TCP before giving up. */
const PORT_ATTEMPTS = 5;

export interface SipEndpointDelegate {
  onRequest(request: SipRequest, channel: ResponseChannel, source: TransportSource): void;
  onResponse(response: SipResponse, source: TransportSource): void;
}

export interface SipEndpointCounters {
  received: number;
  /** Unparsable requests answered 400/505/513. */
  rejected: number;
  /** Unparsable input that could not be answered, dropped. */
  dropped: number;
}

export interface SipEndpointOptions {
  readonly host: string;
  readonly port: number;
  /** The address written in our Via and Contact. */
  readonly publicHost: string;
  readonly delegate: SipEndpointDelegate;
  /** Told of each refusal, for the debug log. */
  readonly onRefused?: (reason: string, source: TransportSource) => void;
}

export class SipEndpoint {
  readonly counters: SipEndpointCounters = { received: 0, rejected: 0, dropped: 0 };
  readonly publicHost: string;
  readonly #udp: UdpTransport;
  readonly #tcp: TcpTransport;
  readonly #delegate: SipEndpointDelegate;
  readonly #onRefused: ((reason: string, source: TransportSource) => void) | undefined;

  private constructor(options: SipEndpointOptions, udp: UdpTransport, tcp: TcpTransport) {
    this.publicHost = options.publicHost;
    this.#delegate = options.delegate;
    this.#onRefused = options.onRefused;
    this.#udp = udp;
    this.#tcp = tcp;
  }

  /**
   * Listens on UDP and TCP at the same port. With port 0 UDP picks one; when TCP cannot have the
   * same number (another socket holds it), both are tried again on a new one.
   */
  static async listen(options: SipEndpointOptions): Promise<SipEndpoint> {
    for (let attempt = 1; ; attempt += 1) {
      let receive: ((bytes: Buffer, source: TransportSource) => void) | null = null;
      const delegate = { onMessage: (bytes: Buffer, source: TransportSource) => receive?.(bytes, source) };
      const udp = await UdpTransport.bind(options.host, options.port, delegate);
      try {
        const tcp = await TcpTransport.listen(options.host, udp.port, delegate);
        const endpoint = new SipEndpoint(options, udp, tcp);
        receive = (bytes, source) => endpoint.#receive(bytes, source);
        return endpoint;
      } catch (error) {
        await udp.close();
        if (options.port !== 0 || attempt >= PORT_ATTEMPTS) throw error;
      }
    }
  }

  get port(): number {
    return this.#udp.port;
  }

  /** Our Via for a new request on `transport`, with a fresh branch and rport asked for. */
  via(transport: 'udp' | 'tcp'): string {
    return serializeVia(
      buildVia({
        transport: transport.toUpperCase(),
        host: this.publicHost,
        port: this.port,
        branch: generateBranch(),
        rport: true,
      }),
    );
  }

  /** A channel for requests we send to `target` (for TCP: on its connection when it is still open). */
  requestChannel(target: TransportSource): RequestChannel {
    return {
      reliable: target.transport === 'tcp',
      send: (request) => this.#send(serializeSipMessage(request), target),
    };
  }

  close(): Promise<void> {
    return Promise.all([this.#udp.close(), this.#tcp.close()]).then(() => undefined);
  }

  #receive(bytes: Buffer, source: TransportSource): void {
    this.counters.received += 1;
    const parsed = parseSipMessage(bytes, { stream: source.transport === 'tcp' });
    if (!parsed.ok) {
      this.#onRefused?.(parsed.reason, source);
      const answer = buildParseFailureResponse(parsed, generateTag());
      if (answer === undefined) {
        this.counters.dropped += 1;
        return;
      }
      this.counters.rejected += 1;
      this.#send(serializeSipMessage(answer), source);
      return;
    }
    const message = parsed.message;
    if (message.kind === 'response') {
      this.#delegate.onResponse(message, source);
      return;
    }
    const destination = stampTopVia(message.headers, source);
    if (destination === null) {
      // A request whose top Via cannot be read cannot be answered (section 8.2.6.2): drop it.
      this.counters.dropped += 1;
      return;
    }
    this.#delegate.onRequest(message, this.#responseChannel(destination), source);
  }

  #responseChannel(destination: TransportSource): ResponseChannel {
    return {
      reliable: destination.transport === 'tcp',
      send: (response) => this.#send(serializeSipMessage(response), destination),
    };
  }

  #send(bytes: Buffer, to: TransportSource): boolean {
    if (to.transport === 'tcp') return to.connection !== undefined && to.connection.write(bytes);
    return this.#udp.send(bytes, to.address, to.port);
  }
}

/**
 * Section 18.2.1 and RFC 3581 section 4: adds `received` when the sent-by host is not the source
 * address, and fills a bare `rport` with the source port; returns where responses go.
 */
function stampTopVia(headers: SipHeaders, source: TransportSource): TransportSource | null {
  const parsed = parseTopVia(headers);
  if (!parsed.ok) return null;
  const via = parsed.value;
  const wantsRport = via.rport !== undefined;
  const stamped = {
    ...via,
    ...(via.host !== source.address || wantsRport ? { received: source.address } : {}),
    ...(wantsRport ? { rport: source.port } : {}),
  };
  if (stamped.received !== undefined) replaceTopVia(headers, serializeVia(stamped));
  // On TCP responses take the request's connection (18.2.2); with rport, the very address and
  // port the request came from.
  if (source.transport === 'tcp' || wantsRport) return source;
  return { transport: 'udp', address: stamped.received ?? via.host, port: via.port ?? DEFAULT_SIP_PORT };
}

function replaceTopVia(headers: SipHeaders, value: string): void {
  const vias = headers.getAll('Via');
  vias[0] = value;
  headers.delete('Via');
  for (const via of vias.reverse()) headers.prepend('Via', via);
}
