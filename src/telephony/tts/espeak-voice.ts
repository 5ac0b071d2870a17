/**
 * Resolves a Say's language, voice name, gender and speech rate to an
 * espeak-ng voice and a pace in words per minute, in the order
 * SCENARIO-LANGUAGE.md section 5.19 gives: the named voice if it speaks the
 * language; the language's voice of the asked gender; the language's default;
 * the base language's default (`en-gb` -> `en`).
 */

/** espeak-ng's normal pace (espeak-ng(1), `-s`). */
export const ESPEAK_DEFAULT_WPM = 175;
/** espeak-ng's slowest and fastest paces (espeak-ng(1), `-s`: 80 to 450 words per minute). */
export const ESPEAK_MIN_WPM = 80;
export const ESPEAK_MAX_WPM = 450;

export type VoiceGender = 'male' | 'female';

/** A voice of the seed-04 catalogue, mapped to an espeak-ng voice of its language and gender. */
export interface SeedVoice {
  /** The seed's id: `TTS_EN-GB_SERENA`. */
  readonly id: string;
  /** The id's last part: `SERENA`. */
  readonly name: string;
  readonly language: string;
  readonly gender: VoiceGender;
  /** espeak-ng language voice plus a variant for the gender (`+f3`, `+m3`, ...). */
  readonly espeakVoice: string;
}

function seedVoice(id: string, gender: VoiceGender, espeakVoice: string): SeedVoice {
  const [, language = '', name = ''] = /^TTS_([A-Z]{2}-[A-Z]{2})_([A-Z]+)$/.exec(id) ?? [];
  return Object.freeze({ id, name, language: language.toLowerCase(), gender, espeakVoice });
}

/**
 * The seed-04 voices (seeds/04-voice-platform-objects.txt, `voice`). Voices of
 * one language and gender get different variants so they still sound apart.
 * espeak-ng 1.51 has no Flemish voice, so nl-BE speaks Dutch. British English
 * and French are named by their voice files, `en` and `fr`: espeak-ng 1.51
 * ignores a variant after the names `en-gb` and `fr-fr` (`en-gb+f3` sounds
 * exactly like `en-gb`), and a test checks every variant is heard.
 */
export const SEED_VOICES: readonly SeedVoice[] = Object.freeze([
  seedVoice('TTS_DE-DE_ANNA', 'female', 'de+f3'),
  seedVoice('TTS_DE-DE_YANNICK', 'male', 'de+m3'),
  seedVoice('TTS_EN-GB_DANIEL', 'male', 'en+m3'),
  seedVoice('TTS_EN-GB_SERENA', 'female', 'en+f3'),
  seedVoice('TTS_FR-FR_AUDREY', 'female', 'fr+f3'),
  seedVoice('TTS_FR-FR_SEBASTIEN', 'male', 'fr+m3'),
  seedVoice('TTS_FR-FR_THOMAS', 'male', 'fr+m2'),
  seedVoice('TTS_FR-FR_VIRGINIE', 'female', 'fr+f2'),
  seedVoice('TTS_IT-IT_PAOLO', 'male', 'it+m3'),
  seedVoice('TTS_IT-IT_SILVIA', 'female', 'it+f3'),
  seedVoice('TTS_NL-BE_ELLEN', 'female', 'nl+f3'),
  seedVoice('TTS_NL-NL_CLAIRE', 'female', 'nl+f2'),
  seedVoice('TTS_NL-NL_XANDER', 'male', 'nl+m3'),
]);

/**
 * Languages (lower case) to espeak-ng language voices, where the two names
 * differ or a region has a voice of its own; any other code falls back to its
 * base language's entry. Codes are SCENARIO-LANGUAGE.md's `options.language`
 * list; British English and French go by file name (see {@link SEED_VOICES}).
 */
export const ESPEAK_LANGUAGE_VOICES: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(
    'ar bg bn ca cs cy da de el eo es fi gu he hi hr hu id is it ja kn ko ml ms nb nl pl pt ro ru sk sl sv ta te th tr uk ur vi'
      .split(' ')
      .map((code) => [code, code]),
  ),
  en: 'en',
  'en-gb': 'en',
  'en-us': 'en-us',
  'en-ca': 'en-us',
  fr: 'fr',
  'fr-fr': 'fr',
  'fr-be': 'fr-be',
  'fr-ch': 'fr-ch',
  'pt-br': 'pt-br',
  'es-mx': 'es-419',
  'es-419': 'es-419',
  zh: 'cmn',
  'zh-cn': 'cmn',
  'zh-tw': 'cmn',
  epo: 'eo',
  no: 'nb',
  wls: 'cy',
});

/** The variant each gender's default voice speaks with (espeak-ng `--voices=variant`). */
const GENDER_VARIANT = { female: '+f3', male: '+m3' } as const satisfies Record<VoiceGender, string>;

/** What a Say asks for; the shape of CallPort's SayRequest, minus the text. */
export interface SayVoiceRequest {
  readonly language: string;
  readonly voiceName: string | null;
  readonly voiceGender: VoiceGender | null;
  /** A multiplier: 1 is normal speech (SCENARIO-LANGUAGE.md section 5.19: 0.5 to 2.0). */
  readonly speechRate: number;
}

export interface EspeakVoiceChoice {
  /** An espeak-ng `-v` value: `fr+f3`. */
  readonly voice: string;
  /** An espeak-ng `-s` value. */
  readonly wordsPerMinute: number;
}

export type EspeakVoiceResult = { ok: true; value: EspeakVoiceChoice } | { ok: false; reason: string };

function baseLanguage(language: string): string {
  return language.split('-', 1)[0] ?? language;
}

/** espeak-ng's pace for a rate multiplier, within espeak-ng's range; nonsense rates speak normally. */
export function espeakWordsPerMinute(speechRate: number): number {
  if (!Number.isFinite(speechRate) || speechRate <= 0) return ESPEAK_DEFAULT_WPM;
  return Math.min(ESPEAK_MAX_WPM, Math.max(ESPEAK_MIN_WPM, Math.round(ESPEAK_DEFAULT_WPM * speechRate)));
}

/** A seed voice by id (`TTS_EN-GB_SERENA`) or name (`Serena`), case-insensitive. */
export function findSeedVoice(voiceName: string): SeedVoice | undefined {
  const wanted = voiceName.trim().toUpperCase();
  return SEED_VOICES.find((voice) => voice.id === wanted || voice.name === wanted);
}

/** Resolves a Say to an espeak-ng voice and pace; fails only for a language espeak-ng cannot speak. */
export function resolveEspeakVoice(request: SayVoiceRequest): EspeakVoiceResult {
  const language = request.language.trim().toLowerCase().replaceAll('_', '-');
  const wordsPerMinute = espeakWordsPerMinute(request.speechRate);
  const named = request.voiceName === null ? undefined : findSeedVoice(request.voiceName);
  if (named !== undefined && baseLanguage(named.language) === baseLanguage(language)) {
    return { ok: true, value: { voice: named.espeakVoice, wordsPerMinute } };
  }
  const languageVoice = ESPEAK_LANGUAGE_VOICES[language] ?? ESPEAK_LANGUAGE_VOICES[baseLanguage(language)];
  if (languageVoice === undefined) return { ok: false, reason: `no voice speaks ${request.language}` };
  const variant = request.voiceGender === null ? '' : GENDER_VARIANT[request.voiceGender];
  return { ok: true, value: { voice: `${languageVoice}${variant}`, wordsPerMinute } };
}
