/**
 * Where a call's prompts come from (LegPrompts): Say through text-to-speech,
 * Play from the data directory's media folder (`media:<name>`) or an http(s)
 * URL. Every prompt goes through the one PromptCache, so the frames of a
 * prompt are made once per codec and shared by every call playing it.
 */
import type { LegPrompts, PromptLookup, SayPrompt } from '../call-leg.js';
import type { SayPromptLoader } from '../tts/say-prompt-loader.js';
import type { PromptCache, PromptResult } from './prompt-cache.js';
import {
  createMediaFileSource,
  createUrlSource,
  type MediaFetcher,
  type PromptSource,
} from './prompt-source.js';
import type { LegCodec } from './rtp-leg-media.js';

export interface PromptLibrary {
  readonly cache: PromptCache;
  readonly say: SayPromptLoader;
  /** The media folder: `media:welcome.wav` is `<mediaDir>/welcome.wav`. */
  readonly mediaDir: string;
  readonly fetcher: MediaFetcher;
}

const MEDIA_SCHEME = 'media:';

/** The prompts of one call, in its codec. */
export function createLegPrompts(library: PromptLibrary, codec: LegCodec): LegPrompts {
  const ready = (result: PromptResult): PromptLookup => {
    if (!result.ok) return result;
    const frames = result.value.frames(codec);
    return { ok: true, prompt: { bytes: frames.bytes, frameCount: frames.frameCount } };
  };
  return {
    async speak(request: SayPrompt, signal: AbortSignal) {
      return ready(await library.say(request, signal));
    },
    async fetch(url: string, signal: AbortSignal) {
      const source = sourceOf(library, url);
      if (source === null) return { ok: false, reason: `unsupported media reference: ${url}` };
      return ready(await library.cache.get(source, signal));
    },
  };
}

function sourceOf(library: PromptLibrary, url: string): PromptSource | null {
  if (url.startsWith(MEDIA_SCHEME))
    return createMediaFileSource(library.mediaDir, url.slice(MEDIA_SCHEME.length));
  if (url.startsWith('http://') || url.startsWith('https://')) return createUrlSource(library.fetcher, url);
  return null;
}
