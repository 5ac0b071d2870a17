/**
 * Turns a Say into a prompt ready to play: resolve the voice, synthesize (or
 * find on disk), decode through the PromptCache. The cache key is the TTS
 * hash, so calls saying the same text at once share one synthesis and one
 * decode, and later calls get the frames already encoded.
 */
import type { PromptCache, PromptResult } from '../media/prompt-cache.js';
import { createFileSource, type PromptSource } from '../media/prompt-source.js';
import { resolveEspeakVoice, type EspeakVoiceResult, type SayVoiceRequest } from './espeak-voice.js';
import { ttsCacheKey } from './tts-cache-key.js';
import type { TtsProvider, TtsRequest } from './tts-provider.js';

/** A Say as the call leg receives it: the shape of CallPort's SayRequest. */
export interface SayPromptRequest extends SayVoiceRequest {
  readonly text: string;
  readonly ssml: boolean;
}

export interface SayPromptLoaderOptions {
  readonly provider: TtsProvider;
  readonly prompts: PromptCache;
  /** Maps a Say to the provider's voice and pace; default {@link resolveEspeakVoice}. */
  readonly resolveVoice?: (request: SayVoiceRequest) => EspeakVoiceResult;
}

/** Loads the prompt for a Say; a failure names why (no voice, synthesis, decoding, aborted). */
export type SayPromptLoader = (request: SayPromptRequest, signal: AbortSignal) => Promise<PromptResult>;

function synthesizedSource(provider: TtsProvider, request: TtsRequest): PromptSource {
  const key = `tts:${ttsCacheKey(provider.name, request)}`;
  return {
    key,
    async load(signal) {
      const synthesized = await provider.synthesize(request, signal);
      if (!synthesized.ok) return { ok: false, reason: `text-to-speech failed: ${synthesized.reason}` };
      return createFileSource(key, synthesized.wavPath).load(signal);
    },
  };
}

export function createSayPromptLoader(options: SayPromptLoaderOptions): SayPromptLoader {
  const { provider, prompts } = options;
  const resolveVoice = options.resolveVoice ?? resolveEspeakVoice;
  return async (request, signal) => {
    const voice = resolveVoice(request);
    if (!voice.ok) return voice;
    const ttsRequest: TtsRequest = {
      text: request.text,
      voice: voice.value.voice,
      rate: voice.value.wordsPerMinute,
      ssml: request.ssml,
    };
    return prompts.get(synthesizedSource(provider, ttsRequest), signal);
  };
}
