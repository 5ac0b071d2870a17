/**
 * The RTP sockets of one thread, over the native datagram I/O of native/rtp-io/rtp_io.c: a UDP
 * socket per call as RFC 3550 streams are usually carried, without Node's per-datagram costs.
 *
 * - Receiving: the native side reads every readable socket into the receive arena during the
 *   event loop's poll phase, and calls {@link RtpIo} once per turn; each datagram goes to its
 *   socket's receiver as a view into the arena, valid for that call only.
 * - Sending: {@link RtpSocket.send} copies the datagram into the send arena; the arena goes to the
 *   kernel in one native call when the current JavaScript job ends (a microtask), or when full.
 *   A media-clock tick sends every stream's packet in one crossing.
 *
 * The arenas' layouts (native byte order; every supported host is little-endian):
 * - receive entry: u32 slot, u16 length, u8 from-peer, u8 family (4 or 6), u16 source port,
 *   u16 flags (1: truncated), 16 bytes of source address, u32 reserved; then the datagram,
 *   padded to 4 bytes.
 * - send entry, every {@link SEND_STRIDE} bytes: u32 slot, u32 length, then the datagram.
 */
import { createRequire } from 'node:module';
import os from 'node:os';

const RECEIVE_HEADER_BYTES = 32;
const RECEIVE_TRUNCATED = 1;
const SEND_HEADER_BYTES = 8;
const SEND_STRIDE = 256;
/** The longest datagram {@link RtpSocket.send} takes: 60 ms of G.711 and a full RTP header fit. */
export const MAX_SEND_BYTES = SEND_STRIDE - SEND_HEADER_BYTES;
/** A turn's reading stops when this is full, and goes on next turn: about 2,000 voice packets. */
const RECEIVE_ARENA_BYTES = 512 * 1024;
/** Entries sent in one native call at most; a tick of more streams is sent in several. */
const SEND_ARENA_ENTRIES = 1024;

interface NativeRtpIo {
  start(receive: ArrayBuffer, send: ArrayBuffer, onReceive: (bytes: number) => void): void;
  open(host: string, port: number): number;
  close(slot: number): void;
  setPeer(slot: number, address: string, port: number): boolean;
  latch(slot: number, entryOffset: number): string | null;
  send(count: number): number;
  localPort(slot: number): number;
}

/** Where a datagram came from, as the native side read it; valid during its delivery only. */
export interface DatagramSource {
  /** Whether it came from the socket's peer (the address and port datagrams are sent to). */
  readonly fromPeer: boolean;
  readonly port: number;
  /** A key naming the source address and port, built only when asked (not from the peer). */
  key(): string;
}

/** What a socket's datagrams are handed to. */
export interface DatagramReceiver {
  /** `bytes[offset..offset + length]` is the datagram; the view is reused after the call returns. */
  onDatagram(bytes: Uint8Array, offset: number, length: number, source: DatagramSource): void;
}

export interface RtpIoCounters {
  /** Datagrams the kernel refused or that had no peer to go to. */
  sendFailures: number;
  /** Datagrams longer than the receive arena takes, dropped. */
  truncated: number;
}

function loadNative(): NativeRtpIo {
  const require = createRequire(import.meta.url);
  // Same depth from src/ and dist/: the addon node-gyp built at install.
  return require('../../../build/Release/rtp_io.node') as NativeRtpIo;
}

/** The source of the entry being delivered; one object, moved from entry to entry. */
class EntrySource implements DatagramSource {
  fromPeer = false;
  port = 0;
  offset = 0;
  readonly #bytes: Uint8Array;
  readonly #words: Uint32Array;

  constructor(bytes: Uint8Array, words: Uint32Array) {
    this.#bytes = bytes;
    this.#words = words;
  }

  key(): string {
    const word = this.offset / 4 + 3;
    const w = this.#words;
    return `${this.#bytes[this.offset + 7]}/${this.port}/${w[word]}/${w[word + 1]}/${w[word + 2]}/${w[word + 3]}`;
  }
}

