/**
 * A leg's media over its RTP session (LegMedia): plays prompts and silence
 * frame by frame as the media clock asks, and hears digits either as RFC 4733
 * telephone-events or, for peers that send tones in the audio, with the
 * in-band detector. Once a peer has sent one telephone-event, in-band
 * detection stops: the same key would otherwise count twice when a phone
 * sends both (RFC 4733 section 2.6 lets it).
 */
import type { PromptEnd } from '../../scenario/call-port.js';
import type { LegMedia, ReadyPrompt } from '../call-leg.js';
import { A_LAW_DECODE_TABLE, MU_LAW_DECODE_TABLE } from '../rtp/g711.js';
import { FRAME_BYTES, type FrameSource, type RtpSessionDelegate } from '../rtp/rtp-session.js';
import { TelephoneEventReceiver } from '../rtp/telephone-event.js';
import { DtmfDetector } from './dtmf-detector.js';

export type LegCodec = 'PCMU' | 'PCMA';

/** G.711's zero: 0xFF in µ-law, 0xD5 in A-law. */
const SILENCE_BYTE: Readonly<Record<LegCodec, number>> = { PCMU: 0xff, PCMA: 0xd5 };

interface Playing {
  readonly prompt: ReadyPrompt | null;
  readonly frameCount: number;
  index: number;
  readonly finish: (end: PromptEnd) => void;
}

export interface RtpLegMediaOptions {
  readonly codec: LegCodec;
  /** Listen for DTMF tones in the audio (until the peer sends an RFC 4733 event). */
  readonly inbandDtmf: boolean;
}

export class RtpLegMedia implements LegMedia, FrameSource, RtpSessionDelegate {
  readonly #codec: LegCodec;
  readonly #silence: number;
  readonly #events = new TelephoneEventReceiver();
  readonly #detector: DtmfDetector | null;
  #inband: boolean;
  #playing: Playing | null = null;
  #sending = true;
  #closed = false;
  #digitListener: ((digit: string) => void) | null = null;

  constructor(options: RtpLegMediaOptions) {
    this.#codec = options.codec;
    this.#silence = SILENCE_BYTE[options.codec];
    this.#inband = options.inbandDtmf;
    this.#detector = options.inbandDtmf ? new DtmfDetector() : null;
  }

  /** Hold: the peer put us on sendonly/inactive and our answer said we stop sending. */
  setSending(sending: boolean): void {
    this.#sending = sending;
  }

  play(prompt: ReadyPrompt, signal: AbortSignal): Promise<PromptEnd> {
    return this.#start(prompt, prompt.frameCount, signal);
  }

  silence(durationMs: number, signal: AbortSignal): Promise<PromptEnd> {
    return this.#start(null, Math.ceil(durationMs / 20), signal);
  }

  onDigit(listener: (digit: string) => void): void {
    this.#digitListener = listener;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#playing?.finish('aborted');
  }

  /** The media clock's tick, through the RTP session: the next frame's bytes. */
  fillFrame(payload: Buffer, offset: number): boolean {
    const playing = this.#playing;
    if (playing !== null) {
      if (playing.prompt === null) payload.fill(this.#silence, offset, offset + FRAME_BYTES);
      else {
        const start = playing.index * FRAME_BYTES;
        playing.prompt.bytes.copy(payload, offset, start, start + FRAME_BYTES);
      }
      playing.index += 1;
      if (playing.index >= playing.frameCount) playing.finish('completed');
    } else {
      // Between prompts the peer hears silence, which keeps NAT bindings and jitter buffers warm.
      payload.fill(this.#silence, offset, offset + FRAME_BYTES);
    }
    return this.#sending;
  }

  onTelephoneEvent(payload: Buffer, offset: number, length: number, timestamp: number, ssrc: number): void {
    const digit = this.#events.receive(payload, offset, length, timestamp, ssrc);
    this.#inband = false;
    if (digit !== null) this.#digitListener?.(digit);
  }

  onAudio(payload: Buffer, offset: number, length: number, payloadType: number): void {
    if (!this.#inband || this.#detector === null) return;
    // Payload type 8 is PCMA and 0 PCMU (RFC 3551 table 4); another type is not ours to decode.
    const table = payloadType === 0 ? MU_LAW_DECODE_TABLE : payloadType === 8 ? A_LAW_DECODE_TABLE : null;
    if (table === null) return;
    // Decoded by the detector straight from the datagram: no view or copy per packet.
    const digit = this.#detector.processCodes(payload, offset, length, table);
    if (digit !== null) this.#digitListener?.(digit);
  }

  #start(prompt: ReadyPrompt | null, frameCount: number, signal: AbortSignal): Promise<PromptEnd> {
    if (this.#closed || signal.aborted) return Promise.resolve('aborted');
    if (frameCount <= 0) return Promise.resolve('completed');
    // A new prompt replaces one still playing (the engine aborts first; this is the safety net).
    this.#playing?.finish('aborted');
    return new Promise<PromptEnd>((resolve) => {
      const onAbort = (): void => playing.finish('aborted');
      const playing: Playing = {
        prompt,
        frameCount,
        index: 0,
        finish: (end) => {
          if (this.#playing === playing) this.#playing = null;
          signal.removeEventListener('abort', onAbort);
          resolve(end);
        },
      };
      this.#playing = playing;
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  get codec(): LegCodec {
    return this.#codec;
  }
}
