/**
 * A raw SIP peer for the robustness tests: sends bytes exactly as given (no SIP stack of ours in
 * the way) over a UDP socket or a TCP connection of its own, and keeps every response that comes
 * back, so a test can say which input was answered, with what, and which was met with silence or
 * a closed connection.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import type { TestContext } from 'node:test';

/** A response as received: its start line, header lines and full text. */
export interface RawResponse {
  readonly status: number;
  /** `SIP/2.0 400 Malformed CSeq header` */
  readonly startLine: string;
  readonly text: string;
}

export interface RawSipPeer {
  readonly responses: readonly RawResponse[];
  /** TCP: the server closed the connection. Always false on UDP. */
  readonly closed: boolean;
  send(bytes: Buffer): void;
}

const HEAD_END = '\r\n\r\n';

function toResponse(text: string): RawResponse | null {
  const startLine = text.split('\r\n', 1)[0] ?? '';
  const match = /^SIP\/2\.0 (\d{3}) /.exec(startLine);
  return match === null ? null : { status: Number(match[1]), startLine, text };
}

/** A UDP socket on loopback aimed at `port`; closed by `t.after`. */
export async function openUdpPeer(t: TestContext, port: number): Promise<RawSipPeer> {
  const socket = dgram.createSocket('udp4');
  const responses: RawResponse[] = [];
  socket.on('message', (datagram) => {
    const response = toResponse(datagram.toString('latin1'));
    if (response !== null) responses.push(response);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return { responses, closed: false, send: (bytes) => socket.send(bytes, port, '127.0.0.1') };
}

/**
 * A TCP connection to `port`; destroyed by `t.after`. Responses are cut from the stream by their
 * Content-Length (RFC 3261 section 18.3), as the server frames what it sends.
 */
export async function openTcpPeer(t: TestContext, port: number): Promise<RawSipPeer> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const peer = {
    responses: [] as RawResponse[],
    closed: false,
    send: (bytes: Buffer) => socket.write(bytes),
  };
  let pending = '';
  socket.on('data', (chunk) => {
    pending += chunk.toString('latin1');
    for (;;) {
      const headEnd = pending.indexOf(HEAD_END);
      if (headEnd === -1) return;
      const length = Number(/^Content-Length:\s*(\d+)/im.exec(pending.slice(0, headEnd))?.[1] ?? 0);
      const end = headEnd + HEAD_END.length + length;
      if (pending.length < end) return;
      const response = toResponse(pending.slice(0, end));
      if (response !== null) peer.responses.push(response);
      pending = pending.slice(end);
    }
  });
  socket.on('error', () => undefined);
  socket.on('close', () => (peer.closed = true));
  t.after(() => socket.destroy());
  return peer;
}

/** A header's first value in a message's text (full name, case-insensitive), or null. */
export function rawHeader(text: string, name: string): string | null {
  const head = text.slice(0, text.indexOf(HEAD_END) === -1 ? undefined : text.indexOf(HEAD_END));
  return new RegExp(`^${name}[ \\t]*:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null;
}

/**
 * The ACK of a final non-2xx response to an INVITE (RFC 3261 section 17.1.1.3): the INVITE's
 * Request-URI, the response's top Via (the INVITE's branch), From, To (with the tag), Call-ID and
 * CSeq number. It moves the server transaction to Confirmed, so Timer I ends it.
 */
export function buildAckFor(response: RawResponse, requestUri: string): Buffer {
  const via = (rawHeader(response.text, 'Via') ?? '').split(',')[0] ?? '';
  const cseq = (rawHeader(response.text, 'CSeq') ?? '').split(/\s+/)[0] ?? '';
  const lines = [
    `ACK ${requestUri} SIP/2.0`,
    `Via: ${via}`,
    `From: ${rawHeader(response.text, 'From') ?? ''}`,
    `To: ${rawHeader(response.text, 'To') ?? ''}`,
    `Call-ID: ${rawHeader(response.text, 'Call-ID') ?? ''}`,
    `CSeq: ${cseq} ACK`,
    'Max-Forwards: 70',
    'Content-Length: 0',
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}