/** The thread's RTP sockets; one per thread, from {@link rtpIo}. */
export class RtpIo {
  readonly counters: RtpIoCounters = { sendFailures: 0, truncated: 0 };
  readonly #native: NativeRtpIo;
  readonly #receiveBytes: Uint8Array;
  readonly #receiveHalves: Uint16Array;
  readonly #receiveWords: Uint32Array;
  readonly #sendBytes: Uint8Array;
  readonly #sendWords: Uint32Array;
  readonly #source: EntrySource;
  /** Receivers by slot. */
  readonly #receivers: (DatagramReceiver | undefined)[] = [];
  #queued = 0;
  #flushScheduled = false;
  readonly #flush = (): void => {
    this.#flushScheduled = false;
    this.flush();
  };

  constructor(native: NativeRtpIo) {
    if (os.endianness() !== 'LE') throw new Error('rtp-io: the arenas are read little-endian');
    this.#native = native;
    const receive = new ArrayBuffer(RECEIVE_ARENA_BYTES);
    const send = new ArrayBuffer(SEND_ARENA_ENTRIES * SEND_STRIDE);
    this.#receiveBytes = new Uint8Array(receive);
    this.#receiveHalves = new Uint16Array(receive);
    this.#receiveWords = new Uint32Array(receive);
    this.#sendBytes = new Uint8Array(send);
    this.#sendWords = new Uint32Array(send);
    this.#source = new EntrySource(this.#receiveBytes, this.#receiveWords);
    native.start(receive, send, (bytes) => this.#deliver(bytes));
  }

  /**
   * Binds a socket to `host:port` (0: any free port); null when the port is taken or the address is
   * not ours. Its datagrams are dropped until it has a receiver.
   */
  open(host: string, port: number): RtpSocket | null {
    const slot = this.#native.open(host, port);
    if (slot < 0) return null;
    this.#receivers[slot] = undefined;
    return new RtpSocket(this, slot, port === 0 ? this.#native.localPort(slot) : port);
  }

  /** @internal */
  setReceiver(slot: number, receiver: DatagramReceiver | undefined): void {
    this.#receivers[slot] = receiver;
  }

  /** @internal */
  close(slot: number): void {
    this.#receivers[slot] = undefined;
    this.#native.close(slot);
  }

  /** @internal */
  setPeer(slot: number, address: string, port: number): boolean {
    return this.#native.setPeer(slot, address, port);
  }

  /** @internal */
  latch(slot: number, source: DatagramSource): string | null {
    return source instanceof EntrySource ? this.#native.latch(slot, source.offset) : null;
  }

  /** @internal */
  enqueue(slot: number, datagram: Uint8Array, length: number): void {
    if (length > MAX_SEND_BYTES) throw new RangeError(`an RTP datagram of ${length} bytes is too long`);
    // A length past the bytes given would send what the arena held before.
    if (length > datagram.length || length < 0)
      throw new RangeError(`length ${length} is outside the ${datagram.length} bytes given`);
    const at = this.#queued * SEND_STRIDE;
    this.#sendWords[at / 4] = slot;
    this.#sendWords[at / 4 + 1] = length;
    this.#sendBytes.set(
      length === datagram.length ? datagram : datagram.subarray(0, length),
      at + SEND_HEADER_BYTES,
    );
    this.#queued += 1;
    if (this.#queued === SEND_ARENA_ENTRIES) this.flush();
    else if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      queueMicrotask(this.#flush);
    }
  }

  /** Hands the queued datagrams to the kernel now. */
  flush(): void {
    const count = this.#queued;
    if (count === 0) return;
    this.#queued = 0;
    this.counters.sendFailures += this.#native.send(count);
  }

  #deliver(used: number): void {
    const bytes = this.#receiveBytes;
    const halves = this.#receiveHalves;
    const words = this.#receiveWords;
    const source = this.#source;
    let at = 0;
    while (at < used) {
      const slot = words[at / 4] ?? 0;
      const length = halves[at / 2 + 2] ?? 0;
      const receiver = this.#receivers[slot];
      if ((halves[at / 2 + 5] ?? 0) & RECEIVE_TRUNCATED) this.counters.truncated += 1;
      else if (receiver !== undefined) {
        source.offset = at;
        source.fromPeer = bytes[at + 6] === 1;
        source.port = halves[at / 2 + 4] ?? 0;
        try {
          receiver.onDatagram(bytes, at + RECEIVE_HEADER_BYTES, length, source);
        } catch (error) {
          // One stream's fault must not lose the other streams' packets of this turn.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
      at += RECEIVE_HEADER_BYTES + ((length + 3) & ~3);
    }
  }
}

/** One bound UDP socket; its datagrams go to its receiver, and it sends to its peer. */
export class RtpSocket {
  readonly port: number;
  readonly #io: RtpIo;
  readonly #slot: number;
  #closed = false;

  constructor(io: RtpIo, slot: number, port: number) {
    this.#io = io;
    this.#slot = slot;
    this.port = port;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Hands this socket's datagrams to `receiver` from now on; null drops them. */
  setReceiver(receiver: DatagramReceiver | null): void {
    if (!this.#closed) this.#io.setReceiver(this.#slot, receiver ?? undefined);
  }

  /** Where datagrams go; false (and nothing sent until the next peer) for an address that is not one. */
  setPeer(address: string, port: number): boolean {
    return !this.#closed && this.#io.setPeer(this.#slot, address, port);
  }

  /** Makes a datagram's source the peer, during its delivery; answers the address as text. */
  latch(source: DatagramSource): string | null {
    return this.#closed ? null : this.#io.latch(this.#slot, source);
  }

  /** Queues `datagram[0..length]` to the peer; it leaves when the current job ends. */
  send(datagram: Uint8Array, length: number = datagram.length): void {
    if (!this.#closed) this.#io.enqueue(this.#slot, datagram, length);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#io.close(this.#slot);
  }
}

let threadIo: RtpIo | null = null;

/** This thread's RTP sockets, started on first use. */
export function rtpIo(): RtpIo {
  threadIo ??= new RtpIo(loadNative());
  return threadIo;
}
