/**
 * A decoded prompt, kept as ready 20 ms frames per codec (DESIGN.md,
 * "prompts are decoded once and kept as ready 20 ms frames per codec"). Each
 * codec's frames are encoded on first use, then shared by every call that
 * plays the prompt: a player reads frame `i` at `bytes[i * 160, (i + 1) * 160)`
 * and never copies the whole prompt.
 */
import { encodeALaw, encodeMuLaw } from '../rtp/g711.js';

/** Packetisation time of every prompt frame (RFC 3551 section 4.5: G.711's default ptime). */
export const PROMPT_PTIME_MS = 20;

/** 8 kHz mono: 160 samples, and as many G.711 bytes, per 20 ms frame. */
export const PROMPT_FRAME_SAMPLES = 160;

/** The payloads a prompt is kept in (RFC 3551 section 4.5.14, static payload types 0 and 8). */
export const PROMPT_CODEC = { PCMU: 'PCMU', PCMA: 'PCMA' } as const;

export type PromptCodec = (typeof PROMPT_CODEC)[keyof typeof PROMPT_CODEC];

/**
 * The byte each codec encodes silence as: µ-law's zero is 0xFF and A-law's
 * 0xD5 (ITU-T G.711 tables 1 and 2, the even bits inverted for A-law).
 */
export const G711_SILENCE_BYTE = { PCMU: 0xff, PCMA: 0xd5 } as const satisfies Record<PromptCodec, number>;

/** One codec's frames: a contiguous, read-only-by-contract buffer shared by every call. */
export interface PromptFrames {
  readonly codec: PromptCodec;
  /** `frameCount * 160` encoded bytes; the last frame is padded with the codec's silence. */
  readonly bytes: Buffer;
  readonly frameCount: number;
  /** `frameCount * 20`: what the caller hears, padding included. */
  readonly durationMs: number;
}

/** A prompt at 8 kHz mono, with its frames encoded lazily once per codec. */
export class PromptAudio {
  /** The decoded audio: 8 kHz mono signed 16-bit. */
  readonly pcm: Int16Array;
  readonly frameCount: number;
  readonly durationMs: number;
  #frames: Partial<Record<PromptCodec, PromptFrames>> = {};

  constructor(pcm: Int16Array) {
    this.pcm = pcm;
    this.frameCount = Math.ceil(pcm.length / PROMPT_FRAME_SAMPLES);
    this.durationMs = this.frameCount * PROMPT_PTIME_MS;
  }

  /**
   * Bytes the prompt holds once both codecs are encoded: what a cache budgets
   * for it from the start, so its size never changes while cached.
   */
  get byteLength(): number {
    return this.pcm.byteLength + 2 * this.frameCount * PROMPT_FRAME_SAMPLES;
  }

  /** The prompt's frames in `codec`; encoded on the first call, the same object afterwards. */
  frames(codec: PromptCodec): PromptFrames {
    const cached = this.#frames[codec];
    if (cached !== undefined) return cached;
    const frames = this.#encode(codec);
    this.#frames[codec] = frames;
    return frames;
  }

  /**
   * Copies frame `index` in `codec` into `out` at `outOffset` (an RTP packet's
   * payload) without allocating; false when `index` is past the end.
   */
  copyFrame(codec: PromptCodec, index: number, out: Uint8Array, outOffset: number): boolean {
    if (!Number.isInteger(index) || index < 0 || index >= this.frameCount) return false;
    const start = index * PROMPT_FRAME_SAMPLES;
    this.frames(codec).bytes.copy(out, outOffset, start, start + PROMPT_FRAME_SAMPLES);
    return true;
  }

  #encode(codec: PromptCodec): PromptFrames {
    // Shared memory: the media thread plays these frames without a copy per play, which at a few
    // hundred calls had its heap run a full garbage collection every second (media-thread.ts).
    const length = this.frameCount * PROMPT_FRAME_SAMPLES;
    const bytes = Buffer.from(new SharedArrayBuffer(length)).fill(G711_SILENCE_BYTE[codec]);
    if (codec === PROMPT_CODEC.PCMU) encodeMuLaw(this.pcm, bytes, 0);
    else encodeALaw(this.pcm, bytes, 0);
    return Object.freeze({ codec, bytes, frameCount: this.frameCount, durationMs: this.durationMs });
  }
}
