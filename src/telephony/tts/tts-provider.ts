/**
 * The text-to-speech port: a provider turns text into a WAV file on disk, which
 * then goes through the PromptCache like any other prompt. espeak-ng is the
 * built-in provider (espeak-tts-provider.ts); a cloud engine would be another.
 */

/** What to say, already resolved to one of the provider's voices. */
export interface TtsRequest {
  /** Plain text, or an SSML document when `ssml` is true. */
  readonly text: string;
  /** The provider's own voice name (espeak-ng: `en+f3`). */
  readonly voice: string;
  /** Speaking rate in words per minute (175 is espeak-ng's normal pace). */
  readonly rate: number;
  readonly ssml: boolean;
}

export type TtsResult = { ok: true; wavPath: string } | { ok: false; reason: string };

export interface TtsProvider {
  /** Names the engine in cache keys, so two engines never share audio. */
  readonly name: string;
  /**
   * Writes the speech to a WAV file and returns its path; the file stays valid
   * (providers cache it). Aborting `signal` stops the synthesis and yields a failure.
   */
  synthesize(request: TtsRequest, signal: AbortSignal): Promise<TtsResult>;
}
