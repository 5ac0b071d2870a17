/**
 * Free loopback ports for the real peers the SIP tests start. Test files run in parallel, so no
 * port is ever fixed (STYLE.md section 5): the OS picks one (bind port 0), we read it and close.
 *
 * SIPp binds more than its SIP port: `-mp P` opens RTP sockets on P and P + 2 (audio and video), and
 * `-t t1` listens on TCP as well as UDP. So a port is only handed out when every offset asked for is
 * free on every protocol asked for.
 */
import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

export const PORT_PROTOCOL = { udp: 'udp', tcp: 'tcp' } as const;
export type PortProtocol = (typeof PORT_PROTOCOL)[keyof typeof PORT_PROTOCOL];

export interface FreePortOptions {
  /** Protocols the port (and its offsets) must be free on; default UDP only. */
  readonly protocols?: readonly PortProtocol[];
  /** Further ports, as offsets from the one returned, that must be free too (`[2]` for SIPp's -mp). */
  readonly alsoFreeOffsets?: readonly number[];
}

const LOOPBACK = '127.0.0.1';
const MAX_ATTEMPTS = 50;
const MAX_PORT = 65535;

/** A bound socket we hold while checking the others, closed before the port is handed out. */
type Held = () => Promise<void>;

function holdUdp(port: number): Promise<{ port: number; release: Held } | null> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(null);
    });
    socket.bind(port, LOOPBACK, () => {
      const release: Held = () => new Promise((done) => socket.close(() => done()));
      resolve({ port: socket.address().port, release });
    });
  });
}

function holdTcp(port: number): Promise<{ port: number; release: Held } | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, LOOPBACK, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      const release: Held = () => new Promise((done) => server.close(() => done()));
      resolve({ port: bound, release });
    });
  });
}

function hold(protocol: PortProtocol, port: number): ReturnType<typeof holdUdp> {
  return protocol === PORT_PROTOCOL.udp ? holdUdp(port) : holdTcp(port);
}

/** Binds every (protocol, base + offset) pair; releases them all and answers whether all bound. */
async function tryBase(base: number, protocols: readonly PortProtocol[], offsets: readonly number[]) {
  const held: Held[] = [];
  let free = true;
  for (const offset of offsets) {
    const port = base + offset;
    if (port > MAX_PORT) free = false;
    for (const protocol of protocols) {
      if (!free) break;
      const socket = await hold(protocol, port);
      if (socket === null) free = false;
      else held.push(socket.release);
    }
    if (!free) break;
  }
  await Promise.all(held.map((release) => release()));
  return free;
}

/**
 * Finds a loopback port free on the given protocols, with the given offsets free too.
 * @throws Error when no such port turns up in {@link MAX_ATTEMPTS} tries (a saturated machine).
 */
export async function findFreePort(options: FreePortOptions = {}): Promise<number> {
  const protocols = options.protocols ?? [PORT_PROTOCOL.udp];
  const first = protocols[0] ?? PORT_PROTOCOL.udp;
  const offsets = [0, ...(options.alsoFreeOffsets ?? [])];
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const probe = await hold(first, 0);
    if (probe === null) continue;
    await probe.release();
    if (await tryBase(probe.port, protocols, offsets)) return probe.port;
  }
  throw new Error(`no free loopback port for ${protocols.join('+')} with offsets ${offsets.join(',')}`);
}

/** TCP_LISTEN in the `st` column of /proc/net/tcp (include/net/tcp_states.h). */
const TCP_LISTEN_STATE = '0A';

async function procNetLines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(1);
  } catch {
    return [];
  }
}

/**
 * Whether some process has the port bound (UDP) or listening (TCP), read from /proc/net (Linux):
 * a peer we started is ready. Binding the port ourselves to find out could make the peer's own
 * bind fail, if it came at that instant.
 */
export async function isPortBound(protocol: PortProtocol, port: number): Promise<boolean> {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const files = [`/proc/net/${protocol}`, `/proc/net/${protocol}6`];
  const lines = (await Promise.all(files.map(procNetLines))).flat();
  return lines.some((line) => {
    const [, local = '', , state = ''] = line.trim().split(/\s+/);
    return local.endsWith(hexPort) && (protocol === PORT_PROTOCOL.udp || state === TCP_LISTEN_STATE);
  });
}
