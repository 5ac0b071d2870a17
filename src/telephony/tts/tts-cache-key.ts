/**
 * The key synthesized audio is cached under, on disk and in the PromptCache:
 * a hash of everything that changes the sound (engine, voice, rate, SSML or
 * not, text), so one text spoken two ways is two entries.
 */
import { createHash } from 'node:crypto';
import type { TtsRequest } from './tts-provider.js';

/** SHA-256 in hex of the request's audible fields; safe as a file name. */
export function ttsCacheKey(engine: string, request: TtsRequest): string {
  const fields = [engine, request.voice, request.rate, request.ssml, request.text];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
