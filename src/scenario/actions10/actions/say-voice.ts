/**
 * Say's `voice` and `language` parameters as canonical Say options (section 5.19). A seed-04 voice
 * code such as `TTS_EN-GB_SERENA` names the voice (`SERENA`) and its language (`en-gb`), as section
 * 5.19 reads it. Languages are lower-cased; one the Say enum lacks falls back to its base language
 * (`fr-FR` -> `fr`), which is also the canonical voice resolution's last step.
 */
import type { JsonObject } from '../canonical-json.js';
import { SAY_LANGUAGES } from '../../schemas/common.js';

const VOICE_CODE = /^TTS_([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,4})*)_([A-Za-z0-9]+)$/;
const LANGUAGES: ReadonlySet<string> = new Set(SAY_LANGUAGES);

export function normalizeLanguage(code: string): string {
  const lower = code.toLowerCase();
  if (LANGUAGES.has(lower)) return lower;
  const base = lower.split('-')[0] ?? lower;
  return LANGUAGES.has(base) ? base : lower;
}

export interface SayVoice {
  readonly options: JsonObject;
  /** Where `options.language` came from: the `language` or the `voice` parameter. */
  readonly languageFrom: 'language' | 'voice' | null;
}

export function sayVoiceOptions(voice: string | undefined, language: string | undefined): SayVoice {
  const options: JsonObject = {};
  let languageFrom: SayVoice['languageFrom'] = null;
  const code = voice === undefined ? null : VOICE_CODE.exec(voice);
  if (language !== undefined) {
    options['language'] = normalizeLanguage(language);
    languageFrom = 'language';
  } else if (code?.[1] !== undefined) {
    options['language'] = normalizeLanguage(code[1]);
    languageFrom = 'voice';
  }
  if (voice !== undefined) options['voice'] = { name: code?.[2] ?? voice };
  return { options, languageFrom };
}
