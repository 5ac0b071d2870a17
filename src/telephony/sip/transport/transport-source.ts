/** Where a SIP message came from, and so where its responses go (RFC 3261 section 18.2.2). */
export interface TransportSource {
  readonly transport: 'udp' | 'tcp';
  readonly address: string;
  readonly port: number;
  /** TCP: responses go back on the connection the request came in on. */
  readonly connection?: StreamConnection;
}

/** A TCP connection as the SIP layer sees it. */
export interface StreamConnection {
  readonly id: number;
  write(bytes: Buffer): boolean;
  readonly closed: boolean;
}

/** What a transport hands up: one whole message's bytes and its source. */
export interface TransportDelegate {
  onMessage(bytes: Buffer, source: TransportSource): void;
}
