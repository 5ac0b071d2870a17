/**
 * What a {@link Call} is made of: the SIP side of one leg (its INVITE
 * session and dialog), its media (the RTP session and its player), and where
 * prompts come from (text-to-speech, files, URLs). Each is an interface, so
 * a Call is tested without sockets and each part is tested on its own.
 */
import type { PromptEnd } from '../scenario/call-port.js';

/** Why a leg ended, for the CDR: Q.850 cause and who hung up (seed 04's hangupsource). */
export interface LegEnd {
  readonly cause: number;
  readonly source: 'CALLER' | 'CALLEE' | 'GATEWAY';
  /** SIP's word for it: BYE, CANCEL, 408, ... */
  readonly reason: string;
}

/** The SIP side of an inbound leg. */
export interface LegSignaling {
  /** 180 Ringing (or nothing when already sent). */
  ring(): void;
  /** Sends 200 with our SDP answer; resolves once sent (the ACK comes later). */
  answer(): Promise<'answered' | 'ended'>;
  /** BYE when answered, else a final error response to the INVITE. */
  hangup(): Promise<void>;
  /** The far end left (BYE or CANCEL) or the dialog failed (no ACK). Called once. */
  onEnded(listener: (end: LegEnd) => void): void;
}

/** A prompt ready to send: 20 ms frames already encoded for the leg's codec. */
export interface ReadyPrompt {
  /** Encoded frames, one after another, `frameBytes` each. */
  readonly bytes: Buffer;
  readonly frameCount: number;
}

/** The media side of a leg. */
export interface LegMedia {
  /** Sends the prompt's frames at 20 ms; `aborted` when the signal fired first. */
  play(prompt: ReadyPrompt, signal: AbortSignal): Promise<PromptEnd>;
  /** Sends silence for `durationMs`. */
  silence(durationMs: number, signal: AbortSignal): Promise<PromptEnd>;
  /** A digit arrived, by RFC 4733 or in-band. */
  onDigit(listener: (digit: string) => void): void;
  /**
   * Sends keys to the peer as RFC 4733 events, `durationMs` each with `gapMs` between them; false
   * when they cannot go (no telephone-event agreed, or keys already going). Absent: media that
   * cannot send keys.
   */
  sendDigits?(keys: string, durationMs: number, gapMs: number): Promise<boolean>;
  close(): void;
}

export interface SayPrompt {
  readonly text: string;
  readonly ssml: boolean;
  readonly language: string;
  readonly voiceName: string | null;
  readonly voiceGender: 'male' | 'female' | null;
  readonly speechRate: number;
}

export type PromptLookup =
  { readonly ok: true; readonly prompt: ReadyPrompt } | { readonly ok: false; readonly reason: string };

/** Turns a Say or a Play into frames for the leg's codec. */
export interface LegPrompts {
  speak(request: SayPrompt, signal: AbortSignal): Promise<PromptLookup>;
  fetch(url: string, signal: AbortSignal): Promise<PromptLookup>;
}
