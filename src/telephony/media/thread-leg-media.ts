/**
 * A call leg's media as the main thread sees it (LegMedia): each play, stop and setting is a
 * message to the media thread (media-host.ts), and prompt ends and digits come back as events.
 *
 * An aborted play settles at once, here, without waiting for the media thread's answer: the
 * scenario engine stops a prompt the moment the caller hangs up or presses a key, and its next
 * command reaches the media thread after the stop (messages keep their order).
 */
import type { PromptEnd } from '../../scenario/call-port.js';
import type { LegMedia, ReadyPrompt } from '../call-leg.js';
import type { LegMediaReport, LegStreamSettings, MediaCommand } from './media-protocol.js';

/** What a leg needs of its media thread. */
export interface MediaCommandSink {
  post(command: MediaCommand): void;
}

export class ThreadLegMedia implements LegMedia {
  /** The RTP port bound for this leg (RTCP is the next one). */
  readonly port: number;
  readonly #id: number;
  readonly #sink: MediaCommandSink;
  readonly #plays = new Map<number, (end: PromptEnd) => void>();
  readonly #keySends = new Map<number, (sent: boolean) => void>();
  #nextPlay = 0;
  #nextKeySend = 0;
  #closed = false;
  #digitListener: ((digit: string) => void) | null = null;
  #reportListener: ((report: LegMediaReport | null) => void) | null = null;

  constructor(id: number, port: number, sink: MediaCommandSink) {
    this.#id = id;
    this.port = port;
    this.#sink = sink;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The SDP is agreed: the stream starts. */
  start(stream: LegStreamSettings): void {
    if (!this.#closed) this.#sink.post({ op: 'start', leg: this.#id, stream });
  }

  /** Hold (false) and resume (true): the peer's re-INVITE said whether we send. */
  setSending(sending: boolean): void {
    if (!this.#closed) this.#sink.post({ op: 'sending', leg: this.#id, sending });
  }

  /** A re-INVITE moved the peer's media. */
  setRemote(address: string, port: number): void {
    if (!this.#closed) this.#sink.post({ op: 'remote', leg: this.#id, address, port });
  }

  play(prompt: ReadyPrompt, signal: AbortSignal): Promise<PromptEnd> {
    return this.#start(compact(prompt.bytes), prompt.frameCount, signal);
  }

  silence(durationMs: number, signal: AbortSignal): Promise<PromptEnd> {
    return this.#start(null, Math.ceil(durationMs / 20), signal);
  }

  onDigit(listener: (digit: string) => void): void {
    this.#digitListener = listener;
  }

  /** Sends `keys` to the peer as RFC 4733 events; false when they could not go (see `keysSent`). */
  sendDigits(keys: string, durationMs: number, gapMs: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    const request = (this.#nextKeySend += 1);
    this.#sink.post({ op: 'keys', leg: this.#id, request, keys, durationMs, gapMs });
    return new Promise((resolve) => this.#keySends.set(request, resolve));
  }

  /** The media thread sent the keys of `request`, or could not. */
  keysSent(request: number, sent: boolean): void {
    const settle = this.#keySends.get(request);
    this.#keySends.delete(request);
    settle?.(sent);
  }

  /** Told once with the leg's RTP figures, after it closed (null if it never streamed). */
  onReport(listener: (report: LegMediaReport | null) => void): void {
    this.#reportListener = listener;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#sink.post({ op: 'close', leg: this.#id });
    this.#settleAll('aborted');
  }

  /** The media thread ended a play. */
  played(play: number, end: PromptEnd): void {
    const settle = this.#plays.get(play);
    if (settle === undefined) return;
    this.#plays.delete(play);
    settle(end);
  }

  digit(digit: string): void {
    if (!this.#closed) this.#digitListener?.(digit);
  }

  /** The media thread closed the leg; `report` null when the thread is gone. */
  ended(report: LegMediaReport | null): void {
    this.#closed = true;
    this.#settleAll('aborted');
    const listener = this.#reportListener;
    this.#reportListener = null;
    listener?.(report);
  }

  #start(bytes: Uint8Array | null, frameCount: number, signal: AbortSignal): Promise<PromptEnd> {
    if (this.#closed || signal.aborted) return Promise.resolve('aborted');
    if (frameCount <= 0) return Promise.resolve('completed');
    const play = (this.#nextPlay += 1);
    this.#sink.post({ op: 'play', leg: this.#id, play, bytes, frameCount });
    return new Promise<PromptEnd>((resolve) => {
      const onAbort = (): void => {
        if (!this.#plays.delete(play)) return;
        this.#sink.post({ op: 'stop', leg: this.#id, play });
        resolve('aborted');
      };
      this.#plays.set(play, (end) => {
        signal.removeEventListener('abort', onAbort);
        resolve(end);
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #settleAll(end: PromptEnd): void {
    const plays = [...this.#plays.values()];
    this.#plays.clear();
    for (const settle of plays) settle(end);
    const keySends = [...this.#keySends.values()];
    this.#keySends.clear();
    for (const settle of keySends) settle(false);
  }
}

/**
 * What a play message carries. Frames in shared memory (PromptAudio's) travel as a view, without a
 * copy. Others are copied, into a buffer of their own: a message copies a typed array's whole
 * underlying buffer, and a Buffer may be a small view of a large one (Node's pool, a decoded file).
 */
function compact(bytes: Buffer): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  return new Uint8Array(bytes);
}
