/**
 * Starts the RTP peer (rtp-peer-process.ts) as a child process for one concurrency step and talks
 * to it. The child inherits the benchmark's CPU affinity (the load generator's core). It is
 * registered with the run's {@link Cleanup}, so an interrupted run never leaves it behind.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from '../harness/cleanup.js';
import type { RtpPeerReport } from './rtp-peer.js';
import type { PeerEvent, PeerRequest } from './rtp-peer-process.js';

const PEER_MODULE = fileURLToPath(new URL('./rtp-peer-process.ts', import.meta.url));
/** Binding a thousand sockets and starting tsx take well under this. */
const REPLY_TIMEOUT_MS = 30_000;

export interface RtpPeerSettings {
  readonly count: number;
  readonly audioFile: string;
  readonly windowMs: number;
  readonly windowDeadlineMs: number;
}

/** The peer's measurement window: each promise resolves with the time (epoch ms) it opened or closed. */
export interface PeerWindow {
  readonly opened: Promise<number>;
  readonly closed: Promise<number>;
}

export interface RunningRtpPeer {
  /** One port per call, in call order: the `m=audio` port of each call's SDP offer. */
  readonly ports: readonly number[];
  /** Rejects when the peer stops before the window opens or closes. */
  readonly window: PeerWindow;
  /** Stops the peer and returns what it measured. */
  finish(): Promise<RtpPeerReport>;
}

export async function startRtpPeer(settings: RtpPeerSettings, cleanup: Cleanup): Promise<RunningRtpPeer> {
  const child = fork(PEER_MODULE, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  cleanup.defer('stop the RTP peer', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const waiters = new Map<PeerEvent['type'] | 'window-start' | 'window-end', (event: PeerEvent) => void>();
  let failure: Error | null = null;
  const fail = (error: Error): void => {
    failure = error;
    for (const waiter of waiters.values()) waiter({ type: 'error', message: error.message });
  };
  child.on('message', (message: PeerEvent) => {
    const key = message.type === 'window' ? (`window-${message.event}` as const) : message.type;
    if (message.type === 'error') fail(new Error(`RTP peer: ${message.message}`));
    else waiters.get(key)?.(message);
  });
  child.once('exit', (code, signal) => fail(new Error(`RTP peer exited (${code ?? signal})`)));
  // A send on a closed channel (the peer was stopped by a signal's cleanup) is reported here, not thrown.
  child.on('error', (error) => fail(error));
  const send = (request: PeerRequest): void => {
    if (child.connected) child.send(request);
    else fail(new Error('RTP peer: channel closed'));
  };

  const next = <T extends PeerEvent>(key: PeerEvent['type'] | 'window-start' | 'window-end'): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (failure !== null) return reject(failure);
      waiters.set(key, (event) =>
        event.type === 'error' ? reject(new Error(event.message)) : resolve(event as T),
      );
    });
  const withTimeout = <T>(promise: Promise<T>, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`RTP peer: no ${what} within ${REPLY_TIMEOUT_MS} ms`)),
        REPLY_TIMEOUT_MS,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  };

  const portsReply = next<Extract<PeerEvent, { type: 'ports' }>>('ports');
  const atTime = (event: PeerEvent): number => (event.type === 'window' ? event.atEpochMs : NaN);
  const window = { opened: next('window-start').then(atTime), closed: next('window-end').then(atTime) };
  // A window that never opens is the step's problem, reported from the figures; not an unhandled rejection.
  window.opened.catch(() => undefined);
  window.closed.catch(() => undefined);
  send({ type: 'open', ...settings });
  const { ports } = await withTimeout(portsReply, 'ports');
  return {
    ports,
    window,
    async finish() {
      const reply = next<Extract<PeerEvent, { type: 'report' }>>('report');
      send({ type: 'finish' });
      return (await withTimeout(reply, 'report')).report;
    },
  };
}
