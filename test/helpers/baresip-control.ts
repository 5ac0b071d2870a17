/**
 * A client for baresip's `ctrl_tcp` module: JSON objects framed as netstrings ("<length>:<json>,",
 * https://cr.yp.to/proto/netstrings.txt) both ways. We send `{"command", "params", "token"}`; baresip
 * answers `{"response": true, "ok", "data", "token"}` and reports what happens as
 * `{"event": true, "type": "CALL_ESTABLISHED", ...}`.
 */
import { connect, type Socket } from 'node:net';

/** An event baresip reported (`CALL_RINGING`, `CALL_ESTABLISHED`, `CALL_CLOSED`, ...). */
export interface BaresipEvent {
  readonly type: string;
  /** `CALL_CLOSED`: the reason ("Connection reset by user", "404 Not Found", ...). */
  readonly param: string;
  readonly peeruri: string;
  readonly receivedAtMs: number;
}

export interface BaresipResponse {
  readonly ok: boolean;
  readonly data: string;
}

export interface BaresipControl {
  /** Every event so far, in order. */
  readonly events: readonly BaresipEvent[];
  /** Runs a long command (`dial`, `sndcode`, `hangup`, `quit`) and resolves with its response. */
  command(command: string, params?: string): Promise<BaresipResponse>;
  /** The first event of this type, past or future; rejects after the timeout. */
  waitForEvent(type: string, timeoutMs: number): Promise<BaresipEvent>;
  close(): void;
}

const CONNECT_RETRY_MS = 50;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Splits complete netstrings off the front of the buffer; returns the rest. */
function drainNetstrings(buffer: string, onMessage: (json: string) => void): string {
  let rest = buffer;
  for (;;) {
    const colon = rest.indexOf(':');
    if (colon < 0) return rest;
    const length = Number(rest.slice(0, colon));
    // Lengths count bytes; baresip's JSON here is ASCII, so bytes and characters agree.
    if (!Number.isInteger(length) || rest.length < colon + 1 + length + 1) return rest;
    onMessage(rest.slice(colon + 1, colon + 1 + length));
    rest = rest.slice(colon + 2 + length);
  }
}

function connectOnce(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Connects to baresip's control port, retrying while baresip starts up.
 * @param hasExited stops the retries at once when baresip died before listening.
 */
export async function connectBaresipControl(
  port: number,
  timeoutMs: number,
  hasExited: () => boolean = () => false,
): Promise<BaresipControl> {
  const deadline = Date.now() + timeoutMs;
  let socket: Socket | null = null;
  while (socket === null) {
    try {
      socket = await connectOnce(port);
    } catch (error) {
      if (Date.now() > deadline || hasExited())
        throw new Error(`baresip control port ${port} never opened`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_MS));
    }
  }
  return createControl(socket);
}

function createControl(socket: Socket): BaresipControl {
  const events: BaresipEvent[] = [];
  const pending = new Map<
    string,
    { resolve: (response: BaresipResponse) => void; reject: (error: Error) => void }
  >();
  const waiters = new Set<{
    type: string;
    resolve: (event: BaresipEvent) => void;
    fail: (error: Error) => void;
  }>();
  let buffer = '';
  let nextToken = 1;
  const onMessage = (json: string) => {
    const message = JSON.parse(json) as Record<string, unknown>;
    if (message['response'] === true) {
      const token = text(message['token']);
      pending.get(token)?.resolve({ ok: message['ok'] === true, data: text(message['data']) });
      pending.delete(token);
    } else if (message['event'] === true) {
      const event = {
        type: text(message['type']),
        param: text(message['param']),
        peeruri: text(message['peeruri']),
        receivedAtMs: Date.now(),
      };
      events.push(event);
      for (const waiter of waiters) if (waiter.type === event.type) waiter.resolve(event);
    }
  };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (buffer = drainNetstrings(buffer + chunk, onMessage)));
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    const closed = new Error('baresip closed its control connection');
    for (const request of pending.values()) request.reject(closed);
    pending.clear();
    for (const waiter of waiters) waiter.fail(closed);
  });
  return {
    events,
    command(command, params) {
      const token = `t${nextToken++}`;
      const json = JSON.stringify({ command, params: params ?? '', token });
      return new Promise((resolve, reject) => {
        if (socket.destroyed) return reject(new Error(`baresip control connection closed before ${command}`));
        pending.set(token, { resolve, reject });
        socket.write(`${Buffer.byteLength(json)}:${json},`);
      });
    },
    waitForEvent(type, timeoutMs) {
      const seen = events.find((event) => event.type === type);
      if (seen !== undefined) return Promise.resolve(seen);
      if (socket.destroyed)
        return Promise.reject(new Error(`baresip control connection closed before ${type}`));
      return new Promise((resolve, reject) => {
        const waiter = {
          type,
          resolve: (event: BaresipEvent) => settle(() => resolve(event)),
          fail: (error: Error) => settle(() => reject(error)),
        };
        const timer = setTimeout(
          () => waiter.fail(new Error(`no ${type} from baresip within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const settle = (action: () => void) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          action();
        };
        waiters.add(waiter);
      });
    },
    close: () => socket.destroy(),
  };
}
